package dev.hush.core.baseline;

import dev.hush.core.model.Finding;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Holds the findings a team has accepted, so that a scan reports only what is new.
 *
 * <p>The file is meant to be committed and merged: one entry per line, sorted, with no line
 * numbers or dates, so that moving code does not make it stale and two branches adding
 * entries merge cleanly. An entry is {@code <rule> <path> <hash>}; for a secret the hash is
 * scrypt of the value with the file's random salt and a cost that makes guessing a weak
 * password from the file slow; for other findings it is a hash of where the finding is.
 */
public final class Baseline {
    static final String HEADER = "# hush baseline: accepted findings, one per line: <rule> <path> <hash>."
            + " Hashes are salted scrypt; no value can be read back.";
    private static final int COST = 1 << 14;

    private final byte[] salt;
    private final Set<String> entries;

    private Baseline(byte[] salt, Set<String> entries) {
        this.salt = salt;
        this.entries = entries;
    }

    /** Returns an empty baseline with a fresh random salt. */
    public static Baseline create() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new Baseline(salt, new TreeSet<>());
    }

    /**
     * Returns a baseline with this one's salt that accepts exactly {@code findings}: kept
     * entries stay byte-identical, so regenerating a committed baseline gives a small diff.
     */
    public Baseline accepting(Collection<Finding> findings) {
        Baseline baseline = new Baseline(salt, new TreeSet<>());
        for (Finding finding : findings) {
            baseline.entries.add(entry(finding));
        }
        return baseline;
    }

    /**
     * Reads a baseline file.
     *
     * @throws BaselineFormatException when a line is not an entry, naming the file and line
     */
    public static Baseline read(Path file) throws IOException {
        Objects.requireNonNull(file, "file == null");
        byte[] salt = null;
        Set<String> entries = new TreeSet<>();
        if (Files.isDirectory(file)) {
            throw new BaselineFormatException(file + ": is a folder; give the baseline file that 'hush baseline' wrote");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new BaselineFormatException(file + ": not UTF-8 text, so not a baseline; recreate it with 'hush baseline'");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("salt ")) {
                salt = parseHex(line.substring("salt ".length()), file, i + 1);
            } else if (line.split(" ").length == 3) {
                entries.add(line);
            } else {
                throw new BaselineFormatException(file + ":" + (i + 1)
                        + ": not a baseline entry; expected '<rule> <path> <hash>'. Recreate it with 'hush baseline'.");
            }
        }
        if (salt == null) {
            throw new BaselineFormatException(file + ": no 'salt' line; recreate it with 'hush baseline'.");
        }
        return new Baseline(salt, entries);
    }

    private static byte[] parseHex(String hex, Path file, int line) {
        try {
            return HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new BaselineFormatException(file + ":" + line + ": the salt is not hexadecimal; recreate it with 'hush baseline'.");
        }
    }

    /** Writes this baseline to {@code file}, sorted, one entry per line. */
    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add("salt " + HexFormat.of().formatHex(salt));
        lines.addAll(entries);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /**
     * Declares in the {@code .gitattributes} beside {@code file} that git merges it with the
     * union driver, and returns whether that file changed. Two branches that accept findings
     * whose entries sort next to each other insert lines at the same place, which a line merge
     * reports as a conflict however the file is laid out; keeping both sides' lines is always
     * right for a set of entries, and reading sorts and deduplicates them again.
     */
    public static boolean declareUnionMerge(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path attributes = absolute.resolveSibling(".gitattributes");
        String pattern = "/" + absolute.getFileName();
        List<String> lines = Files.isRegularFile(attributes)
                ? Files.readAllLines(attributes, StandardCharsets.UTF_8) : List.of();
        for (String line : lines) {
            List<String> words = List.of(line.strip().split("\\s+"));
            if (!words.isEmpty() && (words.get(0).equals(pattern) || words.get(0).equals(pattern.substring(1)))
                    && words.contains("merge=union")) {
                return false;
            }
        }
        List<String> updated = new ArrayList<>(lines);
        updated.add(pattern + " merge=union");
        Files.write(attributes, updated, StandardCharsets.UTF_8);
        return true;
    }

    /** Returns a baseline with this one's salt and entries that also accepts {@code findings}. */
    public Baseline including(Collection<Finding> findings) {
        Baseline baseline = new Baseline(salt, new TreeSet<>(entries));
        for (Finding finding : findings) {
            baseline.entries.add(entry(finding));
        }
        return baseline;
    }

    /** Returns whether {@code finding} was accepted. */
    public boolean accepts(Finding finding) {
        return hasCandidate(entries, finding) && entries.contains(entry(finding));
    }

    /**
     * Returns the entries that accept none of {@code findings}: accepted findings that have
     * since been fixed, which can be removed.
     */
    public List<String> staleEntries(Collection<Finding> findings) {
        Set<String> stale = new LinkedHashSet<>(entries);
        for (Finding finding : findings) {
            if (stale.isEmpty()) {
                break;
            }
            if (hasCandidate(stale, finding)) {
                stale.remove(entry(finding));
            }
        }
        return List.copyOf(stale);
    }

    /** Returns whether an entry for this finding's rule and path exists, before paying for the hash. */
    private static boolean hasCandidate(Set<String> entries, Finding finding) {
        String prefix = prefix(finding);
        return entries.stream().anyMatch(e -> e.startsWith(prefix));
    }

    private static String prefix(Finding finding) {
        // Entries are space-separated, so a path's spaces (and the escape character) are escaped.
        String path = finding.location().path().replace("%", "%25").replace(" ", "%20");
        return finding.ruleId() + " " + path + " ";
    }

    private String entry(Finding finding) {
        String hash = finding.secret()
                .map(secret -> HexFormat.of().formatHex(SCrypt.generate(
                        (finding.ruleId() + "\0" + secret.reveal()).getBytes(StandardCharsets.UTF_8), salt, COST, 8, 1, 16)))
                .orElseGet(() -> Fingerprints.sha256(Fingerprints.identity(finding)).substring(0, 32));
        return prefix(finding) + hash;
    }

    /** Returns how many findings this baseline accepts. */
    public int size() {
        return entries.size();
    }
}

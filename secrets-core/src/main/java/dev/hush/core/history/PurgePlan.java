package dev.hush.core.history;

import dev.hush.core.model.Finding;
import dev.hush.core.git.GitRepositories;
import dev.hush.core.git.IgnoreRules;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Repository;

/**
 * Plans the removal of found secrets from a repository's history: a replacements file for
 * {@code git filter-repo --replace-text} (also read by BFG's {@code --replace-text}) that
 * turns each value into {@value #REPLACEMENT}, and the commands to run with their warnings.
 *
 * <p>The replacements file holds every secret in clear, so it is created with mode 0600,
 * never inside the work tree unless ignored, and never over an existing file unless asked.
 * Values shorter than {@value #SHORTEST_PURGED} characters are left out: replacing
 * {@code admin} in every file of every commit would break the code; rotating them is what
 * makes the leaked value useless.
 */
public final class PurgePlan {
    /** What each value is replaced with. */
    public static final String REPLACEMENT = "***REMOVED***";
    static final int SHORTEST_PURGED = 8;

    private final List<String> lines;
    private final List<HistoryFinding> tooShort;

    private PurgePlan(List<String> lines, List<HistoryFinding> tooShort) {
        this.lines = lines;
        this.tooShort = tooShort;
    }

    /** Returns the plan that removes every secret value of {@code report}. */
    public static PurgePlan of(HistoryReport report) {
        Objects.requireNonNull(report, "report == null");
        TreeSet<String> literals = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        List<HistoryFinding> tooShort = new ArrayList<>();
        for (HistoryFinding finding : report.findings()) {
            Optional<String> value = finding.finding().secret().map(s -> s.reveal());
            if (value.isEmpty()) {
                continue;
            }
            List<String> parts = literalsOf(value.get());
            if (parts.isEmpty()) {
                tooShort.add(finding);
            }
            literals.addAll(parts);
        }
        // Longest first: a value inside a longer one must not be replaced before the longer one is.
        List<String> lines = new ArrayList<>();
        for (String literal : literals) {
            lines.add(escaped(literal) + "==>" + REPLACEMENT);
        }
        return new PurgePlan(List.copyOf(lines), List.copyOf(tooShort));
    }

    /**
     * Returns the literals that remove {@code value}: the value itself, or for a multi-line
     * value (a private key) each of its lines but the {@code -----BEGIN/END} armour, since
     * the replacements file holds one rule per line.
     */
    private static List<String> literalsOf(String value) {
        List<String> literals = new ArrayList<>();
        for (String line : value.split("\\R")) {
            String literal = line.strip();
            if (literal.length() >= SHORTEST_PURGED && !literal.startsWith("-----")) {
                literals.add(literal);
            }
        }
        return literals;
    }

    /** Marks a literal that starts like one of filter-repo's rule kinds as a literal. */
    private static String escaped(String literal) {
        boolean looksLikeAKind = literal.startsWith("regex:") || literal.startsWith("glob:")
                || literal.startsWith("literal:");
        return looksLikeAKind ? "literal:" + literal : literal;
    }

    /** Returns how many lines the replacements file has. */
    public int size() {
        return lines.size();
    }

    /** Returns the lines of the replacements file; they hold the secrets. */
    List<String> lines() {
        return lines;
    }

    /**
     * Writes the replacements file to {@code file}, mode 0600 from its creation.
     *
     * @param repository the repository the report is about: the file may not be inside its
     *     work tree unless {@code .gitignore} ignores it
     * @param overwrite whether an existing file may be replaced
     * @throws UnsafePurgePlanPathException when {@code file} is in the work tree and not ignored
     * @throws FileAlreadyExistsException when {@code file} exists and {@code overwrite} is false
     */
    public void writeReplacements(Path file, Path repository, boolean overwrite) throws IOException {
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(repository, "repository == null");
        Path target = file.toAbsolutePath().normalize();
        checkOutsideWorkTree(target, repository);
        byte[] content = (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8);
        FileAttribute<?>[] ownerOnly = target.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        if (!overwrite) {
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "exists; it is not overwritten unless asked (--force), or choose another path");
            }
            writeNew(target, content, ownerOnly);
            return;
        }
        Path temp = Files.createTempFile(target.getParent(), ".hush-purge-", ".tmp", ownerOnly);
        try {
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void writeNew(Path target, byte[] content, FileAttribute<?>[] ownerOnly) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(target,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "exists; it is not overwritten unless asked (--force), or choose another path");
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    private static void checkOutsideWorkTree(Path target, Path repository) throws IOException {
        try (Repository repo = GitRepositories.open(repository)) {
            Optional<Path> workTree = GitRepositories.workTree(repo);
            if (workTree.isEmpty()) {
                return;
            }
            Path top = workTree.get().toRealPath();
            Path parent = target.getParent();
            // The file does not exist yet; its folder's real path tells where it will land.
            Path where = Files.isDirectory(parent) ? parent.toRealPath().resolve(target.getFileName()) : target;
            Path gitDir = repo.getDirectory().toPath().toRealPath();
            if (!where.startsWith(top) || where.startsWith(gitDir)) {
                return;
            }
            String relative = top.relativize(where).toString().replace('\\', '/');
            Path exclude = gitDir.resolve("info").resolve("exclude");
            IgnoreRules ignores = new IgnoreRules(top, ".gitignore",
                    Files.isRegularFile(exclude) ? Optional.of(exclude) : Optional.empty());
            if (!ignores.isIgnored(relative, false)) {
                Path outside = Optional.ofNullable(top.getParent()).orElse(top)
                        .resolve(top.getFileName() + "-purge-replacements.txt");
                throw new UnsafePurgePlanPathException(target + " is inside the work tree " + top
                        + " and not ignored by .gitignore; the file holds every secret in clear and could be committed."
                        + " Write it outside the repository, e.g. " + outside + ", or ignore it first.");
            }
        }
    }

    /** Returns the commands to run with {@code replacementsFile}, in order, with their warnings. */
    public String instructions(Path replacementsFile) {
        String file = "'" + replacementsFile.toAbsolutePath().normalize().toString().replace("'", "'\\''") + "'";
        StringBuilder text = new StringBuilder();
        text.append("# hush purge plan: ").append(lines.size())
                .append(lines.size() == 1 ? " literal" : " literals").append(" to replace with ")
                .append(REPLACEMENT).append(" in every commit\n\n");
        text.append("""
                # 1. Rotate first. Every secret that was committed counts as leaked: revoke it at its
                #    provider and issue a new one (the rotation checklist of 'hush migrate' lists how).
                #    Rewriting history does not take back what was pushed: forks, other clones, CI
                #    caches and the host's cached views keep the old commits.
                """);
        if (!tooShort.isEmpty()) {
            text.append("#    These values are too short to replace everywhere safely and are not in the file;\n")
                    .append("#    rotating them is the fix:\n");
            for (HistoryFinding finding : tooShort) {
                Finding f = finding.finding();
                text.append("#      ").append(f.ruleId()).append(' ').append(f.location()).append('\n');
            }
        }
        text.append("""

                # 2. Rewrite a fresh mirror clone with git filter-repo (https://github.com/newren/git-filter-repo).
                git clone --mirror <remote-url> purge.git
                cd purge.git
                git filter-repo --replace-text %1$s
                #    Commit messages are not file contents; to clean them too, add: --replace-message %1$s
                #    Or with BFG Repo-Cleaner, which leaves the latest commit as it is (fix the current
                #    files first, e.g. with 'hush migrate', and commit):
                #      java -jar bfg.jar --replace-text %1$s purge.git
                #      git -C purge.git reflog expire --expire=now --all && git -C purge.git gc --prune=now --aggressive

                # 3. Check that nothing is left.
                hush history purge.git

                # 4. Publish. This force-push rewrites every branch and tag on the remote: agree on a
                #    time with everyone who pushes, and lift branch protection only for it.
                #    (filter-repo removes 'origin' so that nothing is pushed by mistake.)
                git remote add origin <remote-url>
                git push --force --all origin
                git push --force --tags origin

                # 5. Afterwards. Everyone with a clone must re-clone (delete it and clone again): a pull
                #    would merge the old history back. Forks and pull-request refs are not rewritten; ask the host to
                #    purge cached views. Then delete the replacements file, which holds the secrets:
                shred -u %1$s
                """.formatted(file));
        return text.toString();
    }
}

package dev.hush.core;

import dev.hush.core.testing.Reactor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans the scanners' published rule examples in {@code shared/corpus/credentials} (noseyparker's
 * {@code examples} and {@code negative_examples}, secretlint's {@code ng.*}/{@code ok.*} snapshots)
 * and pins, per rule family, how many true samples hush finds and how many near misses it flags.
 * The corpus measures the catalogue; no sample of it is copied into the catalogue.
 *
 * <p>A better figure is welcome: rewrite the pinned table with {@code -Dhush.updateCorpus=true}
 * and commit it with the rule change that earned it. A worse one fails here.
 */
class CredentialsCorpusTest {
    private static final String EXPECTED = "secrets-core/src/test/resources/credentials-corpus.expected";
    /** secretlint rules about file names, comments or demo patterns: no provider format to compare. */
    private static final Set<String> NOT_FORMATS = Set.of(
            "filter-comments", "no-dotenv", "no-homedir", "pattern", "example");
    private static final Pattern MESSAGES = Pattern.compile("\"messages\"\\s*:\\s*\\[\\s*(\\S)");

    private static Path corpus;

    @BeforeAll
    static void findCorpus() {
        corpus = locate().orElse(null);
        Assumptions.assumeTrue(corpus != null,
                "shared/corpus/credentials not found above " + Path.of("").toAbsolutePath() + ": corpus test skipped");
    }

    /** One sample: the files written for it under its own folder, and whether it should be found. */
    private record Case(String collection, String family, boolean positive, Map<String, byte[]> files) {
    }

    /** What hush did on one family: true samples found of all, near misses flagged of all. */
    private static final class Tally {
        int found;
        int positives;
        int flagged;
        int negatives;

        @Override
        public String toString() {
            return "tp " + found + "/" + positives + " fp " + flagged + "/" + negatives;
        }
    }

    @Test
    void findsAtLeastThePinnedShareOfEachFamilyAndFlagsNoMoreNearMisses(@TempDir Path work) throws IOException {
        List<Case> cases = new ArrayList<>();
        cases.addAll(noseyparker());
        cases.addAll(secretlint());
        for (int i = 0; i < cases.size(); i++) {
            for (Map.Entry<String, byte[]> file : cases.get(i).files().entrySet()) {
                Path target = work.resolve("c" + i).resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        }

        ScanReport report = Hush.scan().root(work).call();
        Map<Integer, Set<String>> flagged = new TreeMap<>();
        for (Finding finding : report.findings()) {
            String path = finding.location().path().replace('\\', '/');
            Matcher folder = Pattern.compile("(?:^|/)c(\\d+)/").matcher(path);
            if (folder.find()) {
                flagged.computeIfAbsent(Integer.parseInt(folder.group(1)), k -> new TreeSet<>()).add(finding.ruleId());
            }
        }

        Map<String, Tally> tallies = new TreeMap<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            boolean hit = flagged.containsKey(i);
            if (Boolean.getBoolean("hush.corpusDetails") && hit != c.positive()) {
                // Names the misses and the flagged near misses, to work on one family at a time.
                String text = new String(c.files().values().iterator().next(), StandardCharsets.UTF_8).replace("\n", "\\n");
                System.out.println((c.positive() ? "missed  " : "flagged ") + c.collection() + " " + c.family() + " "
                        + flagged.getOrDefault(i, Set.of()) + " " + c.files().keySet() + ": "
                        + text.substring(0, Math.min(300, text.length())));
            }
            for (String name : List.of(c.collection() + " (all)", c.collection() + " " + c.family())) {
                Tally tally = tallies.computeIfAbsent(name, k -> new Tally());
                if (c.positive()) {
                    tally.positives++;
                    tally.found += hit ? 1 : 0;
                } else {
                    tally.negatives++;
                    tally.flagged += hit ? 1 : 0;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        tallies.forEach((name, tally) -> lines.add(name + "\t" + tally));
        System.out.println("credentials corpus, per family (true samples found, near misses flagged):");
        lines.forEach(line -> System.out.println("  " + line));

        Path expectedFile = Reactor.root().resolve(EXPECTED);
        if (Boolean.getBoolean("hush.updateCorpus")) {
            Files.write(expectedFile, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(expectedFile).as("write it with -Dhush.updateCorpus=true").exists();
        Map<String, int[]> pinned = new TreeMap<>();
        for (String line : Files.readAllLines(expectedFile)) {
            Matcher m = Pattern.compile("(.+)\ttp (\\d+)/(\\d+) fp (\\d+)/(\\d+)").matcher(line);
            if (m.matches()) {
                pinned.put(m.group(1), new int[] {
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))});
            }
        }
        List<String> regressions = new ArrayList<>();
        pinned.forEach((name, pin) -> {
            Tally tally = tallies.get(name);
            if (tally == null || tally.positives != pin[1] || tally.negatives != pin[3]) {
                regressions.add(name + ": the corpus changed (" + tally + " against pinned tp " + pin[0] + "/" + pin[1]
                        + " fp " + pin[2] + "/" + pin[3] + ")");
            } else if (tally.found < pin[0] || tally.flagged > pin[2]) {
                regressions.add(name + ": " + tally + ", pinned tp " + pin[0] + "/" + pin[1] + " fp " + pin[2] + "/" + pin[3]);
            }
        });
        assertThat(regressions)
                .as("families that got worse than %s (rewrite it with -Dhush.updateCorpus=true only for an improvement)",
                        EXPECTED)
                .isEmpty();
        assertThat(pinned.keySet()).as("every family is pinned").containsAll(tallies.keySet());
    }

    /** Reads noseyparker's derived examples.tsv: rule id, tp or fp, the escaped example. */
    private static List<Case> noseyparker() throws IOException {
        List<Case> cases = new ArrayList<>();
        List<String> rows = Files.readAllLines(corpus.resolve("noseyparker/examples.tsv"), StandardCharsets.UTF_8);
        Set<String> truths = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split("\t", 3);
            if (cells[1].equals("tp")) {
                truths.add(cells[2]);
            }
        }
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split("\t", 3);
            // A rule's negative example that another of its rules lists as a true example is a real
            // credential (a Slack user token is not a bot token), not a near miss: count it once, as true.
            if (cells[1].equals("fp") && truths.contains(cells[2])) {
                continue;
            }
            String family = cells[0].replaceFirst("^np\\.", "").replaceFirst("\\.\\d+$", "");
            cases.add(new Case("noseyparker", family, cells[1].equals("tp"),
                    Map.of("example.txt", unescape(cells[2]).getBytes(StandardCharsets.UTF_8))));
        }
        return cases;
    }

    /** Reads secretlint's snapshots: a case's input files, positive as {@link #secretlintPositive} says. */
    private static List<Case> secretlint() throws IOException {
        List<Case> cases = new ArrayList<>();
        Path packages = corpus.resolve("secretlint/packages/@secretlint");
        List<Path> snapshots;
        try (Stream<Path> walk = Files.walk(packages)) {
            snapshots = walk.filter(p -> Files.isRegularFile(p.resolve("output.json")))
                    .filter(p -> p.getParent().getFileName().toString().equals("snapshots"))
                    .sorted()
                    .toList();
        }
        for (Path snapshot : snapshots) {
            String family = packages.relativize(snapshot).getName(0).toString().replaceFirst("^secretlint-rule-", "");
            if (NOT_FORMATS.contains(family)) {
                continue;
            }
            Map<String, byte[]> files = new TreeMap<>();
            try (Stream<Path> inputs = Files.list(snapshot)) {
                for (Path input : inputs.filter(p -> p.getFileName().toString().startsWith("input")).toList()) {
                    files.put(input.getFileName().toString(), Files.readAllBytes(input));
                }
            }
            if (files.isEmpty()) {
                continue;
            }
            cases.add(new Case("secretlint", family, secretlintPositive(snapshot), files));
        }
        return cases;
    }

    /**
     * Whether a secretlint snapshot holds a secret: its name says so where it has secretlint's prefix
     * ({@code ng.} is reported, {@code ok.} is not); otherwise, whether secretlint's own run reported
     * something (its output.json lists messages). The name comes first because output.json records
     * what secretlint found, not what the case is: its no-k8s-kind-secret and ftps cases are named
     * {@code ng.} and list no messages.
     */
    private static boolean secretlintPositive(Path snapshot) throws IOException {
        String name = snapshot.getFileName().toString();
        if (name.startsWith("ng.") || name.startsWith("ok.")) {
            return name.startsWith("ng.");
        }
        String output = Files.readString(snapshot.resolve("output.json"), StandardCharsets.UTF_8);
        Matcher messages = MESSAGES.matcher(output);
        return messages.find() && !messages.group(1).equals("]");
    }

    private static String unescape(String cell) {
        StringBuilder out = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\\' && i + 1 < cell.length()) {
                char next = cell.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Optional<Path> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/credentials");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

}

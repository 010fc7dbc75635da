package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanReport;
import dev.hush.core.testing.Reactor;
import dev.hush.core.testing.SharedFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Scans the real app catalogues of {@code shared/corpus/compose} (2,162 compose files with their
 * Dockerfiles and env files) and pins how many findings each rule reports there, so that a change
 * of detection on real compose projects is seen and reviewed: the test prints the counts, and
 * {@code -Dhush.updateDocs=true} rewrites the pinned table after such a review.
 *
 * <p>It also holds every inline-secret finding of the compose, dotenv and Dockerfile rules there
 * against a table judged by reading the files ({@code compose-judged.tsv}: file, line, key, the rule
 * that reports it or {@code -}, whether a reader calls it a secret, and why in one word, never the
 * value), with rows for the secrets hush misses. It prints the false findings and the misses, and
 * fails when a finding comes or goes, so that a regression of either is seen.
 */
class ComposeCatalogueCorpusTest {
    private static final String PINNED = "secrets-core/src/test/resources/compose-corpus.expected";
    private static final String JUDGED = "secrets-core/src/test/resources/compose-judged.tsv";
    private static final String REGENERATE =
            "mvn -pl secrets-core test -Dtest=ComposeCatalogueCorpusTest -Dhush.updateDocs=true";

    /** The rules whose findings are inline secrets under a key, judged in the table. */
    private static final Set<String> JUDGED_RULES = Set.of(
            "compose-inline-secret", "compose-weak-default", "compose-url-credentials", "compose-build-arg-secret",
            "dotenv-secret", "dotenv-weak-default", "dockerfile-arg-secret", "dockerfile-env-secret");

    private static final String HEADER = """
            # Judged inline-secret findings of the compose, dotenv and Dockerfile rules on shared/corpus/compose.
            # rule: what hush reports there now (- for nothing); verdict: whether a reader calls it a secret
            # (secret|not, ? until someone judges it); reason: why, in one word, never the value.
            # ComposeCatalogueCorpusTest checks every finding against this table; -Dhush.updateDocs=true
            # rewrites the rule column and adds new findings with verdict ?, to be judged by hand.
            file\tline\tkey\trule\tverdict\treason
            """;

    private static ScanReport report;
    private static Path root;

    private static ScanReport report() throws IOException {
        if (report == null) {
            Optional<Path> catalogues = SharedFolder.find("corpus/compose");
            Assumptions.assumeTrue(catalogues.isPresent(), "corpus/compose not found");
            root = catalogues.get();
            report = Hush.scan().root(root).config(HushConfig.defaults()).call();
        }
        return report;
    }

    @Test
    void reportsThePinnedFindingsOfEachRuleOnTheRealCatalogues() throws Exception {
        ScanReport report = report();
        Map<String, Long> byRule = new TreeMap<>(report.findings().stream()
                .collect(Collectors.groupingBy(Finding::ruleId, Collectors.counting())));
        String table = byRule.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue() + "\n")
                .collect(Collectors.joining());
        System.out.printf("compose catalogues: %d files, %d findings, %d errors%n%s", report.stats().files(),
                report.findings().size(), report.errors().size(), table);

        assertThat(byRule).as("privileged and docker.sock are found in the catalogues")
                .containsKeys("compose-privileged", "compose-docker-socket", "compose-inline-secret");
        Reactor.assertGeneratedFileIsCurrent(PINNED, table, REGENERATE);
    }

    /** Names one judged place: a key at a line of a file under the catalogues. */
    private record Spot(String file, int line, String key) {
    }

    /** One row of the judged table. */
    private record Judgement(Spot spot, String rule, String verdict, String reason) {
        String row() {
            return spot.file() + "\t" + spot.line() + "\t" + spot.key() + "\t" + rule + "\t" + verdict + "\t" + reason
                    + "\n";
        }

        boolean found() {
            return !rule.equals("-");
        }
    }

    @Test
    void agreesWithTheJudgedTableOnEveryInlineSecretAndPrintsTheFalseAndTheMissed() throws Exception {
        ScanReport report = report();
        Map<Spot, String> found = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            if (JUDGED_RULES.contains(finding.ruleId())) {
                String file = underRoot(finding.location().path());
                found.merge(new Spot(file, finding.location().line(), finding.key().orElse("-")), finding.ruleId(),
                        (a, b) -> a + "," + b);
            }
        }
        List<Judgement> judged = read(Reactor.root().resolve(JUDGED));
        List<Judgement> current = new ArrayList<>();
        for (Judgement judgement : judged) {
            current.add(new Judgement(judgement.spot(), found.getOrDefault(judgement.spot(), "-"), judgement.verdict(),
                    judgement.reason()));
        }
        Set<Spot> known = judged.stream().map(Judgement::spot).collect(Collectors.toSet());
        found.forEach((spot, rule) -> {
            if (!known.contains(spot)) {
                current.add(new Judgement(spot, rule, "?", "?"));
            }
        });
        current.sort(Comparator.comparing((Judgement j) -> j.spot().file()).thenComparingInt(j -> j.spot().line())
                .thenComparing(j -> j.spot().key()));

        List<Judgement> falseFindings = current.stream().filter(j -> j.found() && j.verdict().equals("not")).toList();
        List<Judgement> missed = current.stream().filter(j -> !j.found() && j.verdict().equals("secret")).toList();
        List<Judgement> unjudged = current.stream().filter(j -> j.verdict().equals("?")).toList();
        System.out.printf("compose judged: %d rows, %d findings, %d false findings, %d missed secrets, %d unjudged%n",
                current.size(), found.size(), falseFindings.size(), missed.size(), unjudged.size());
        falseFindings.forEach(j -> System.out.printf("  false: %s:%d %s %s (%s)%n", j.spot().file(), j.spot().line(),
                j.spot().key(), j.rule(), j.reason()));
        missed.forEach(j -> System.out.printf("  missed: %s:%d %s (%s)%n", j.spot().file(), j.spot().line(),
                j.spot().key(), j.reason()));

        String table = HEADER + current.stream().map(Judgement::row).collect(Collectors.joining());
        Reactor.assertGeneratedFileIsCurrent(JUDGED, table, REGENERATE + ", then judge the rows with verdict ?");
        assertThat(unjudged).as("findings nobody has judged in %s", JUDGED).isEmpty();
    }

    /** Returns {@code path} relative to the catalogues' folder, with forward slashes. */
    private static String underRoot(String path) {
        String normal = path.replace('\\', '/');
        String prefix = root.toString().replace('\\', '/') + "/";
        return normal.startsWith(prefix) ? normal.substring(prefix.length()) : normal;
    }

    private static List<Judgement> read(Path table) throws IOException {
        List<Judgement> rows = new ArrayList<>();
        if (!Files.exists(table)) {
            return rows;
        }
        for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("file\t")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            rows.add(new Judgement(new Spot(cells[0], Integer.parseInt(cells[1]), cells[2]), cells[3], cells[4],
                    cells[5]));
        }
        return rows;
    }
}

package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanReport;
import dev.hush.core.testing.Reactor;
import dev.hush.core.testing.SharedFolder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Scans the real app catalogues of {@code shared/corpus/compose} (2,162 compose files with their
 * Dockerfiles and env files) and pins how many findings each rule reports there, so that a change
 * of detection on real compose projects is seen and reviewed: the test prints the counts, and
 * {@code -Dhush.updateDocs=true} rewrites the pinned table after such a review.
 */
class ComposeCatalogueCorpusTest {
    private static final String PINNED = "secrets-core/src/test/resources/compose-corpus.expected";

    @Test
    void reportsThePinnedFindingsOfEachRuleOnTheRealCatalogues() throws Exception {
        Optional<Path> catalogues = SharedFolder.find("corpus/compose");
        Assumptions.assumeTrue(catalogues.isPresent(), "corpus/compose not found");

        ScanReport report = Hush.scan().root(catalogues.get()).config(HushConfig.defaults()).call();
        Map<String, Long> byRule = new TreeMap<>(report.findings().stream()
                .collect(Collectors.groupingBy(Finding::ruleId, Collectors.counting())));
        String table = byRule.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue() + "\n")
                .collect(Collectors.joining());
        System.out.printf("compose catalogues: %d files, %d findings, %d errors%n%s", report.stats().files(),
                report.findings().size(), report.errors().size(), table);

        assertThat(byRule).as("privileged and docker.sock are found in the catalogues")
                .containsKeys("compose-privileged", "compose-docker-socket", "compose-inline-secret");
        Reactor.assertGeneratedFileIsCurrent(PINNED, table,
                "mvn -pl secrets-core test -Dtest=ComposeCatalogueCorpusTest -Dhush.updateDocs=true");
    }
}

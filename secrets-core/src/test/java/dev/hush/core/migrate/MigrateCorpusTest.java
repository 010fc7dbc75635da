package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.model.Card;
import dev.hush.core.testing.SharedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Migrates every awesome-compose project that has inline secrets in a compose file, and checks the round trip. */
class MigrateCorpusTest {
    @TempDir
    Path root;

    static List<String> projectsWithInlineSecrets() throws IOException {
        Optional<Path> corpus = SharedFolder.find("corpus/awesome-compose");
        if (corpus.isEmpty()) {
            return List.of();
        }
        List<String> projects = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpus.get())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                boolean inline = Hush.scan().root(dir).call().findings().stream()
                        .anyMatch(f -> f.card() == Card.INLINE_SECRET && f.ruleId().startsWith("compose-") && ComposeFile.isComposeName(
                                f.location().path().substring(f.location().path().lastIndexOf('/') + 1)));
                if (inline) {
                    projects.add(dir.getFileName().toString());
                }
            }
        }
        return projects;
    }

    @Test
    void findsTheProjectsThatHoldInlineSecrets() throws IOException {
        Assumptions.assumeTrue(SharedFolder.find("corpus/awesome-compose").isPresent(), "corpus not found");
        assertThat(projectsWithInlineSecrets()).as("%s", projectsWithInlineSecrets()).containsExactly("aspnet-mssql", "gitea-postgres", "nextcloud-postgres",
                "nextcloud-redis-mariadb", "prometheus-grafana", "react-rust-postgres", "wasmedge-kafka-mysql",
                "wasmedge-mysql-nginx", "wordpress-mysql");
    }

    @ParameterizedTest
    @MethodSource("projectsWithInlineSecrets")
    void migratesAndUndoesTheProject(String project) throws Exception {
        Assumptions.assumeTrue(MigrationRoundTrip.hasDockerCompose(), "docker-compose not installed: its check is skipped");
        MigrationRoundTrip.copy(SharedFolder.require("corpus/awesome-compose/" + project), root);

        MigrationRoundTrip.Outcome outcome = MigrationRoundTrip.check(root, Hush.migrate(), true);

        assertThat(outcome.planned().decisions()).isNotEmpty();
        // Only URLs with a password are handed to the user in this corpus.
        assertThat(outcome.planned().decisions()).filteredOn(d -> d.action() == MigrationDecision.Action.MANUAL)
                .allMatch(d -> d.finding().ruleId().equals("compose-url-credentials"));
    }

    /** Returns every folder of the corpus that holds a compose file, relative to the corpus. */
    static List<String> composeFolders() throws IOException {
        Optional<Path> corpus = SharedFolder.find("corpus");
        if (corpus.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(corpus.get())) {
            return walk.filter(p -> ComposeFile.isComposeName(p.getFileName().toString()) && Files.isRegularFile(p))
                    .map(p -> corpus.get().relativize(p.getParent()).toString().replace('\\', '/'))
                    .distinct().sorted().toList();
        }
    }

    @Test
    void keepsEveryVariableOfEveryStackInASampleOfTheCorpus() throws Exception {
        List<String> folders = composeFolders();
        Assumptions.assumeFalse(folders.isEmpty(), "corpus not found");
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < folders.size(); i += 15) {
            sample.add(folders.get(i));
        }
        walk(sample);
    }

    @Test
    @org.junit.jupiter.api.Tag("load")
    void keepsEveryVariableOfEveryStackInTheWholeCorpus() throws Exception {
        List<String> folders = composeFolders();
        Assumptions.assumeFalse(folders.isEmpty(), "corpus not found");
        walk(folders);
    }

    private void walk(List<String> folders) throws Exception {
        Path corpus = SharedFolder.require("corpus");
        int migrated = 0;
        int variables = 0;
        List<String> broken = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> manual = new ArrayList<>();
        for (String folder : folders) {
            Path project = Files.createTempDirectory(root, "stack");
            CorpusStacks.Outcome outcome = CorpusStacks.migrate(corpus.resolve(folder), project, folder);
            variables += outcome.variables();
            migrated += outcome.migrated() ? 1 : 0;
            outcome.refusal().ifPresent(r -> refused.add(folder + ": " + r));
            outcome.problems().forEach(p -> broken.add(folder + ": " + p));
            outcome.manual().forEach(m -> manual.add(folder + ": " + m));
        }
        System.out.printf("corpus migration: %d folders walked, %d migrated, %d variables checked, %d stacks keep every"
                + " variable, %d problems, %d refused%n", folders.size(), migrated, variables,
                folders.size() - broken.stream().map(b -> b.substring(0, b.indexOf(':'))).distinct().count()
                        - refused.size(), broken.size(), refused.size());
        System.out.printf("corpus migration: %d values left in committed files, all listed to the user as manual%n",
                manual.size());
        java.util.Map<String, Long> causes = new java.util.TreeMap<>();
        manual.forEach(m -> causes.merge(m.substring(m.lastIndexOf('[') + 1, m.length() - 1), 1L, Long::sum));
        causes.forEach((cause, count) -> System.out.printf("  manual %5d %s%n", count, cause));
        refused.forEach(r -> System.out.println("  refused " + r));
        manual.forEach(m -> System.out.println("  manual " + m));
        broken.forEach(b -> System.out.println("  broken " + b));
        // A value left in a file git would commit is a problem unless the migration listed it as manual, with its reason.
        assertThat(broken).isEmpty();
    }
}

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
}

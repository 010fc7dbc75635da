package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.migrate.MigrationDecision.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrates the bundled leaky demo end to end, as the README's walkthrough does. */
class LeakyAppMigrationTest {
    @TempDir
    Path root;

    private static Path leakyApp() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples/leaky-app");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("examples/leaky-app not found");
    }

    @Test
    void migratesEveryUnambiguousSecretAndHandsTheRestToTheChecklist() throws Exception {
        MigrationRoundTrip.copy(leakyApp(), root);

        MigrationRoundTrip.Outcome outcome = MigrationRoundTrip.check(root, Hush.migrate(), true);

        assertThat(outcome.planned().decisions())
                .filteredOn(d -> d.action() == Action.MIGRATE)
                .extracting(d -> d.finding().key().orElse("") + " -> " + d.secret().map(SecretName::value).orElse(""))
                .contains("POSTGRES_PASSWORD -> postgres_password", "JWT_SECRET -> jwt_secret",
                        "SESSION_SECRET -> session_secret", "REDIS_PASSWORD -> redis_password",
                        "NPM_TOKEN -> npm_token", "STRIPE_API_KEY -> stripe_api_key", "DATABASE_URL -> database_url");
        assertThat(outcome.planned().decisions())
                .filteredOn(d -> d.action() == Action.MANUAL)
                .extracting(d -> d.finding().ruleId())
                .containsExactlyInAnyOrder("dockerfile-env-secret", "github-pat");
        assertThat(outcome.planned().decisions())
                .filteredOn(d -> d.action() == Action.CHECKLIST)
                .extracting(d -> d.finding().ruleId())
                .containsExactly("compose-privileged", "compose-docker-socket");
        // web is built here and reads the mounted secret; worker and cache keep their variables from ignored env files.
        assertThat(outcome.planned().plan().checklist())
                .contains(new ChecklistItem.ReadFromFile(SecretName.of("database_url"), "web", "DATABASE_URL",
                        AppLanguage.JAVASCRIPT))
                .noneMatch(item -> item instanceof ChecklistItem.ReadFromFile read && !read.service().equals("web"));
    }

    @Test
    void appliesTheRewritesItPromised() throws Exception {
        MigrationRoundTrip.copy(leakyApp(), root);
        MigrateCommand migrate = Hush.migrate().root(root);

        migrate.apply(migrate.plan().plan());

        String compose = Files.readString(root.resolve("compose.yaml"));
        // db reads POSTGRES_PASSWORD_FILE, worker does not: the shared entry leaves the anchor and each gets its own delivery.
        assertThat(compose).contains("""
                x-db-credentials: &db-credentials
                  POSTGRES_USER: shop

                """).contains("""
                      POSTGRES_DB: shop
                      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
                """).contains("""
                      QUEUE: orders
                    env_file:
                      - ./.secrets/worker.env
                """);
        assertThat(Files.readString(root.resolve(".secrets/worker.env")))
                .endsWith("\nPOSTGRES_PASSWORD='hushDemo-Pg-0a7f3c91e4'\n");
        assertThat(compose).contains("""
                    build:
                      context: .
                      secrets:
                        - npm_token
                    image: leaky/web:dev
                """);
        assertThat(Files.readString(root.resolve("Dockerfile"))).startsWith("# syntax=docker/dockerfile:1.10\n")
                .doesNotContain("ARG NPM_TOKEN")
                .contains("RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo")
                .contains("ENV ADMIN_PASSWORD=");
        assertThat(Files.readString(root.resolve(".env"))).isEqualTo("""
                # Loaded by compose.yaml (env_file) and interpolated into it (${STRIPE_API_KEY}).
                MAIL_FROM=shop@example.test
                """);
        assertThat(Files.readString(root.resolve(".env.example"))).isEqualTo("""
                # Loaded by compose.yaml (env_file) and interpolated into it (${STRIPE_API_KEY}).
                STRIPE_API_KEY=
                SESSION_SECRET=
                MAIL_FROM=
                """);
        // The compose default was never used while .env set the variable: the secret holds the .env value.
        assertThat(Files.readString(root.resolve(".secrets/session_secret.txt"))).isEqualTo("hushDemo-session-from-dotenv-2b7c");
        assertThat(Files.readString(root.resolve(".gitignore"))).contains(".secrets/\n", ".hush/\n", "/.env\n");
        // web is built from the root, which now holds .secrets/ and .hush/: its context must leave them out.
        assertThat(Files.readString(root.resolve(".dockerignore"))).isEqualTo("# added by hush migrate\n.secrets/\n.hush/\n");
        assertThat(DockerContexts.leaks(root, java.util.List.of())).isEmpty();
        assertThat(Files.readString(root.resolve("SECRETS-ROTATION.md"))).contains("## Secret `npm_token`")
                .doesNotContain("hushDemo", "hushDEMO");
    }

    @Test
    void movesTheWholeUrlWhenTheAppReadsFileVariables() throws Exception {
        MigrationRoundTrip.copy(leakyApp(), root);

        MigrationRoundTrip.Outcome outcome = MigrationRoundTrip.check(root,
                Hush.migrate().readsFileVariables(Set.of("web", "worker")), true);

        assertThat(outcome.planned().decisions())
                .filteredOn(d -> d.finding().ruleId().equals("compose-url-credentials"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.action()).isEqualTo(Action.MIGRATE);
                    assertThat(d.secret()).contains(SecretName.of("database_url"));
                    assertThat(d.explanation()).contains("DATABASE_URL_FILE: /run/secrets/database_url");
                });
        assertThat(outcome.planned().plan().checklist())
                .noneMatch(item -> item instanceof ChecklistItem.ReadFromFile read && read.service().equals("web"));
    }

    @Test
    void aSecondPlanOfTheMigratedDemoIsEmpty() throws Exception {
        MigrationRoundTrip.copy(leakyApp(), root);
        MigrateCommand migrate = Hush.migrate().root(root);
        migrate.apply(migrate.plan().plan());

        PlannedMigration again = Hush.migrate().root(root).plan();

        assertThat(again.plan().isEmpty()).isTrue();
        assertThat(again.decisions()).noneMatch(d -> d.action() == Action.MIGRATE);
        assertThat(Optional.of(again.plan().secretFiles())).contains(java.util.List.of());
    }
}

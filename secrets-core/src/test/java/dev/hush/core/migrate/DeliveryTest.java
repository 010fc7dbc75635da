package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.migrate.MigrationDecision.Action;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** Each value reaches its service the way the service read it: file variable, mounted secret or ignored env file. */
class DeliveryTest extends ProjectRewriteTest {
    static final String PASSWORD = "hushTest-Ghost-7e21c0d4";
    static final String URL = "postgresql://app:hushTest-Url-55c1a9@db/app";

    @Test
    void keepsTheVariableOfAnImageThatReadsNoFileFromAnIgnoredEnvFile() throws Exception {
        write("compose.yaml", """
                services:
                  ghost:
                    image: ghost:5
                    environment:
                      database__connection__password: %s
                      LANGFLOW_DATABASE_URL: %s
                      url: http://localhost:2368
                """.formatted(PASSWORD, URL));

        PlannedMigration planned = migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  ghost:
                    image: ghost:5
                    environment:
                      url: http://localhost:2368
                    env_file:
                      - ./.secrets/ghost.env
                """);
        assertThat(read(".secrets/ghost.env")).endsWith("\ndatabase__connection__password='" + PASSWORD + "'\n"
                + "LANGFLOW_DATABASE_URL='" + URL + "'\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(".secrets/ghost.env"))))
                .isEqualTo("rw-------");
        assertThat(planned.decisions()).allMatch(d -> d.action() == Action.MIGRATE)
                .allMatch(d -> d.explanation().contains("keeps") && d.explanation().contains(".secrets/ghost.env"));
    }

    @Test
    void takesABuildInAnotherStackOfTheFolderForThatStackOnly() throws Exception {
        // Two stacks side by side, each run with -f: Compose merges neither into the other.
        write("docker-compose-mysql.yml", """
                services:
                  app:
                    image: temporalio/auto-setup:1
                    environment:
                      MYSQL_PWD: %s
                """.formatted(PASSWORD));
        write("docker-compose-tls.yml", """
                services:
                  app:
                    build: ./tls
                """);

        migrate();

        assertThat(read("docker-compose-mysql.yml")).contains("env_file:").doesNotContain(PASSWORD)
                .doesNotContain("secrets:");
        assertThat(read(".secrets/app.docker-compose-mysql.env")).endsWith("\nMYSQL_PWD='" + PASSWORD + "'\n");
    }

    @Test
    void appendsTheEnvFileAfterTheFilesTheServiceAlreadyLoads() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: percona:8
                    env_file: common.env
                    environment:
                      MYSQL_ROOT_PASSWORD: %s
                """.formatted(PASSWORD));
        write("common.env", "TZ=UTC\n");

        migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  db:
                    image: percona:8
                    env_file: [common.env, ./.secrets/db.env]
                """);
    }

    @Test
    void mountsTheSecretForAServiceBuiltHereAndNamesItsReader() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      SECRET_KEY: %s
                """.formatted(PASSWORD));
        write("api/requirements.txt", "flask\n");

        PlannedMigration planned = migrate();

        assertThat(read("compose.yaml")).contains("    secrets:\n      - secret_key\n").doesNotContain("SECRET_KEY");
        assertThat(planned.plan().checklist()).contains(new ChecklistItem.ReadFromFile(SecretName.of("secret_key"), "api",
                "SECRET_KEY", AppLanguage.PYTHON));
        assertThat(read(RotationChecklist.DEFAULT_PATH)).contains("```python",
                "secret_key = read_secret(\"/run/secrets/secret_key\", \"SECRET_KEY\")");
    }

    @Test
    void leavesAValueWithAQuoteToTheUserRatherThanWriteItTwoWays() throws Exception {
        write("compose.yaml", """
                services:
                  app:
                    image: example/app:1
                    environment:
                      API_TOKEN: "hushTest'quoted\\\\value"
                """);

        PlannedMigration planned = migrate();

        assertThat(read("compose.yaml")).contains("API_TOKEN");
        assertThat(planned.decisions()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(Action.MANUAL);
            assertThat(d.explanation()).contains("quote or a backslash").doesNotContain("hushTest");
        });
    }

    @Test
    void migratesValuesThatAreWordsOfTheChecklist() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: example
                  admin:
                    image: example/admin:1
                    environment:
                      ADMIN_PASSWORD: admin
                      APP_SECRET: secret
                """);

        PlannedMigration planned = migrate();

        assertThat(planned.decisions()).extracting(MigrationDecision::action).containsOnly(Action.MIGRATE);
        assertThat(read("compose.yaml")).doesNotContain("PASSWORD: example", "PASSWORD: admin", "SECRET: secret");
        assertThat(read("SECRETS-ROTATION.md")).contains("## Secret `postgres_password`");
    }
}

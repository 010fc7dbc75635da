package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import org.junit.jupiter.api.Test;

/**
 * No moved value is left silently in a file git would commit: a healthcheck or shell script that
 * quotes it reads it from the container instead, and whatever hush cannot rewrite is listed as
 * manual with its file, line and reason.
 */
class LeftValueTest extends ProjectRewriteTest {
    static final String PASSWORD = "hushTest-pw-5d1e9c";

    @Test
    void pointsACmdShellHealthcheckAtTheEnvFileVariable() throws Exception {
        write("compose.yaml", """
                services:
                  cache:
                    image: example/cache:1
                    environment:
                      CACHE_PASSWORD: %s
                    healthcheck:
                      test: cache-cli -a %s ping
                """.formatted(PASSWORD, PASSWORD));

        PlannedMigration planned = migrate();

        assertThat(read("compose.yaml")).doesNotContain(PASSWORD)
                .contains("test: cache-cli -a \"$${CACHE_PASSWORD}\" ping");
        assertThat(read(".secrets/cache.env")).contains("CACHE_PASSWORD='" + PASSWORD + "'");
        assertThat(planned.leftValues()).isEmpty();
    }

    @Test
    void readsTheSecretFileInTheHealthcheckOfAnImageThatReadsAFileVariable() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: mysql:8
                    environment:
                      MYSQL_ROOT_PASSWORD: %s
                    healthcheck:
                      test: ["CMD-SHELL", "mysqladmin ping -h localhost -p%s"]
                """.formatted(PASSWORD, PASSWORD));

        PlannedMigration planned = migrate();

        String compose = read("compose.yaml");
        assertThat(compose).doesNotContain(PASSWORD)
                .contains("\"mysqladmin ping -h localhost -p\\\"$$(cat /run/secrets/mysql_root_password)\\\"\"");
        ComposeFile model = ComposeFile.parse(new SourceFile("compose.yaml", compose));
        assertThat(model.services().get(0).commands()).filteredOn(c -> c.index() == 1).singleElement()
                .satisfies(c -> assertThat(c.value().text())
                .isEqualTo("mysqladmin ping -h localhost -p\"$$(cat /run/secrets/mysql_root_password)\""));
        assertThat(planned.leftValues()).isEmpty();
    }

    @Test
    void closesASingleQuoteAroundTheValueOfAShellScript() throws Exception {
        write("compose.yaml", """
                services:
                  worker:
                    image: example/worker:1
                    environment:
                      WORKER_TOKEN: %s
                    entrypoint: ["/bin/sh", "-c", "login --token '%s' && exec worker"]
                """.formatted(PASSWORD, PASSWORD));

        PlannedMigration planned = migrate();

        assertThat(read("compose.yaml")).doesNotContain(PASSWORD)
                .contains("\"login --token ''\\\"$${WORKER_TOKEN}\\\"'' && exec worker\"");
        assertThat(planned.leftValues()).isEmpty();
    }

    @Test
    void doesNotListHushsOwnChecklistForAValueThatIsAWordOfItsProse() throws Exception {
        // The checklist is built from names and places only: "secret" in its prose is a word, not the value.
        write("compose.yaml", """
                services:
                  app:
                    image: example/app:1
                    environment:
                      APP_SECRET: secret
                """);

        PlannedMigration planned = migrate();

        assertThat(read(RotationChecklist.DEFAULT_PATH)).contains("secret");
        assertThat(planned.leftValues()).extracting(LeftValue::path).doesNotContain(RotationChecklist.DEFAULT_PATH);
    }

    @Test
    void listsACommandThatNoShellRunsAsManualWithItsLine() throws Exception {
        write("compose.yaml", """
                services:
                  cache:
                    image: example/cache:1
                    environment:
                      CACHE_PASSWORD: %s
                    command: cache-server --requirepass %s
                """.formatted(PASSWORD, PASSWORD));

        PlannedMigration planned = migrate();

        assertThat(read("compose.yaml")).contains("command: cache-server --requirepass " + PASSWORD);
        int line = lineOf(read("compose.yaml"), "command:");
        assertThat(planned.leftValues()).singleElement().satisfies(left -> {
            assertThat(left.path()).isEqualTo("compose.yaml");
            assertThat(left.line()).isEqualTo(line);
            assertThat(left.secret()).isEqualTo(SecretName.of("cache_password"));
            assertThat(left.reason()).contains("command of service cache").contains("no shell runs it")
                    .doesNotContain(PASSWORD);
        });
        assertThat(read(RotationChecklist.DEFAULT_PATH)).contains("compose.yaml line " + line).doesNotContain(PASSWORD);
    }

    @Test
    void leavesTheSameLettersInsideALongerWordOfACommandAndListsThem() throws Exception {
        write("compose.yaml", """
                services:
                  web:
                    image: example/web:1
                    environment:
                      WEB_SECRET: admin
                    healthcheck:
                      test: curl -f http://localhost/administration
                """);

        PlannedMigration planned = migrate();

        // "administration" is not the value: the healthcheck keeps its text, and the letters are listed.
        assertThat(read("compose.yaml")).contains("test: curl -f http://localhost/administration");
        assertThat(planned.leftValues()).filteredOn(l -> l.path().equals("compose.yaml")).singleElement()
                .satisfies(left -> assertThat(left.reason()).contains("part of a longer word"));
    }

    @Test
    void listsASecondNonSecretEntryAndAReadmeThatHoldTheValue() throws Exception {
        write("compose.yaml", """
                services:
                  app:
                    image: example/app:1
                    environment:
                      APP_PASSWORD: %s
                      APP_GREETING: %s
                """.formatted(PASSWORD, PASSWORD));
        write("README.md", "Log in with " + PASSWORD + ".\n");

        PlannedMigration planned = migrate();

        assertThat(planned.leftValues()).extracting(l -> l.path() + ":" + l.line())
                .containsExactlyInAnyOrder("compose.yaml:" + lineOf(read("compose.yaml"), "APP_GREETING"), "README.md:1");
        assertThat(planned.leftValues()).filteredOn(l -> l.path().equals("compose.yaml")).singleElement()
                .satisfies(l -> assertThat(l.reason()).startsWith("APP_GREETING of service app holds the same value"));
        assertThat(planned.leftValues()).filteredOn(l -> l.path().equals("README.md")).singleElement()
                .satisfies(l -> assertThat(l.reason()).isEqualTo("hush does not rewrite README.md; take the value out of it by hand"));
    }

    @Test
    void doesNotListValuesInFilesGitIgnores() throws Exception {
        write(".gitignore", "notes.txt\n");
        write("notes.txt", PASSWORD + "\n");
        write("compose.yaml", """
                services:
                  app:
                    image: example/app:1
                    environment:
                      APP_PASSWORD: %s
                """.formatted(PASSWORD));

        PlannedMigration planned = migrate();

        assertThat(planned.leftValues()).isEmpty();
    }

    @Test
    void leavesAScriptAloneWhenAnotherSettingHoldsTheSameValue() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER: %s
                      POSTGRES_PASSWORD: %s
                    healthcheck:
                      test: ["CMD-SHELL", "pg_isready -U %s"]
                """.formatted(PASSWORD, PASSWORD, PASSWORD));

        PlannedMigration planned = migrate();

        // The healthcheck names the user, whose value happens to be the password: after a rotation they differ.
        assertThat(read("compose.yaml")).contains("pg_isready -U " + PASSWORD).doesNotContain("$$(cat");
        assertThat(planned.leftValues()).extracting(LeftValue::reason)
                .anyMatch(r -> r.contains("POSTGRES_USER of service db holds the same value"))
                .anyMatch(r -> r.startsWith("healthcheck.test of service db quotes the value, and POSTGRES_USER"));
    }

    /** Returns the 1-based line of the first line of {@code text} that contains {@code part}. */
    private static int lineOf(String text, String part) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError(part + " not found");
    }
}

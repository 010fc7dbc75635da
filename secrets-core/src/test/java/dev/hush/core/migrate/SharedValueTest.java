package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.migrate.MigrationDecision.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One value, one secret: equal values share one name and one secret file, so one rotation changes all of them. */
class SharedValueTest extends ProjectRewriteTest {
    static final String SHARED = "hushTest-shared-4f1c2a";
    static final String ROOT = "hushTest-root-9a2b7e";

    @Test
    void namesTheSecretOfAnAppAndItsDatabaseAfterTheDatabasesKey() throws Exception {
        write("compose.yaml", """
                services:
                  joomla:
                    image: joomla:5
                    environment:
                      JOOMLA_DB_HOST: joomladb
                      JOOMLA_DB_PASSWORD: %s
                  joomladb:
                    image: mysql:8
                    environment:
                      MYSQL_ROOT_PASSWORD: %s
                      MYSQL_PASSWORD: %s
                """.formatted(SHARED, ROOT, SHARED));

        PlannedMigration planned = migrate();

        assertThat(planned.plan().secretFiles()).extracting(SecretFile::path)
                .containsExactlyInAnyOrder(".secrets/mysql_password.txt", ".secrets/mysql_root_password.txt");
        assertThat(read(".secrets/mysql_password.txt")).isEqualTo(SHARED);
        assertThat(read("compose.yaml"))
                .contains("JOOMLA_DB_PASSWORD_FILE: /run/secrets/mysql_password")
                .contains("MYSQL_PASSWORD_FILE: /run/secrets/mysql_password")
                .doesNotContain(SHARED);
        assertThat(planned.decisions()).filteredOn(d -> !d.finding().key().orElse("").contains("ROOT"))
                .hasSize(2)
                .allSatisfy(d -> {
                    assertThat(d.action()).isEqualTo(Action.MIGRATE);
                    assertThat(d.secret()).hasValue(SecretName.of("mysql_password"));
                    assertThat(d.explanation()).contains("shared by JOOMLA_DB_PASSWORD of service joomla and"
                            + " MYSQL_PASSWORD of service joomladb");
                });
        List<ChecklistItem.Rotate> rotations = rotations(planned);
        assertThat(rotations).extracting(ChecklistItem.Rotate::name)
                .containsExactlyInAnyOrder(SecretName.of("mysql_password"), SecretName.of("mysql_root_password"));
        assertThat(rotations).filteredOn(r -> r.name().value().equals("mysql_password")).singleElement()
                .satisfies(r -> {
                    assertThat(r.inlineAt()).hasSize(2);
                    assertThat(r.services()).containsExactly("joomla", "joomladb");
                });
        assertThat(checklistText()).contains("shared by JOOMLA_DB_PASSWORD of service joomla and MYSQL_PASSWORD of"
                + " service joomladb").doesNotContain(SHARED);
    }

    @Test
    void saysThatAUrlHoldsThePasswordOfAnotherSecret() throws Exception {
        String url = "postgresql://app:" + SHARED + "@db/app";
        write("compose.yaml", """
                services:
                  app:
                    image: example/app:1
                    environment:
                      DATABASE_URL: %s
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: %s
                """.formatted(url, SHARED));

        PlannedMigration planned = migrate();

        // The URL is delivered whole, the password of the database is a secret of its own.
        assertThat(read(".secrets/app.env")).contains("DATABASE_URL='" + url + "'");
        assertThat(read(".secrets/postgres_password.txt")).isEqualTo(SHARED);
        assertThat(planned.decisions()).filteredOn(d -> d.finding().key().orElse("").equals("DATABASE_URL"))
                .singleElement().satisfies(d -> assertThat(d.explanation())
                        .contains("The URL's password is the value of secret postgres_password"));
        assertThat(planned.plan().notes()).anyMatch(n -> n.contains("database_url")
                && n.contains("postgres_password") && !n.contains(SHARED));
        assertThat(checklistText()).contains("password inside secret `database_url` is the value of secret"
                + " `postgres_password`").doesNotContain(SHARED);
    }

    @Test
    void sharesOneSecretBetweenADotenvLineAndAComposeVariable() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    image: example/api:1
                    environment:
                      DB_PASSWORD: ${DB_PASSWORD}
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: %s
                """.formatted(SHARED));
        write(".env", "DB_PASSWORD=" + SHARED + "\nLOG_LEVEL=debug\n");

        PlannedMigration planned = migrate();

        assertThat(planned.plan().secretFiles()).extracting(SecretFile::path)
                .containsExactly(".secrets/api.env", ".secrets/postgres_password.txt");
        assertThat(read(".env")).isEqualTo("LOG_LEVEL=debug\n");
        assertThat(read(".secrets/api.env")).contains("DB_PASSWORD='" + SHARED + "'");
        assertThat(read("compose.yaml")).contains("POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password")
                .doesNotContain(SHARED);
        assertThat(planned.decisions()).hasSize(2).allSatisfy(d -> {
            assertThat(d.secret()).hasValue(SecretName.of("postgres_password"));
            assertThat(d.explanation()).contains("shared by");
        });
    }

    @Test
    void sharesOneSecretBetweenABuildArgAndAVariable() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build:
                      context: ./api
                      args:
                        NPM_TOKEN: %s
                  worker:
                    image: example/worker:1
                    environment:
                      NPM_TOKEN: %s
                """.formatted(SHARED, SHARED));
        write("api/Dockerfile", "FROM node:20\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=$NPM_TOKEN\" > .npmrc && npm ci\n");

        PlannedMigration planned = migrate();

        assertThat(planned.plan().secretFiles()).extracting(SecretFile::path)
                .containsExactly(".secrets/worker.env", ".secrets/npm_token.txt");
        assertThat(checklistText()).contains("Secret `npm_token` is shared by build argument NPM_TOKEN of service api"
                + " and NPM_TOKEN of service worker").contains("`hush rotate npm_token` writes one new value in `.secrets/npm_token.txt` and `.secrets/worker.env` at once");
        assertThat(planned.decisions()).filteredOn(d -> d.action() == Action.MIGRATE).hasSize(2)
                .allSatisfy(d -> assertThat(d.secret()).hasValue(SecretName.of("npm_token")));
    }

    @Test
    void neverMergesValuesThatOnlyLookAlike() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      JWT_SECRET: hushTest-Alike-7c2e
                      API_TOKEN: HUSHTEST-ALIKE-7C2E
                  admin:
                    build: ./admin
                    environment:
                      JWT_SECRET: "hushTest-Alike-7c2e "
                """);

        PlannedMigration planned = migrate();

        assertThat(planned.plan().secretFiles()).extracting(SecretFile::path).containsExactlyInAnyOrder(
                ".secrets/jwt_secret.txt", ".secrets/api_token.txt", ".secrets/admin_jwt_secret.txt");
        assertThat(read(".secrets/admin_jwt_secret.txt")).isEqualTo("hushTest-Alike-7c2e ");
        assertThat(planned.decisions()).noneMatch(d -> d.explanation().contains("shared by"));
    }

    private static List<ChecklistItem.Rotate> rotations(PlannedMigration planned) {
        return planned.plan().checklist().stream().filter(ChecklistItem.Rotate.class::isInstance)
                .map(ChecklistItem.Rotate.class::cast).toList();
    }

    private String checklistText() throws Exception {
        return read(RotationChecklist.DEFAULT_PATH);
    }
}

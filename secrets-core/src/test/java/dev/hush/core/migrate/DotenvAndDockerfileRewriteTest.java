package dev.hush.core.migrate;

import java.nio.file.Files;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.migrate.MigrationDecision.Action;
import org.junit.jupiter.api.Test;

/** Rewrites of dotenv files a compose file uses, and of Dockerfiles whose build arguments carry secrets. */
class DotenvAndDockerfileRewriteTest extends ProjectRewriteTest {
    static final String TOKEN = "hushTest-token-0b5e2d9c41";
    static final String PG = "hushTest-Pg-6d1e0c77a2";

    @Test
    void movesInterpolatedAndLoadedDotenvSecretsAndKeepsTheirKeysInTheExample() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                  api:
                    build: ./api
                    env_file: .env
                """);
        write(".env", """
                # local settings
                DB_PASSWORD=%s
                export API_TOKEN='%s'   # from the vendor
                LOG_LEVEL=debug
                """.formatted(PG, TOKEN));

        PlannedMigration planned = migrate();

        assertThat(read(".env")).isEqualTo("""
                # local settings
                LOG_LEVEL=debug
                """);
        assertThat(read(".env.example")).isEqualTo("""
                # local settings
                DB_PASSWORD=
                export API_TOKEN=   # from the vendor
                LOG_LEVEL=
                """);
        // One value, one secret: named after the dotenv key it came from, shared by both uses.
        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                    secrets:
                      - db_password
                  api:
                    build: ./api
                    env_file: .env
                    secrets:
                      - db_password
                      - api_token
                secrets:
                  db_password:
                    file: ./.secrets/db_password.txt
                  api_token:
                    file: ./.secrets/api_token.txt
                """);
        assertThat(read(".secrets/api_token.txt")).isEqualTo(TOKEN);
        assertThat(read(".gitignore")).contains("/.env\n");
        assertThat(planned.plan().checklist()).contains(
                new ChecklistItem.ReadFromFile(SecretName.of("api_token"), "api", "API_TOKEN"));
    }

    @Test
    void item8WritesTheValueComposeResolvesFromEarlierLinesOfTheDotenvFileIntoTheSecretFile() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                  api:
                    build: ./api
                    environment:
                      API_TOKEN: ${API_TOKEN:-hushTest-default-9d2f}
                      CACHE_PASSWORD: ${CACHE_PASSWORD}
                      SIGNING_KEY: ${SIGNING_KEY}
                """);
        write(".env", """
                DB_HOST_PART=zq
                DB_PASSWORD="base-${DB_HOST_PART}-Zq81vN3kLx"
                API_TOKEN=tok-${DB_HOST_PART:-none}-$$-Kq72mB
                CACHE_PASSWORD='lit-${DB_HOST_PART}-Wn45xR'
                SIGNING_KEY="l1\\nsig-\\$DB_HOST_PART-Pv38"
                """);

        PlannedMigration planned = migrate();

        assertThat(planned.decisions()).filteredOn(d -> d.finding().location().path().equals(".env")).hasSize(4)
                .allSatisfy(d -> assertThat(d.action()).as(d.explanation()).isEqualTo(MigrationDecision.Action.MIGRATE));
        assertThat(read(".secrets/db_password.txt")).isEqualTo("base-zq-Zq81vN3kLx");
        assertThat(read(".secrets/api_token.txt")).isEqualTo("tok-zq-$-Kq72mB");
        assertThat(read(".secrets/cache_password.txt")).isEqualTo("lit-${DB_HOST_PART}-Wn45xR");
        assertThat(read(".secrets/signing_key.txt")).isEqualTo("l1\nsig-$DB_HOST_PART-Pv38");
        // The line the others read stays; the preview never showed a value, as written or resolved.
        assertThat(read(".env")).isEqualTo("DB_HOST_PART=zq\n");
        assertThat(planned.plan().diff(false)).doesNotContain("Zq81vN3kLx", "Kq72mB", "Wn45xR", "Pv38");
    }

    @Test
    void item8ListsADotenvValueTheEnvironmentDecidesAsManualWithFileLineAndReason() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                      MYSQL_PASSWORD: ${MYSQL_PASSWORD}
                      REDIS_PASSWORD: ${REDIS_PASSWORD}
                """);
        // PATH is set in the environment the tests run in, and Compose looks there before the file.
        String dotenv = """
                PATH=/usr/bin
                DB_PASSWORD="base-${DB_HOST_PART}-Zq81vN3kLx"
                MYSQL_PASSWORD=${PATH}-Mq27vB
                REDIS_PASSWORD=${REDIS_PREFIX:?set it}-Rt61nC
                """;
        write(".env", dotenv);

        PlannedMigration planned = migrate();

        assertThat(planned.decisions()).filteredOn(d -> d.finding().location().path().equals(".env"))
                .extracting(MigrationDecision::action).containsOnly(MigrationDecision.Action.MANUAL).hasSize(3);
        assertThat(planned.decisions()).filteredOn(d -> d.finding().key().orElse("").equals("DB_PASSWORD"))
                .singleElement().satisfies(d -> assertThat(d.explanation())
                        .contains("DB_PASSWORD in .env (line 2) is interpolated by Compose")
                        .contains("DB_HOST_PART, which no earlier line of the file sets"));
        assertThat(planned.decisions()).filteredOn(d -> d.finding().key().orElse("").equals("MYSQL_PASSWORD"))
                .singleElement().satisfies(d -> assertThat(d.explanation())
                        .contains("(line 3)").contains("PATH, which is set in the environment hush runs in"));
        assertThat(planned.plan().checklist()).filteredOn(ChecklistItem.ManualSteps.class::isInstance)
                .extracting(item -> ((ChecklistItem.ManualSteps) item).title())
                .contains("Move DB_PASSWORD by hand (.env:2)", "Move MYSQL_PASSWORD by hand (.env:3)",
                        "Move REDIS_PASSWORD by hand (.env:4)");
        assertThat(read(".env")).isEqualTo(dotenv);
        assertThat(read("compose.yaml")).contains("POSTGRES_PASSWORD: ${DB_PASSWORD}");
        assertThat(Files.exists(root.resolve(".secrets/db_password.txt"))).isFalse();
    }

    @Test
    void item8KeepsADotenvSecretThatAnotherLineOfTheFileReads() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                """);
        String dotenv = """
                DB_PASSWORD=Zq81vN3kLx-base
                DATABASE_NOTE="uses ${DB_PASSWORD}"
                """;
        write(".env", dotenv);

        PlannedMigration planned = migrate();

        assertThat(planned.decisions()).filteredOn(d -> d.finding().key().orElse("").equals("DB_PASSWORD"))
                .singleElement().satisfies(d -> {
                    assertThat(d.action()).isEqualTo(MigrationDecision.Action.MANUAL);
                    assertThat(d.explanation()).contains("is read by DATABASE_NOTE on line 2 of .env");
                });
        assertThat(read(".env")).isEqualTo(dotenv);
    }

    @Test
    void updatesAnExistingExampleWithTheMissingKeysOnly() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    env_file: [.env]
                """);
        write(".env", "API_TOKEN=" + TOKEN + "\nREGION=eu\n");
        write(".env.example", "# copy to .env\nAPI_TOKEN=<your token>\n");

        migrate();

        assertThat(read(".env.example")).isEqualTo("# copy to .env\nAPI_TOKEN=<your token>\nREGION=\n");
        assertThat(read(".env")).isEqualTo("REGION=eu\n");
    }

    @Test
    void turnsABuildArgumentReadByRunIntoABuildSecret() throws Exception {
        write("compose.yaml", """
                services:
                  web:
                    build:
                      context: .
                      args:
                        NPM_TOKEN: %s
                        NODE_ENV: production
                    image: example/web:1
                """.formatted(TOKEN));
        write("Dockerfile", """
                # syntax=docker/dockerfile:1.4
                FROM node:20-alpine
                ARG NPM_TOKEN
                ARG NODE_ENV
                RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
                CMD ["node", "server.js"]
                """);

        migrate();

        assertThat(read("Dockerfile")).isEqualTo("""
                # syntax=docker/dockerfile:1.10
                FROM node:20-alpine
                ARG NODE_ENV
                RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
                CMD ["node", "server.js"]
                """);
        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  web:
                    build:
                      context: .
                      args:
                        NODE_ENV: production
                      secrets:
                        - npm_token
                    image: example/web:1
                secrets:
                  npm_token:
                    file: ./.secrets/npm_token.txt
                """);
    }

    @Test
    void turnsTheShortBuildFormIntoTheLongOneForADockerfileArgDefault() throws Exception {
        write("compose.yaml", """
                services:
                  web:
                    build: ./web
                """);
        write("web/Dockerfile", """
                FROM alpine:3
                ARG API_TOKEN=%s
                RUN wget --header "Authorization: Bearer $API_TOKEN" https://example.test/artifact
                """.formatted(TOKEN));

        migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  web:
                    build:
                      context: ./web
                      secrets:
                        - api_token
                secrets:
                  api_token:
                    file: ./.secrets/api_token.txt
                """);
        assertThat(read("web/Dockerfile")).isEqualTo("""
                # syntax=docker/dockerfile:1.10
                FROM alpine:3
                RUN --mount=type=secret,id=api_token,env=API_TOKEN wget --header "Authorization: Bearer $API_TOKEN" https://example.test/artifact
                """);
    }

    @Test
    void leavesAnAmbiguousDockerfileToTheChecklist() throws Exception {
        String compose = """
                services:
                  web:
                    build:
                      context: .
                      args:
                        API_TOKEN: %s
                """.formatted(TOKEN);
        String dockerfile = """
                FROM alpine:3
                ARG API_TOKEN
                ENV API_TOKEN=$API_TOKEN
                ENV ADMIN_PASSWORD=%s
                """.formatted(PG);
        write("compose.yaml", compose);
        write("Dockerfile", dockerfile);

        PlannedMigration planned = Hush.migrate().root(root).plan();

        assertThat(planned.plan().edits()).noneMatch(edit -> edit.path().equals("Dockerfile") || edit.path().equals("compose.yaml"));
        assertThat(planned.decisions()).extracting(d -> d.finding().ruleId() + " " + d.action()).contains(
                "compose-build-arg-secret MANUAL", "dockerfile-env-secret MANUAL");
        assertThat(planned.plan().checklist()).anySatisfy(item -> assertThat(item.heading())
                .isEqualTo("Build secret API_TOKEN of service web"));
        assertThat(planned.plan().secretFiles()).isEmpty();
    }

    @Test
    void listsProviderTokensInOtherFilesWithoutEditingThem() throws Exception {
        write("config/deploy.yaml", "github_token: ghp_hushTESTfakeAbCdEfGhIjKlMnOpQrStUvWx\n");

        PlannedMigration planned = Hush.migrate().root(root).plan();

        assertThat(planned.decisions()).singleElement().extracting(MigrationDecision::action).isEqualTo(Action.MANUAL);
        assertThat(planned.plan().isEmpty()).isTrue();
        assertThat(planned.plan().checklist()).hasAtLeastOneElementOfType(ChecklistItem.Rotate.class)
                .hasAtLeastOneElementOfType(ChecklistItem.ManualSteps.class);
    }
}

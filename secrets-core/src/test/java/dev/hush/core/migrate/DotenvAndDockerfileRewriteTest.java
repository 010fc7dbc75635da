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
    void leavesADotenvValueThatComposeInterpolatesToTheUserRatherThanMoveItsTextUnresolved() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                """);
        String dotenv = """
                DB_HOST_PART=zq
                DB_PASSWORD="base-${DB_HOST_PART}-Zq81vN3kLx"
                """;
        write(".env", dotenv);

        PlannedMigration planned = migrate();

        assertThat(planned.decisions()).filteredOn(d -> d.finding().location().path().equals(".env"))
                .isNotEmpty()
                .allSatisfy(d -> {
                    assertThat(d.action()).isEqualTo(MigrationDecision.Action.MANUAL);
                    assertThat(d.explanation()).contains("refers to another variable");
                });
        assertThat(read(".env")).isEqualTo(dotenv);
        assertThat(Files.exists(root.resolve(".secrets/db_password.txt"))).isFalse();
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

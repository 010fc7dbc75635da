package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.Hush;
import dev.hush.core.migrate.MigrationDecision.Action;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per rewrite case of a compose file, each asserting the exact text hush writes. */
class ComposeRewriteTest extends ProjectRewriteTest {
    static final String PG = "hushTest-Pg-6d1e0c77a2";
    static final String JWT = "hushTest-jwt-4c9e1b7a3f";

    @Test
    void replacesAMapEntryWithItsFileVariableWhenTheImageReadsIt() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER: app
                      POSTGRES_PASSWORD: %s
                """.formatted(PG));

        migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER: app
                      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
                    secrets:
                      - postgres_password
                secrets:
                  postgres_password:
                    file: ./.secrets/postgres_password.txt
                """);
        assertThat(read(".secrets/postgres_password.txt")).isEqualTo(PG);
    }

    @Test
    void removesAListEntryAndAsksTheAppToReadTheFileWhenTheImageIsUnknown() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      - LOG_LEVEL=info
                      - JWT_SECRET=%s
                    ports:
                      - "8080:8080"
                """.formatted(JWT));

        PlannedMigration planned = migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  api:
                    build: ./api
                    environment:
                      - LOG_LEVEL=info
                    ports:
                      - "8080:8080"
                    secrets:
                      - jwt_secret
                secrets:
                  jwt_secret:
                    file: ./.secrets/jwt_secret.txt
                """);
        assertThat(planned.plan().checklist()).contains(
                new ChecklistItem.ReadFromFile(SecretName.of("jwt_secret"), "api", "JWT_SECRET"));
        assertThat(planned.decisions()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(Action.MIGRATE);
            assertThat(d.explanation()).contains("jwt_secret", "/run/secrets/jwt_secret").doesNotContain(JWT);
        });
    }

    @Test
    void writesFileVariablesInListFormWithTheEntrysQuotes() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: docker.io/library/mariadb:11
                    environment:
                      - "MARIADB_ROOT_PASSWORD=%s"
                """.formatted(PG));

        migrate();

        assertThat(read("compose.yaml")).contains("""
                      - "MARIADB_ROOT_PASSWORD_FILE=/run/secrets/mariadb_root_password"
                    secrets:
                      - mariadb_root_password
                """);
    }

    @Test
    void removesTheEnvironmentKeyWithItsLastEntry() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      JWT_SECRET: %s
                    restart: always
                """.formatted(JWT));

        migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  api:
                    build: ./api
                    restart: always
                    secrets:
                      - jwt_secret
                secrets:
                  jwt_secret:
                    file: ./.secrets/jwt_secret.txt
                """);
    }

    @Test
    void appendsToExistingShortSecretsAndTopLevelSecrets() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      JWT_SECRET: %s
                    secrets:
                      - tls_key

                secrets:
                  tls_key:
                    file: ./certs/tls.key
                """.formatted(JWT));
        write("certs/tls.key", "not a key, a test file\n");

        migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  api:
                    build: ./api
                    secrets:
                      - tls_key
                      - jwt_secret

                secrets:
                  tls_key:
                    file: ./certs/tls.key
                  jwt_secret:
                    file: ./.secrets/jwt_secret.txt
                """);
    }

    @Test
    void appendsInTheLongSyntaxTheListAlreadyUses() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      JWT_SECRET: %s
                      LOG_LEVEL: info
                    secrets:
                      - source: tls_key
                        target: tls.key
                secrets:
                  tls_key:
                    file: ./tls.key
                """.formatted(JWT));
        write("tls.key", "not a key\n");

        migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  api:
                    build: ./api
                    environment:
                      LOG_LEVEL: info
                    secrets:
                      - source: tls_key
                        target: tls.key
                      - source: jwt_secret
                        target: jwt_secret
                secrets:
                  tls_key:
                    file: ./tls.key
                  jwt_secret:
                    file: ./.secrets/jwt_secret.txt
                """);
    }

    @Test
    void migratesAnAnchoredValueOnceForEveryServiceThatMergesIt() throws Exception {
        write("compose.yaml", """
                x-db: &db
                  POSTGRES_USER: app
                  POSTGRES_PASSWORD: %s
                services:
                  db:
                    image: postgres:16
                    environment:
                      <<: *db
                  backup:
                    image: postgres:16
                    environment:
                      <<: *db
                      SCHEDULE: daily
                """.formatted(PG));

        PlannedMigration planned = migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                x-db: &db
                  POSTGRES_USER: app
                  POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
                services:
                  db:
                    image: postgres:16
                    environment:
                      <<: *db
                    secrets:
                      - postgres_password
                  backup:
                    image: postgres:16
                    environment:
                      <<: *db
                      SCHEDULE: daily
                    secrets:
                      - postgres_password
                secrets:
                  postgres_password:
                    file: ./.secrets/postgres_password.txt
                """);
        assertThat(planned.plan().secretFiles()).hasSize(1);
    }

    @Test
    void movesTheLiteralDefaultOfAReferenceAndDropsTheReference() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      - JWT_SECRET=${JWT_SECRET:-%s}
                      - LOG_LEVEL=info
                """.formatted(JWT));

        migrate();

        assertThat(read("compose.yaml")).startsWith("""
                services:
                  api:
                    build: ./api
                    environment:
                      - LOG_LEVEL=info
                    secrets:
                      - jwt_secret
                """);
        assertThat(read(".secrets/jwt_secret.txt")).isEqualTo(JWT);
    }

    @Test
    void keepsCrlfLineBreaks() throws Exception {
        write("compose.yaml", ("services:\n  db:\n    image: postgres:16\n    environment:\n"
                + "      POSTGRES_PASSWORD: " + PG + "\n").replace("\n", "\r\n"));

        migrate();

        assertThat(read("compose.yaml")).isEqualTo(("services:\n  db:\n    image: postgres:16\n    environment:\n"
                + "      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets:\n      - postgres_password\n"
                + "secrets:\n  postgres_password:\n    file: ./.secrets/postgres_password.txt\n").replace("\n", "\r\n"));
    }

    @Test
    void followsFourSpaceIndentationAndListsLevelWithTheirKey() throws Exception {
        write("compose.yaml", """
                services:
                    db:
                        image: postgres:16
                        volumes:
                        - data:/var/lib/postgresql/data
                        environment:
                            POSTGRES_PASSWORD: %s
                volumes:
                    data:
                """.formatted(PG));

        migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                    db:
                        image: postgres:16
                        volumes:
                        - data:/var/lib/postgresql/data
                        environment:
                            POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
                        secrets:
                        - postgres_password
                volumes:
                    data:
                secrets:
                    postgres_password:
                        file: ./.secrets/postgres_password.txt
                """);
    }

    @Test
    void refusesATabIndentedFileWhichIsNotYaml() throws Exception {
        String compose = "services:\n  db:\n\timage: postgres:16\n\tenvironment:\n\t  POSTGRES_PASSWORD: " + PG + "\n";
        write("compose.yaml", compose);

        PlannedMigration planned = Hush.migrate().root(root).plan();

        assertThat(planned.plan().edits()).noneMatch(edit -> edit.path().equals("compose.yaml"));
        assertThat(planned.plan().notes()).anyMatch(note -> note.contains("compose.yaml could not be read fully"));
    }

    @Test
    void keepsCommentsNextToTheEditedLines() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      # the superuser
                      POSTGRES_USER: app   # not a secret
                      POSTGRES_PASSWORD: %s   # change me
                      # end of environment
                """.formatted(PG));

        migrate();

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  db:
                    image: postgres:16
                    environment:
                      # the superuser
                      POSTGRES_USER: app   # not a secret
                      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password   # change me
                      # end of environment
                    secrets:
                      - postgres_password
                secrets:
                  postgres_password:
                    file: ./.secrets/postgres_password.txt
                """);
    }

    @Test
    void editsAFileWithoutTrailingNewline() throws Exception {
        write("compose.yaml", "services:\n  api:\n    build: ./api\n    environment:\n      JWT_SECRET: " + JWT
                + "\n      LOG_LEVEL: info");

        migrate();

        assertThat(read("compose.yaml")).isEqualTo("services:\n  api:\n    build: ./api\n    environment:\n"
                + "      LOG_LEVEL: info\n    secrets:\n      - jwt_secret\nsecrets:\n  jwt_secret:\n"
                + "    file: ./.secrets/jwt_secret.txt");
    }

    @Test
    void pointsAComposeFileInASubfolderUpToTheSecretsFolder() throws Exception {
        write("deploy/compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: %s
                """.formatted(PG));

        migrate();

        assertThat(read("deploy/compose.yaml")).endsWith("""
                secrets:
                  postgres_password:
                    file: ../.secrets/postgres_password.txt
                """);
        assertThat(read(".secrets/postgres_password.txt")).isEqualTo(PG);
    }

    @Test
    void sharesOneSecretBetweenAFileAndItsOverride() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: %s
                """.formatted(PG));
        write("compose.override.yaml", """
                services:
                  db:
                    environment:
                      POSTGRES_PASSWORD: %s
                      POSTGRES_USER: dev
                """.formatted(PG));

        PlannedMigration planned = migrate();

        assertThat(planned.plan().secretFiles()).extracting(SecretFile::path).containsExactly(".secrets/postgres_password.txt");
        assertThat(read("compose.override.yaml")).isEqualTo("""
                services:
                  db:
                    environment:
                      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
                      POSTGRES_USER: dev
                    secrets:
                      - postgres_password
                secrets:
                  postgres_password:
                    file: ./.secrets/postgres_password.txt
                """);
    }

    @Test
    void prefixesTheServiceNameWhenTwoValuesShareAKey() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      JWT_SECRET: %s
                  admin:
                    build: ./admin
                    environment:
                      JWT_SECRET: hushTest-other-jwt-77c2e5
                """.formatted(JWT));

        PlannedMigration planned = migrate();

        assertThat(planned.plan().secretFiles()).extracting(SecretFile::path)
                .containsExactly(".secrets/jwt_secret.txt", ".secrets/admin_jwt_secret.txt");
        assertThat(read(".secrets/admin_jwt_secret.txt")).isEqualTo("hushTest-other-jwt-77c2e5");
    }

    @Test
    void reusesAnExistingSecretFileWithTheSameValue() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      JWT_SECRET: %s
                """.formatted(JWT));
        write(".secrets/jwt_secret.txt", JWT);

        MigrationResult result = Hush.migrate().root(root).apply(Hush.migrate().root(root).plan().plan());

        assertThat(result.secretFilesReused()).containsExactly(".secrets/jwt_secret.txt");
        assertThat(read("compose.yaml")).contains("file: ./.secrets/jwt_secret.txt");
    }

    @Test
    void neverTakesTheNameOfAnExistingFileWithAnotherValue() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      JWT_SECRET: %s
                """.formatted(JWT));
        write(".secrets/jwt_secret.txt", "hushTest-someone-elses-value");

        migrate();

        assertThat(read(".secrets/jwt_secret.txt")).isEqualTo("hushTest-someone-elses-value");
        assertThat(read(".secrets/api_jwt_secret.txt")).isEqualTo(JWT);
        assertThat(read("compose.yaml")).contains("- api_jwt_secret", "file: ./.secrets/api_jwt_secret.txt");
    }

    @Test
    void renamesAndSkipsAsTheUserChose() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: %s
                  api:
                    build: ./api
                    environment:
                      JWT_SECRET: %s
                """.formatted(PG, JWT));

        PlannedMigration planned = Hush.migrate().root(root).rename(Map.of("postgres_password", "db_root"))
                .skip(Set.of("JWT_SECRET")).plan();

        assertThat(planned.plan().secretFiles()).extracting(SecretFile::path).containsExactly(".secrets/db_root.txt");
        assertThat(planned.decisions()).extracting(MigrationDecision::action).containsExactly(Action.MIGRATE, Action.SKIP);
        assertThatThrownBy(() -> Hush.migrate().root(root).rename(Map.of("postgres_password", "../x")).plan())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hardensAPrivilegedServiceOnlyWhenAsked() throws Exception {
        String compose = """
                services:
                  agent:
                    build: ./agent
                    privileged: true
                    restart: always
                """;
        write("compose.yaml", compose);

        PlannedMigration plain = Hush.migrate().root(root).plan();
        assertThat(plain.plan().edits()).isEmpty();
        assertThat(plain.decisions()).singleElement().extracting(MigrationDecision::action).isEqualTo(Action.CHECKLIST);

        Hush.migrate().root(root).harden(true).apply(Hush.migrate().root(root).harden(true).plan().plan());

        assertThat(read("compose.yaml")).isEqualTo("""
                services:
                  agent:
                    build: ./agent
                    # hush: add back capabilities one by one with cap_add, or devices: for device access
                    cap_drop: [ALL]
                    security_opt: [no-new-privileges:true]
                    restart: always
                """);
        assertThat(read("SECRETS-ROTATION.md")).contains("## Privileged service `agent`");
    }

    @Test
    void movesAUrlWithAPasswordWholeAndAsksTheAppToReadItFromTheFile() throws Exception {
        write("compose.yaml", """
                services:
                  etl:
                    build: ./etl
                    environment:
                      DATABASE_URL: mysql://root:%s@db:3306/app
                """.formatted(PG));

        PlannedMigration planned = migrate();

        assertThat(read(".secrets/database_url.txt")).isEqualTo("mysql://root:" + PG + "@db:3306/app");
        assertThat(read("compose.yaml")).doesNotContain(PG).contains("    secrets:\n      - database_url\n");
        assertThat(planned.plan().checklist())
                .contains(new ChecklistItem.ReadFromFile(SecretName.of("database_url"), "etl", "DATABASE_URL"));
    }

    @Test
    void leavesAUrlWhosePasswordSitsBetweenReferencesToTheUser() throws Exception {
        String compose = """
                services:
                  etl:
                    build: ./etl
                    environment:
                      DATABASE_URL: mysql://${DB_USER}:%s@${DB_HOST}:3306/app
                """.formatted(PG);
        write("compose.yaml", compose);

        PlannedMigration planned = Hush.migrate().root(root).plan();

        assertThat(planned.plan().edits()).noneMatch(edit -> edit.path().equals("compose.yaml"));
        assertThat(planned.decisions()).singleElement().extracting(MigrationDecision::action).isEqualTo(Action.MANUAL);
        assertThat(planned.plan().checklist()).anySatisfy(item -> assertThat(item.heading())
                .isEqualTo("Move DATABASE_URL by hand (compose.yaml:5)"));
    }

    @Test
    void removesTwoDotenvLinesAtTheEndOfAFileWithoutAFinalLineBreak() throws Exception {
        write("compose.yaml", "services:\n  api:\n    build: ./api\n    env_file: .env\n");
        write(".env", "REDIS_PASSWORD=" + PG + "\nJWT_SECRET=" + JWT);

        migrate();

        assertThat(read(".env")).isEmpty();
        assertThat(read(".secrets/redis_password.txt")).isEqualTo(PG);
        assertThat(read(".secrets/jwt_secret.txt")).isEqualTo(JWT);
    }

    @Test
    void leavesAnEntryThatOverridesAnotherValueLoadedWithEnvFile() throws Exception {
        String compose = """
                services:
                  api:
                    build: ./api
                    env_file: .env
                    environment:
                      SIGNING_KEY: %s
                """.formatted(PG);
        write("compose.yaml", compose);
        write(".env", "SIGNING_KEY=" + JWT + "\n");

        PlannedMigration planned = migrate();

        // Removing the entry would hand the service the .env value instead of its own.
        assertThat(read("compose.yaml")).isEqualTo(compose);
        assertThat(planned.decisions()).filteredOn(d -> d.finding().location().path().equals("compose.yaml"))
                .isNotEmpty().allMatch(d -> d.action() == Action.MANUAL);
    }

    @Test
    void leavesADefaultWhenTheDotenvSetsTheVariableUnderAPlainName() throws Exception {
        String compose = """
                services:
                  api:
                    build: ./api
                    environment:
                      DB_PASSWORD: ${LEVEL:-%s}
                """.formatted(PG);
        write("compose.yaml", compose);
        write(".env", "LEVEL=" + JWT + "\n");

        PlannedMigration planned = migrate();

        // The service gets LEVEL's value, not the default: a secret file with the default would change it.
        assertThat(read("compose.yaml")).isEqualTo(compose);
        assertThat(root.resolve(".secrets/db_password.txt")).doesNotExist();
        assertThat(planned.decisions()).allMatch(d -> d.action() == Action.MANUAL);
    }

    @Test
    void givesTheSecretToEveryUseOfADotenvVariableThatAnEntryInterpolates() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      OAUTH_CLIENT_SECRET: ${APP_SECRET:-%s}
                  worker:
                    build: ./worker
                    env_file: .env
                """.formatted(PG));
        write(".env", "APP_SECRET=" + JWT + "\n");

        migrate();

        // worker loaded APP_SECRET with env_file; the .env line goes, so worker must get the secret too.
        assertThat(read(".env")).isEmpty();
        assertThat(read("compose.yaml")).contains("  worker:\n    build: ./worker\n    env_file: .env\n"
                + "    secrets:\n      - oauth_client_secret\n");
        assertThat(read(".secrets/oauth_client_secret.txt")).isEqualTo(JWT);
    }

    @Test
    void namesTheFileVariableOfAnEnvFileUseAfterTheDotenvKeyNotTheInterpolatingEntry() throws Exception {
        write("compose.yaml", """
                services:
                  cache:
                    image: mariadb:11
                    environment:
                      MARIADB_ROOT_PASSWORD: ${APP_SECRET:-%s}
                  web:
                    image: mariadb:11
                    env_file: .env
                """.formatted(PG));
        write(".env", "APP_SECRET=" + JWT + "\n");

        migrate();

        // web loaded APP_SECRET, not MARIADB_ROOT_PASSWORD: giving it MARIADB_ROOT_PASSWORD_FILE
        // would set its root password and drop APP_SECRET, so it keeps APP_SECRET from an ignored env file.
        String compose = read("compose.yaml");
        assertThat(compose).contains("      MARIADB_ROOT_PASSWORD_FILE: /run/secrets/");
        assertThat(compose.substring(compose.indexOf("  web:"))).doesNotContain("MARIADB_ROOT_PASSWORD_FILE")
                .contains("env_file: [.env, ./.secrets/web.env]");
        assertThat(read(".secrets/web.env")).endsWith("\nAPP_SECRET='" + JWT + "'\n");
    }
}

package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.Hush;
import dev.hush.core.migrate.apply.TransactionSteps;
import dev.hush.core.model.SecretValue;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;

/**
 * {@code hush rotate}: a new value everywhere a migrated secret is delivered, found from the
 * files the migration wrote, in one transaction that rolls back, recovers and undoes like a migration.
 */
class RotateCommandTest extends ProjectRewriteTest {
    static final String OLD = "hushTest-rotate-old-51c7";
    /** A new value with the characters a URL must encode, to show the URL gets its encoded form. */
    static final String NEW = "hushTest-new@pa:ss/w%rd";
    static final String NEW_IN_URL = "hushTest-new%40pa%3Ass%2Fw%25rd";

    /** Stands for the process dying at a step: an Error leaves the journal as it is. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** The leaky shape: a database reading a file variable, a client of an unknown image, an app built here with a URL. */
    private void sharedValueProject(String password) throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER: admin
                      POSTGRES_PASSWORD: %1$s
                  worker:
                    image: example/worker:1
                    environment:
                      POSTGRES_PASSWORD: %1$s
                  web:
                    build: .
                    environment:
                      DATABASE_URL: postgres://admin:%1$s@db:5432/app
                """.formatted(password));
        write("Dockerfile", "FROM scratch\n");
        migrate();
    }

    private Map<String, String> workingFiles() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<java.nio.file.Path> walk = Files.walk(root)) {
            for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) walk::iterator) {
                String name = root.relativize(file).toString();
                if (Files.isRegularFile(file) && !name.startsWith(".hush")) {
                    files.put(name, Files.readString(file));
                }
            }
        }
        return files;
    }

    @Test
    void findsEveryDeliveryOfASharedValueFromTheFilesTheMigrationWrote() throws Exception {
        sharedValueProject(OLD);

        RotatableSecret secret = Hush.rotate().root(root).secret("postgres_password").find();

        assertThat(secret.file()).isEqualTo(".secrets/postgres_password.txt");
        assertThat(secret.deliveries()).extracting(SecretDelivery::kind, SecretDelivery::path, d -> d.variable().orElse(""),
                d -> d.service().orElse("")).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(SecretDelivery.Kind.FILE_VARIABLE, "compose.yaml",
                                "POSTGRES_PASSWORD_FILE", "db"),
                        org.assertj.core.groups.Tuple.tuple(SecretDelivery.Kind.ENV_FILE, ".secrets/worker.env",
                                "POSTGRES_PASSWORD", "worker"),
                        org.assertj.core.groups.Tuple.tuple(SecretDelivery.Kind.URL_PART, ".secrets/database_url.txt",
                                "database_url", "web"));
        assertThat(secret.services()).containsExactly("db", "web", "worker");
        assertThat(secret.restartCommands()).containsExactly("docker compose up -d --force-recreate db web worker");
        assertThat(secret.toString()).doesNotContain(OLD);
    }

    @Test
    void writesTheNewValueInTheSecretFileTheEnvFileAndTheUrlEncoded() throws Exception {
        sharedValueProject(OLD);
        String compose = read("compose.yaml");

        RotationResult result = Hush.rotate().root(root).secret("postgres_password").value(SecretValue.of(NEW)).call();

        assertThat(read(".secrets/postgres_password.txt")).isEqualTo(NEW);
        assertThat(read(".secrets/worker.env")).contains("POSTGRES_PASSWORD='" + NEW + "'").doesNotContain(OLD);
        assertThat(read(".secrets/database_url.txt")).isEqualTo("postgres://admin:" + NEW_IN_URL + "@db:5432/app");
        assertThat(read("compose.yaml")).isEqualTo(compose);
        assertThat(result.written().filesChanged()).containsExactlyInAnyOrder(".secrets/postgres_password.txt",
                ".secrets/worker.env", ".secrets/database_url.txt");
        assertThat(Files.getPosixFilePermissions(root.resolve(".secrets/postgres_password.txt")))
                .extracting(java.nio.file.attribute.PosixFilePermission::name)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        // Nothing the user commits holds either value.
        workingFiles().forEach((path, text) -> {
            if (!path.startsWith(".secrets/")) {
                assertThat(text).as(path).doesNotContain(OLD).doesNotContain(NEW).doesNotContain(NEW_IN_URL);
            }
        });
        assertThat(Hush.migrate().root(root).plan().plan().isEmpty()).isTrue();
    }

    @Test
    void rotatesARealLookingWordWithoutTouchingTheUserNameBesideIt() throws Exception {
        // "admin" is the user and "example" the password: only the password part of the URL changes.
        sharedValueProject("example");

        Hush.rotate().root(root).secret("postgres_password").value(SecretValue.of("changeme-not-admin")).call();

        assertThat(read(".secrets/database_url.txt")).isEqualTo("postgres://admin:changeme-not-admin@db:5432/app");
        assertThat(read(".secrets/worker.env")).contains("POSTGRES_PASSWORD='changeme-not-admin'");
    }

    @Test
    void undoPutsTheOldValueBackEverywhere() throws Exception {
        sharedValueProject(OLD);
        Map<String, String> before = workingFiles();
        Hush.rotate().root(root).secret("postgres_password").value(SecretValue.of(NEW)).call();

        RestoreResult undone = Hush.rotate().root(root).undo(false);

        assertThat(undone.restored()).containsExactlyInAnyOrder(".secrets/postgres_password.txt", ".secrets/worker.env",
                ".secrets/database_url.txt");
        assertThat(workingFiles()).isEqualTo(before);
    }

    @Test
    void aCrashMidRotationIsRolledBackByTheNextRunToTheOldValueEverywhere() throws Exception {
        sharedValueProject(OLD);
        Map<String, String> before = workingFiles();
        TransactionSteps.observe(step -> {
            if (step.equals("mid-rename")) {
                throw new Crash();
            }
        });
        try {
            assertThatThrownBy(() -> Hush.rotate().root(root).secret("postgres_password").value(SecretValue.of(NEW)).call())
                    .isInstanceOf(Crash.class);
        } finally {
            TransactionSteps.observe(step -> { });
        }
        assertThat(workingFiles()).isNotEqualTo(before);
        assertThat(Hush.migrate().root(root).interrupted()).isPresent();

        RotationResult next = Hush.rotate().root(root).secret("postgres_password").value(SecretValue.of(NEW + "2")).call();

        assertThat(next.recovered()).isPresent();
        assertThat(read(".secrets/postgres_password.txt")).isEqualTo(NEW + "2");
        Hush.rotate().root(root).undo(false);
        assertThat(workingFiles()).isEqualTo(before);
    }

    @Test
    void refusesAnUnknownNameTheOldValueAndAQuoteInAnEnvFileWritingNothing() throws Exception {
        sharedValueProject(OLD);
        Map<String, String> before = workingFiles();

        assertThatThrownBy(() -> Hush.rotate().root(root).secret("db_pasword").value(SecretValue.of(NEW)).call())
                .isInstanceOf(MigrationException.class).hasMessageContaining("no secret named 'db_pasword'")
                .hasMessageContaining("postgres_password");
        assertThatThrownBy(() -> Hush.rotate().root(root).secret("postgres_password").value(SecretValue.of(OLD)).call())
                .isInstanceOf(MigrationException.class).hasMessageContaining("is the old one").hasMessageNotContaining(OLD);
        assertThatThrownBy(() -> Hush.rotate().root(root).secret("postgres_password").value(SecretValue.of("it's")).call())
                .isInstanceOf(MigrationException.class).hasMessageContaining(".secrets/worker.env:2")
                .hasMessageContaining("quote").hasMessageNotContaining("it's");
        assertThat(workingFiles()).isEqualTo(before);
        assertThat(root.resolve(".hush/journal").toFile().list()).hasSize(1);
    }

    @Test
    void refusesToWriteANewValueIntoAFileGitWouldCommit() throws Exception {
        Git.init().setDirectory(root.toFile()).call().close();
        sharedValueProject(OLD);
        Map<String, String> before = workingFiles();
        write(".gitignore", read(".gitignore").replace(".secrets/", "# .secrets/ no longer ignored"));
        before.put(".gitignore", read(".gitignore"));

        assertThatThrownBy(() -> Hush.rotate().root(root).secret("postgres_password").value(SecretValue.of(NEW)).call())
                .isInstanceOf(MigrationException.class).hasMessageContaining(".secrets/postgres_password.txt is not ignored by git")
                .hasMessageContaining("add .secrets/ to .gitignore");
        assertThat(workingFiles()).isEqualTo(before);
    }

    @Test
    void listsEverySecretAndWhetherItsValueWasEverCommitted() throws Exception {
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            write("compose.yaml", """
                    services:
                      cache:
                        image: redis:7
                        environment:
                          REDIS_PASSWORD: %s
                    """.formatted(OLD));
            git.add().addFilepattern("compose.yaml").call();
            git.commit().setMessage("inline").setAuthor("t", "t@example.test").setCommitter("t", "t@example.test")
                    .setSign(false).call();
            migrate();
            write("compose.yaml", read("compose.yaml").replace("services:", """
                    services:
                      app:
                        build: .
                        environment:
                          API_TOKEN: hushTest-never-committed-8d2e"""));
            write("Dockerfile", "FROM scratch\n");
            migrate();

            SecretInventory inventory = Hush.rotate().root(root).list();

            assertThat(inventory.historyRead()).isTrue();
            assertThat(inventory.secrets()).extracting(s -> s.name().value())
                    .containsExactly("api_token", "redis_password");
            RotatableSecret redis = inventory.secrets().get(1);
            assertThat(redis.committed()).isPresent();
            assertThat(redis.committed().get().inHead()).isTrue();
            assertThat(redis.deliveries()).extracting(SecretDelivery::kind).containsExactly(SecretDelivery.Kind.ENV_FILE);
            assertThat(inventory.secrets().get(0).committed()).isEmpty();
            assertThat(inventory.secrets().get(0).deliveries()).extracting(SecretDelivery::kind)
                    .containsExactly(SecretDelivery.Kind.MOUNTED);
        }
    }

    @Test
    void aCommandIsOneShot() throws Exception {
        sharedValueProject(OLD);
        RotateCommand rotate = Hush.rotate().root(root);
        rotate.list();
        assertThatThrownBy(rotate::list).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rotate.secret("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void restartsServicesOfAComposeFileThatIsNotTheDefaultWithItsFileAndBuildsABuildSecret() throws Exception {
        write("deploy/docker-compose.prod.yml", """
                services:
                  api:
                    build:
                      context: .
                      args:
                        NPM_TOKEN: npm_hushTESTonlyQ8xYdocJ2isAjIhKtJ0RlgLK
                """);
        write("deploy/Dockerfile", "FROM node:20\nARG NPM_TOKEN\nRUN npm ci --token=$NPM_TOKEN\n");
        migrate();

        RotatableSecret secret = Hush.rotate().root(root).secret("npm_token").find();

        assertThat(secret.deliveries()).extracting(SecretDelivery::kind).contains(SecretDelivery.Kind.BUILD_SECRET);
        assertThat(secret.restartCommands()).containsExactly("docker compose -f deploy/docker-compose.prod.yml up -d --force-recreate --build api");
    }
}

package dev.hush.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @Test
    void defaultsToRunSecrets() {
        SecretReader reader = Secrets.defaultReader(Map.of(), Map.of());

        assertThat(reader.directory()).isEqualTo(Paths.get("/run/secrets"));
    }

    @Test
    void systemPropertyOverridesDefaultDirectory(@TempDir Path directory) throws IOException {
        Files.write(directory.resolve("jwt_secret"), "from-property-dir".getBytes(UTF_8));

        SecretReader reader = Secrets.defaultReader(Map.of("hush.secrets.dir", directory.toString()), Map.of());

        assertThat(reader.require("jwt_secret").value()).isEqualTo("from-property-dir");
    }

    @Test
    void environmentVariableOverridesDefaultDirectory(@TempDir Path directory) throws IOException {
        Files.write(directory.resolve("jwt_secret"), "from-variable-dir".getBytes(UTF_8));

        SecretReader reader = Secrets.defaultReader(Map.of(), Map.of("HUSH_SECRETS_DIR", directory.toString()));

        assertThat(reader.require("jwt_secret").value()).isEqualTo("from-variable-dir");
    }

    @Test
    void systemPropertyWinsOverEnvironmentVariable() {
        SecretReader reader = Secrets.defaultReader(
                Map.of("hush.secrets.dir", "/from/property"), Map.of("HUSH_SECRETS_DIR", "/from/variable"));

        assertThat(reader.directory()).isEqualTo(Paths.get("/from/property"));
    }

    @Test
    void builderEnvironmentAlsoChoosesTheDefaultDirectory() {
        SecretReader reader = Secrets.reader().environment(Map.of("HUSH_SECRETS_DIR", "/from/variable")).build();

        assertThat(reader.directory()).isEqualTo(Paths.get("/from/variable"));
    }

    @Test
    void explicitDirectoryWinsOverEveryOverride() {
        SecretReader reader = new SecretReader.Builder(
                Map.of("hush.secrets.dir", "/from/property")::get, Map.of("HUSH_SECRETS_DIR", "/from/variable"))
                .directory(Paths.get("/explicit"))
                .build();

        assertThat(reader.directory()).isEqualTo(Paths.get("/explicit"));
    }

    @Test
    void neverPrintsAnything(@TempDir Path directory) throws IOException {
        Files.write(directory.resolve("jwt_secret"), "s3cr3t\n".getBytes(UTF_8));
        Files.createDirectory(directory.resolve("a_directory"));
        SecretReader reader = Secrets.reader().directory(directory)
                .environment(Map.of("BOTH_FILE", "/x", "BOTH", "y")).build();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(printed, true, "UTF-8")) {
            System.setOut(capture);
            System.setErr(capture);
            reader.require("jwt_secret");
            reader.supplier("jwt_secret").get();
            assertThat(reader.find("absent")).isEmpty();
            assertThatThrownBy(() -> reader.require("absent")).isInstanceOf(MissingSecretException.class);
            assertThatThrownBy(() -> reader.require("a_directory")).isInstanceOf(SecretReadException.class);
            assertThatThrownBy(() -> reader.require("both")).isInstanceOf(SecretReadException.class);
            assertThatThrownBy(() -> reader.require("../x")).isInstanceOf(IllegalArgumentException.class);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(printed.toByteArray()).isEmpty();
    }

    @Test
    void frontDoorReadsThroughTheDefaultReader() {
        // A name no real environment sets, so the process defaults answer "missing".
        String name = "hush_test_secret_that_nobody_sets";

        assertThat(Secrets.find(name)).isEmpty();
        assertThatThrownBy(() -> Secrets.require(name))
                .isInstanceOf(MissingSecretException.class)
                .hasMessageEndingWith("HUSH_TEST_SECRET_THAT_NOBODY_SETS_FILE and"
                        + " HUSH_TEST_SECRET_THAT_NOBODY_SETS are unset");
    }
}

package dev.hush.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReaderTest {

    private FileSystem fs;
    private Path secrets;

    @BeforeEach
    void createFileSystem() throws IOException {
        fs = Jimfs.newFileSystem(Configuration.unix());
        secrets = Files.createDirectories(fs.getPath("/run/secrets"));
    }

    @AfterEach
    void closeFileSystem() throws IOException {
        fs.close();
    }

    private SecretReader reader(Map<String, String> environment) {
        return Secrets.reader().directory(secrets).environment(environment).build();
    }

    private Path write(String path, String content) throws IOException {
        Path file = fs.getPath(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, content.getBytes(UTF_8));
    }

    @Test
    void readsFileBeforeEnvironment() throws IOException {
        write("/run/secrets/jwt_secret", "from-file");

        Secret secret = reader(Map.of("JWT_SECRET", "from-env")).require("jwt_secret");

        assertThat(secret.value()).isEqualTo("from-file");
        assertThat(secret.source()).isEqualTo("/run/secrets/jwt_secret");
    }

    @Test
    void readsDirectoryFileBeforeFileNamedByVariable() throws IOException {
        write("/run/secrets/jwt_secret", "from-directory");
        write("/config/jwt", "from-variable-file");

        Secret secret = reader(Map.of("JWT_SECRET_FILE", "/config/jwt")).require("jwt_secret");

        assertThat(secret.value()).isEqualTo("from-directory");
    }

    @Test
    void readsFileNamedByFileVariableOnTheDirectorysFileSystem() throws IOException {
        // /config/jwt exists only in the in-memory file system, never on the real disk.
        write("/config/jwt", "from-variable-file");

        Secret secret = reader(Map.of("JWT_SECRET_FILE", "/config/jwt")).require("jwt_secret");

        assertThat(secret.value()).isEqualTo("from-variable-file");
        assertThat(secret.source()).isEqualTo("/config/jwt");
    }

    @Test
    void fallsBackToValueVariableWhenNoFileHoldsTheSecret() {
        Secret secret = reader(Map.of("JWT_SECRET", "from-env")).require("jwt_secret");

        assertThat(secret.value()).isEqualTo("from-env");
        assertThat(secret.source()).isEqualTo("JWT_SECRET");
    }

    @Test
    void keepsTrailingNewlineOfVariableValue() {
        Secret secret = reader(Map.of("JWT_SECRET", "from-env\n")).require("jwt_secret");

        assertThat(secret.value()).isEqualTo("from-env\n");
    }

    @Test
    void derivesVariableNameByUpperCasingAndReplacingEveryNonAlphanumeric() {
        Secret secret = reader(Map.of("DB_PASSWORD_2", "pw")).require("db.password-2");

        assertThat(secret.source()).isEqualTo("DB_PASSWORD_2");
    }

    @Test
    void failsWhenFileAndValueVariablesAreBothSet() throws IOException {
        write("/config/jwt", "from-variable-file");
        SecretReader reader = reader(Map.of("JWT_SECRET_FILE", "/config/jwt", "JWT_SECRET", "from-env"));

        assertThatThrownBy(() -> reader.require("jwt_secret"))
                .isInstanceOf(SecretReadException.class)
                .hasMessage("secret 'jwt_secret': both JWT_SECRET_FILE and JWT_SECRET are set,"
                        + " but they are exclusive; unset one of them");
    }

    @Test
    void failsOnConflictingVariablesEvenWhenTheDirectoryHoldsTheFile() throws IOException {
        write("/run/secrets/jwt_secret", "from-file");
        SecretReader reader = reader(Map.of("JWT_SECRET_FILE", "/config/jwt", "JWT_SECRET", "from-env"));

        assertThatThrownBy(() -> reader.find("jwt_secret")).isInstanceOf(SecretReadException.class);
    }

    @Test
    void treatsEmptyVariablesAsUnset() {
        SecretReader reader = reader(Map.of("JWT_SECRET_FILE", "", "JWT_SECRET", "from-env"));

        assertThat(reader.require("jwt_secret").value()).isEqualTo("from-env");
    }

    @Test
    void ignoresValueVariableWhenFallbackIsOff() {
        SecretReader reader = Secrets.reader().directory(secrets)
                .environment(Map.of("JWT_SECRET", "from-env"))
                .environmentFallback(false)
                .build();

        assertThatThrownBy(() -> reader.require("jwt_secret"))
                .isInstanceOf(MissingSecretException.class)
                .hasMessage("secret 'jwt_secret' not found: no file /run/secrets/jwt_secret;"
                        + " JWT_SECRET_FILE is unset");
    }

    @Test
    void stillReadsFileVariableWhenFallbackIsOff() throws IOException {
        write("/config/jwt", "from-variable-file");
        SecretReader reader = Secrets.reader().directory(secrets)
                .environment(Map.of("JWT_SECRET_FILE", "/config/jwt"))
                .environmentFallback(false)
                .build();

        assertThat(reader.require("jwt_secret").value()).isEqualTo("from-variable-file");
    }

    @Test
    void missingSecretMessageNamesEverySourceTried() {
        SecretReader reader = reader(Map.of("OTHER_SECRET", "unrelated"));

        assertThatThrownBy(() -> reader.require("jwt_secret"))
                .isInstanceOf(MissingSecretException.class)
                .hasMessage("secret 'jwt_secret' not found: no file /run/secrets/jwt_secret;"
                        + " JWT_SECRET_FILE and JWT_SECRET are unset")
                .extracting(e -> ((MissingSecretException) e).name()).isEqualTo("jwt_secret");
    }

    @Test
    void findReturnsEmptyWhenNoSourceHoldsTheSecret() {
        assertThat(reader(Map.of()).find("jwt_secret")).isEmpty();
    }

    @Test
    void findReturnsTheSecretWhenASourceHoldsIt() throws IOException {
        write("/run/secrets/jwt_secret", "from-file");

        assertThat(reader(Map.of()).find("jwt_secret")).map(Secret::value).contains("from-file");
    }

    @Test
    void failsOnDirectoryInsteadOfFallingBack() throws IOException {
        Files.createDirectory(secrets.resolve("jwt_secret"));
        SecretReader reader = reader(Map.of("JWT_SECRET", "from-env"));

        assertThatThrownBy(() -> reader.find("jwt_secret"))
                .isInstanceOf(SecretReadException.class)
                .hasMessage("secret 'jwt_secret': /run/secrets/jwt_secret is a directory, not a file");
    }

    @Test
    void failsOnFileLargerThanLimitInsteadOfFallingBack() throws IOException {
        write("/run/secrets/jwt_secret", "123456789");
        SecretReader reader = Secrets.reader().directory(secrets)
                .environment(Map.of("JWT_SECRET", "from-env")).maxSize(8).build();

        assertThatThrownBy(() -> reader.require("jwt_secret"))
                .isInstanceOf(SecretReadException.class)
                .hasMessage("secret 'jwt_secret': /run/secrets/jwt_secret is larger than the limit of 8 bytes");
    }

    @Test
    void readsFileOfExactlyTheLimit() throws IOException {
        write("/run/secrets/jwt_secret", "12345678");
        SecretReader reader = Secrets.reader().directory(secrets).environment(Map.of()).maxSize(8).build();

        assertThat(reader.require("jwt_secret").value()).isEqualTo("12345678");
    }

    @Test
    void limitsFilesToOneMebibyteByDefault() throws IOException {
        Files.write(secrets.resolve("big"), new byte[1024 * 1024 + 1]);

        assertThatThrownBy(() -> reader(Map.of()).require("big"))
                .hasMessageContaining("larger than the limit of 1048576 bytes");
    }

    @Test
    void failsOnBrokenLinkInsteadOfFallingBack() throws IOException {
        Files.createSymbolicLink(secrets.resolve("jwt_secret"), fs.getPath("/run/secrets/..data/jwt_secret"));
        SecretReader reader = reader(Map.of("JWT_SECRET", "from-env"));

        assertThatThrownBy(() -> reader.require("jwt_secret"))
                .isInstanceOf(SecretReadException.class)
                .hasMessage("secret 'jwt_secret': /run/secrets/jwt_secret is a link to a missing file");
    }

    @Test
    void failsOnUnreadableFileInsteadOfFallingBack(@TempDir Path directory) throws IOException {
        Path file = Files.write(directory.resolve("jwt_secret"), "from-file".getBytes(UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "root reads any file, so only another user can run this");
        SecretReader reader = Secrets.reader().directory(directory)
                .environment(Map.of("JWT_SECRET", "from-env")).build();

        assertThatThrownBy(() -> reader.require("jwt_secret"))
                .isInstanceOf(SecretReadException.class)
                .hasMessage("secret 'jwt_secret': cannot read " + file + " (permission denied)");
    }

    @Test
    void failsWhenFileVariableNamesAMissingFile() {
        SecretReader reader = reader(Map.of("JWT_SECRET_FILE", "/config/jwt"));

        assertThatThrownBy(() -> reader.find("jwt_secret"))
                .isInstanceOf(SecretReadException.class)
                .hasMessage("secret 'jwt_secret': JWT_SECRET_FILE names /config/jwt, which does not exist");
    }

    @Test
    void removesOnlyOneTrailingNewline() throws IOException {
        write("/run/secrets/lf", "value\n\n");
        write("/run/secrets/crlf", "value\r\n\r\n");
        write("/run/secrets/none", "value");
        SecretReader reader = reader(Map.of());

        assertThat(reader.require("lf").value()).isEqualTo("value\n");
        assertThat(reader.require("crlf").value()).isEqualTo("value\r\n");
        assertThat(reader.require("none").value()).isEqualTo("value");
    }

    @Test
    void keepsInnerNewlinesOfMultiLineKeys() throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIE\nAAAA\n-----END PRIVATE KEY-----";
        write("/run/secrets/tls_key", pem + "\n");

        Secret key = reader(Map.of()).require("tls_key");

        assertThat(key.value()).isEqualTo(pem);
        assertThat(key.bytes()).isEqualTo((pem + "\n").getBytes(UTF_8));
    }

    @Test
    void followsKubernetesStyleLinksInsideDirectory() throws IOException {
        // The layout the kubelet mounts: name -> ..data/name, ..data -> ..<timestamp>.
        write("/run/secrets/..2024_01_01_00_00_00.1/jwt_secret", "from-kubernetes");
        Files.createSymbolicLink(secrets.resolve("..data"), fs.getPath("..2024_01_01_00_00_00.1"));
        Files.createSymbolicLink(secrets.resolve("jwt_secret"), fs.getPath("..data/jwt_secret"));

        Secret secret = reader(Map.of()).require("jwt_secret");

        assertThat(secret.value()).isEqualTo("from-kubernetes");
        assertThat(secret.source()).isEqualTo("/run/secrets/jwt_secret");
    }

    @Test
    void refusesSymlinkOutsideDirectory() throws IOException {
        write("/etc/shadow", "root:x");
        Files.createSymbolicLink(secrets.resolve("jwt_secret"), fs.getPath("/etc/shadow"));
        SecretReader reader = reader(Map.of("JWT_SECRET", "from-env"));

        assertThatThrownBy(() -> reader.require("jwt_secret"))
                .isInstanceOf(SecretReadException.class)
                .hasMessage("secret 'jwt_secret': /run/secrets/jwt_secret links to /etc/shadow,"
                        + " outside /run/secrets; refusing to follow it");
    }

    @Test
    void refusesRelativeSymlinkClimbingOutOfDirectory() throws IOException {
        write("/run/other/jwt_secret", "elsewhere");
        Files.createSymbolicLink(secrets.resolve("jwt_secret"), fs.getPath("../other/jwt_secret"));

        assertThatThrownBy(() -> reader(Map.of()).require("jwt_secret"))
                .isInstanceOf(SecretReadException.class)
                .hasMessageContaining("links to /run/other/jwt_secret, outside /run/secrets");
    }

    @Test
    void comparesRealPathsWhenTheDirectoryItselfIsALink() throws IOException {
        write("/var/lib/secrets/jwt_secret", "behind-a-linked-directory");
        Path linked = Files.createSymbolicLink(fs.getPath("/secrets"), fs.getPath("/var/lib/secrets"));
        SecretReader reader = Secrets.reader().directory(linked).environment(Map.of()).build();

        assertThat(reader.require("jwt_secret").value()).isEqualTo("behind-a-linked-directory");
    }

    @Test
    void followsFileVariableLinksAnywhere() throws IOException {
        write("/etc/app/jwt", "linked");
        Files.createSymbolicLink(fs.getPath("/jwt"), fs.getPath("/etc/app/jwt"));

        Secret secret = reader(Map.of("JWT_SECRET_FILE", "/jwt")).require("jwt_secret");

        assertThat(secret.value()).isEqualTo("linked");
    }

    @Test
    void rejectsNonPositiveMaxSize() {
        assertThatThrownBy(() -> Secrets.reader().maxSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bytes <= 0: 0");
    }
}

package dev.hush.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretNameTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "''            | secret name is empty",
        "a/b           | secret name 'a/b' contains '/'",
        "/etc/passwd   | secret name '/etc/passwd' contains '/'",
        "a\\b          | secret name 'a\\b' contains '\\'",
        "..            | secret name '..' contains '..'",
        "../jwt        | secret name '../jwt' contains '/'",
        "..data        | secret name '..data' contains '..'",
        "a..b          | secret name 'a..b' contains '..'",
        ".             | secret name '.' names the directory itself",
    })
    void rejectsNamesThatAreNotASingleSafeFileName(String name, String message) {
        assertThatThrownBy(() -> SecretName.check(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void namesControlCharacterWithoutEchoingIt() {
        assertThatThrownBy(() -> SecretName.check("jwt\u001b[2Jsecret\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret name 'jwt\\u001B[2Jsecret\\u000A' contains the control character"
                        + " U+001B at index 3")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\n"));
    }

    @Test
    void rejectsNullNameWithTheFailedExpression() {
        assertThatThrownBy(() -> SecretName.check(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name == null");
    }

    @Test
    void readerRejectsUnsafeNamesBeforeTouchingAnySource() throws IOException {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            Path secrets = Files.createDirectories(fs.getPath("/run/secrets"));
            Files.write(fs.getPath("/run/passwd"), new byte[] {'x'});
            SecretReader reader = Secrets.reader().directory(secrets).environment(Map.of()).build();

            assertThatThrownBy(() -> reader.find("../passwd")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> reader.supplier("..data")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "jwt_secret,    JWT_SECRET",
        "db.password,   DB_PASSWORD",
        "api-token-2,   API_TOKEN_2",
        "Grüße,         GR__E",
    })
    void derivesVariableByUpperCasingAndReplacingNonAlphanumerics(String name, String variable) {
        assertThat(SecretName.variable(name)).isEqualTo(variable);
    }
}

package dev.hush.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.runtime.SecretReader;
import dev.hush.runtime.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeAppTest {

    private static final String DB_PASSWORD = "correct-horse-battery";
    private static final String API_TOKEN = "tok_4f1c9e7a2b";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(SecretReader reader) {
        return RuntimeApp.run(reader, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    }

    private String out() {
        return out.toString(UTF_8);
    }

    private String err() {
        return err.toString(UTF_8);
    }

    @Test
    void reportsFileSourcesAndLengthsWithoutValues(@TempDir Path secrets) throws IOException {
        Files.writeString(secrets.resolve("db_password"), DB_PASSWORD + "\n");
        Files.writeString(secrets.resolve("api_token"), API_TOKEN);
        SecretReader reader = Secrets.reader().directory(secrets).environment(Map.of()).build();

        int code = run(reader);

        assertThat(code).isZero();
        assertThat(out()).isEqualTo(
                "db_password: from " + secrets.resolve("db_password") + " (22 bytes)" + System.lineSeparator()
                + "api_token: from " + secrets.resolve("api_token") + " (14 bytes)" + System.lineSeparator());
        assertThat(err()).isEmpty();
        assertThat(out() + err()).doesNotContain(DB_PASSWORD, API_TOKEN);
    }

    @Test
    void reportsEnvironmentFallbackWithoutValues(@TempDir Path emptySecrets) {
        SecretReader reader = Secrets.reader().directory(emptySecrets)
                .environment(Map.of("DB_PASSWORD", DB_PASSWORD, "API_TOKEN", API_TOKEN))
                .build();

        int code = run(reader);

        assertThat(code).isZero();
        assertThat(out()).contains("db_password: from DB_PASSWORD (21 bytes)", "api_token: from API_TOKEN (14 bytes)");
        assertThat(out() + err()).doesNotContain(DB_PASSWORD, API_TOKEN);
    }

    @Test
    void exitsWithOneAndExplainsWhatIsMissing(@TempDir Path secrets) throws IOException {
        Files.writeString(secrets.resolve("db_password"), DB_PASSWORD);
        SecretReader reader = Secrets.reader().directory(secrets).environment(Map.of()).build();

        int code = run(reader);

        assertThat(code).isEqualTo(1);
        assertThat(err()).isEqualTo("secret 'api_token' not found: no file " + secrets.resolve("api_token")
                + "; API_TOKEN_FILE and API_TOKEN are unset" + System.lineSeparator());
        assertThat(out() + err()).doesNotContain(DB_PASSWORD);
    }

    @Test
    void exitsWithOneOnConflictingVariablesWithoutShowingEitherValue(@TempDir Path secrets) throws IOException {
        Path file = Files.writeString(secrets.resolve("elsewhere"), API_TOKEN);
        SecretReader reader = Secrets.reader().directory(secrets)
                .environment(Map.of("DB_PASSWORD", DB_PASSWORD, "API_TOKEN", "tok_other_value",
                        "API_TOKEN_FILE", file.toString()))
                .build();

        int code = run(reader);

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("both API_TOKEN_FILE and API_TOKEN are set");
        assertThat(out() + err()).doesNotContain(DB_PASSWORD, API_TOKEN, "tok_other_value");
    }
}

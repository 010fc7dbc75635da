package dev.hush.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

    private static Secret fromFile(String content) {
        return Secret.fromFile("jwt_secret", "/run/secrets/jwt_secret", content.getBytes(UTF_8));
    }

    @Test
    void toStringNeverShowsValue() {
        Secret secret = fromFile("s3cr3t-value");

        assertThat(secret.toString())
                .isEqualTo("Secret[name=jwt_secret, source=/run/secrets/jwt_secret, 12 bytes]")
                .doesNotContain("s3cr3t");
    }

    @Test
    void toStringCountsTheRawBytes() {
        assertThat(fromFile("value\n").toString()).endsWith(", 6 bytes]");
    }

    @Test
    void charsAndBytesAreFreshCopies() {
        Secret secret = fromFile("value\n");

        secret.chars()[0] = 'X';
        secret.bytes()[0] = 'X';

        assertThat(secret.chars()).containsExactly('v', 'a', 'l', 'u', 'e');
        assertThat(secret.bytes()).isEqualTo("value\n".getBytes(UTF_8));
        assertThat(secret.chars()).isNotSameAs(secret.chars());
    }

    @Test
    void decodesValueAsUtf8() {
        Secret secret = fromFile("pässwörd\n");

        assertThat(secret.value()).isEqualTo("pässwörd");
        assertThat(new String(secret.chars())).isEqualTo("pässwörd");
    }

    @Test
    void equalsComparesNameSourceAndBytes() {
        assertThat(fromFile("one")).isEqualTo(fromFile("one"));
        assertThat(fromFile("one")).isNotEqualTo(fromFile("two"));
        assertThat(fromFile("one")).isNotEqualTo(fromFile("one\n"));
        assertThat(fromFile("one")).isNotEqualTo(Secret.fromVariable("jwt_secret", "JWT_SECRET", "one"));
    }

    @Test
    void hashCodeDoesNotDependOnTheValue() {
        assertThat(fromFile("one").hashCode()).isEqualTo(fromFile("two").hashCode());
    }

    @Test
    void keepsVariableValueAsGiven() {
        Secret secret = Secret.fromVariable("jwt_secret", "JWT_SECRET", "line\r\n");

        assertThat(secret.value()).isEqualTo("line\r\n");
        assertThat(secret.source()).isEqualTo("JWT_SECRET");
    }
}

package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "DB_PASSWORD, db_password",
        "dbPassword, db_password",
        "DBPassword, db_password",
        "db-password, db_password",
        "POSTGRES_PASSWORD, postgres_password",
        "api.key, api_key",
        "__SECRET__, secret",
        "AWS_SECRET_ACCESS_KEY, aws_secret_access_key",
        "jwtSecret2, jwt_secret2",
        "OAuth2Token, o_auth2_token",
        "mysql_root_password, mysql_root_password",
        "2FA_SEED, 2_fa_seed",
    })
    void derivesLowerSnakeCaseFromAKey(String key, String name) {
        assertThat(SecretName.fromKey(key).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"db_password", "a", "0", "db.password", "db-password", "api_v2.key"})
    void acceptsNamesTheUserTypes(String name) {
        assertThat(SecretName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "DB", "_db", ".db", "-db", "a/b", "a..b", "..", "a b", "db\n", "ключ", "a\\b"})
    void refusesNamesThatAreNotOneSafeFileName(String name) {
        assertThatThrownBy(() -> SecretName.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNamesLongerThanAHundredCharacters() {
        assertThat(SecretName.of("a".repeat(100)).value()).hasSize(100);
        assertThatThrownBy(() -> SecretName.of("a".repeat(101))).hasMessageContaining("longer than 100");
        assertThatThrownBy(() -> SecretName.fromKey("A".repeat(101))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAKeyWithoutLettersOrDigits() {
        assertThatThrownBy(() -> SecretName.fromKey("__-")).hasMessageContaining("no letter or digit");
    }

    @Test
    void prefixesTheServiceForAClash() {
        assertThat(SecretName.fromKey("DB_PASSWORD").withPrefix("billing-api").value()).isEqualTo("billing_api_db_password");
    }

    @Test
    void namesTheFileComposeMounts() {
        assertThat(SecretName.of("db_password").runPath()).isEqualTo("/run/secrets/db_password");
        assertThat(SecretName.of("db_password")).hasToString("db_password").isEqualTo(SecretName.fromKey("DB_PASSWORD"));
    }
}

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
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {64, 65, 99, 100, 101, 300, 10_000})
    void derivesANameFromAKeyOfAnyLengthThatLeavesRoomForAPrefixAndANumber(int length) {
        String key = "K".repeat(length);
        SecretName name = SecretName.fromKey(key);
        assertThat(name.value()).hasSizeLessThanOrEqualTo(SecretName.MAX_DERIVED_LENGTH).startsWith("kkkk");
        assertThat(name).isEqualTo(SecretName.fromKey(key));
        assertThat(name.withPrefix("s".repeat(length)).value()).hasSizeLessThanOrEqualTo(SecretName.MAX_DERIVED_LENGTH);
        assertThat(SecretName.of(name.value() + "_99").value()).hasSizeLessThanOrEqualTo(SecretName.MAX_LENGTH);
    }

    @Test
    void keepsTwoLongKeysThatShareTheirStartApart() {
        String start = "VERY_LONG_SERVICE_SPECIFIC_DATABASE_CONNECTION_PASSWORD_FOR_THE_";
        SecretName primary = SecretName.fromKey(start + "PRIMARY_DATABASE");
        SecretName replica = SecretName.fromKey(start + "REPLICA_DATABASE");
        assertThat(primary).isNotEqualTo(replica);
        assertThat(primary.value()).startsWith("very_long_service_specific");
        assertThat(SecretName.fromKey("SHORT_KEY").value()).isEqualTo("short_key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"__-", "パスワード", "ПАРОЛЬ"})
    void namesAKeyWithoutAsciiLettersOrDigitsAfterItsHash(String key) {
        assertThat(SecretName.fromKey(key).value()).matches("secret_[0-9a-f]{8}");
        assertThat(SecretName.fromKey("パスワード")).isNotEqualTo(SecretName.fromKey("ПАРОЛЬ"));
    }

    @Test
    void leavesTheNameUnprefixedForAServiceWithoutAsciiLettersOrDigits() {
        assertThat(SecretName.fromKey("DB_PASSWORD").withPrefix("データベース").value()).isEqualTo("db_password");
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

package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"DB_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "DB_PASSWD", "PGPASSWORD",
            "WEBPASSWORD", "API_KEY", "apiKey", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "JWT_SECRET", "SESSION_SECRET",
            "SIGNING_KEY", "AWS_SECRET_ACCESS_KEY", "SENTRY_DSN", "REDIS_HOST_PASSWORD", "DB_USER_PASSWORD",
            "SMTP_SERVER_PASSWORD", "CACHE_PASSWORD", "ID_TOKEN", "dbPassword2", "KEY",
            // A password glued to its owner's name (the issue's own ADMINPASS, paperless' PAPERLESS_DBPASS).
            "ADMINPASS", "PAPERLESS_DBPASS", "ROOTPASS", "smtpPass", "MYSQLPASS",
            // A handle's word before another secret word leaves it secret.
            "FORWARD_AUTH_TOKEN", "IMPORT_API_TOKEN", "SessionToken", "EXPORT_PASSWORD",
            // A hash's salt or key (Drupal's hash_salt); a run of capitals is a word of its own (DBPassword, APIKey).
            "hash_salt", "HASH_KEY", "DBPassword", "APIKey", "JWTSecret"})
    void takesNamesThatHoldASecretForSecret(String name) {
        assertThat(SecretKeys.isSecret(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB_USER", "PASSWORD_FILE", "MYSQL_ROOT_PASSWORD_FILE", "POSTGRES_HOST_AUTH_METHOD",
            "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD", "JWT_PUBLIC_KEY", "PUBLIC_KEY", "DATABASE_URL",
            "TOKEN_URL", "SECRET_NAME", "AUTH_HOST", "MIN_PASSWORD_LENGTH", "PASSWORD_MIN_LENGTH", "TOKEN_TTL",
            "ACCESS_KEY_ID", "PASSWORD_RESET_URL", "KEYBOARD_LAYOUT", "MONKEY", "POSTGRES_DB", "",
            // Words that end in PASS without naming a password: a route around, a direction, a filter, a loop.
            "BYPASS", "PROXY_BYPASS", "COMPASS", "CACHE_BYPASS", "SURPASS", "LOWPASS", "HIGHPASS", "MULTIPASS",
            "RENDERPASS", "ADMINPASS_FILE",
            // Settings about a secret: its scheme, a rate limit, a count, who may use it, where it is checked.
            "MAIL_PASSWORD_SCHEME", "AUTH_RATELIMIT", "RING_NUM_TOKENS", "ALLOWED_AUTH_PROVIDERS", "AUTH_BACKENDS",
            "AUTH_DEFAULT_ROLES", "AUTH_ORIGIN",
            // An API's expression, its page, offer and job handles, an error code's name.
            "ApiKeySelectionExpression", "nextForwardToken", "nextBackwardToken", "PurchaseToken", "WorkUnitToken",
            "ExportToken", "ImportToken", "INVALID_TOKEN", "PasswordIsInvalid",
            // A digest of the password, Go's error values, an OID's and a header's names, a folder, a request's body.
            "PASSWORD_HASH", "password_hashed", "ErrPwd", "errBadPassword", "passwordModifyOID", "tokenRequestTTLHeader",
            "PASS_FOLDER", "baseCredsRequestBody", "authTokenOpts", "OAuthProvider"})
    void takesNamesNextToASecretForNotSecret(String name) {
        assertThat(SecretKeys.isSecret(name)).as(name).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB_PASSWORD", "VNC_PW", "ADMINPASS", "PAPERLESS_DBPASS", "API_KEY", "CLIENT_SECRET",
            "ACCESS_TOKEN", "SMTP_PASS"})
    void takesNamesThatHoldASecretWhateverItLooksLikeForStrong(String name) {
        assertThat(SecretKeys.isStrong(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"REGISTRY_AUTH", "SENTRY_DSN", "WORKER_TOKEN", "HASHIDS_SALT", "KEY", "BYPASS"})
    void takesNamesThatAreSecretOnlyByTheirValueForNotStrong(String name) {
        assertThat(SecretKeys.isStrong(name)).as(name).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DATABASE_URL", "DB_URL", "CONNECTION_STRING", "SQL_CONN_STR", "ConnectionString"})
    void recognisesConnectionStrings(String name) {
        assertThat(SecretKeys.isConnectionString(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"KAFKA_URL", "DB_HOST", "URL", "STRING"})
    void doesNotTakeOtherUrlsForConnectionStrings(String name) {
        assertThat(SecretKeys.isConnectionString(name)).as(name).isFalse();
    }

    @Test
    void splitsNamesAtSeparatorsDigitsAndCaseChanges() {
        assertThat(SecretKeys.words("dbPassword2")).containsExactly("DB", "PASSWORD");
        assertThat(SecretKeys.words("discovery.seed_hosts")).containsExactly("DISCOVERY", "SEED", "HOSTS");
        assertThat(SecretKeys.words("x-api-key")).containsExactly("X", "API", "KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "DB_PASSWORD", "AdminPassword", "PGPASSWORD", "smtpPass", "Pwd", "passphrase",
            "DevPfxPassword", "MYSQL_ROOT_PASSWD"})
    void takesNamesOfWhatALoginAcceptsForPasswords(String name) {
        assertThat(SecretKeys.isPassword(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"API_KEY", "GITHUB_TOKEN", "client_secret", "SALT", "PASSWORD_FILE", "MIN_PASSWORD_LENGTH",
            "BYPASS", "passwordPrompt", "DB_USER"})
    void takesTokensKeysAndSettingsAboutPasswordsForNoPassword(String name) {
        assertThat(SecretKeys.isPassword(name)).as(name).isFalse();
    }
}

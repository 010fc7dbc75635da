package dev.hush.core.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a variable or key name is one that holds a secret ({@code DB_PASSWORD},
 * {@code apiKey}, {@code STRIPE_SECRET}) rather than a name next to one ({@code DB_USER},
 * {@code PASSWORD_FILE}, {@code JWT_PUBLIC_KEY}, {@code POSTGRES_HOST_AUTH_METHOD}).
 */
final class SecretKeys {
    /** Words that make a name secret wherever they stand. */
    private static final Set<String> SECRET_WORDS = Set.of(
            "PASSWORD", "PASSWORDS", "PASSWD", "PWD", "PW", "PASS", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN",
            "TOKENS", "APIKEY", "CREDENTIAL", "CREDENTIALS", "CREDS", "AUTH", "SALT", "DSN", "PRIVATEKEY",
            "SECRETKEY", "ACCESSKEY");

    /** Words that make a following {@code KEY} a secret: {@code API_KEY}, {@code SIGNING_KEY}. */
    private static final Set<String> KEY_QUALIFIERS = Set.of(
            "API", "ACCESS", "PRIVATE", "SECRET", "SIGNING", "ENCRYPTION", "MASTER", "APP", "CLIENT",
            "LICENSE", "SERVICE", "ACCOUNT", "HMAC", "JWT", "SESSION", "CRYPT", "CIPHER", "AES", "AUTH", "NONCE",
            // WireGuard's PresharedKey, the symmetric key of a peer (wg(8): "PresharedKey — a base64 preshared key").
            "PRESHARED",
            // An admin key is the admin's password (Foundry VTT's FOUNDRY_ADMIN_KEY), an ENC key an encryption key
            // (Supabase Realtime's DB_ENC_KEY).
            "ADMIN", "ENC",
            // A keyed hash's key (HASH_KEY; Drupal's hash_salt is a SALT).
            "HASH");

    /** Endings that make a glued word secret: {@code PGPASSWORD}, {@code GHTOKEN}. */
    private static final List<String> GLUED_ENDINGS = List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY");

    /**
     * Beginnings that make a word ending in {@code PASS} something other than a password glued to its
     * owner ({@code ADMINPASS}, {@code DBPASS}): a way around ({@code BYPASS}), a direction
     * ({@code COMPASS}), a signal filter ({@code LOWPASS}), a number of passes ({@code MULTIPASS}).
     */
    private static final Set<String> NOT_A_PASSWORD_BEFORE_PASS = Set.of(
            "BY", "COM", "ENCOM", "SUR", "TRES", "OVER", "UNDER", "LOW", "HIGH", "BAND", "ALL", "MULTI", "SINGLE",
            "ONE", "TWO", "FIRST", "SECOND", "RENDER", "SUB", "NO", "SKIP", "FAST", "SLOW",
            // GIT_ASKPASS, SSH_ASKPASS, SUDO_ASKPASS: the program that asks for the password (git-credential(7)).
            "ASK");

    /**
     * Words that say the name is about a secret but does not hold one, wherever they stand:
     * {@code JWT_PUBLIC_KEY}, {@code MYSQL_ALLOW_EMPTY_PASSWORD}, {@code MIN_PASSWORD_LENGTH}.
     */
    private static final Set<String> NOT_A_VALUE = Set.of(
            "PUBLIC", "LENGTH", "LEN", "MIN", "MAX", "TTL", "EXPIRY", "EXPIRES", "EXPIRATION", "TIMEOUT", "ENABLED",
            "ENABLE", "DISABLED", "DISABLE", "METHOD", "TYPE", "MODE", "HEADER", "POLICY", "ALGORITHM", "ALG",
            "ALLOW", "EMPTY", "RANDOM", "GENERATE", "ROTATION", "REQUIRED", "FORMAT", "VERSION", "PREFIX", "SUFFIX",
            "COUNT", "INTERVAL", "FIELD", "PARAM", "HASH", "HASHED", "HINT", "SIZE", "LIMIT", "STRATEGY", "SCOPE",
            "SCOPES", "REALM", "ISSUER", "AUDIENCE", "PLUGIN", "SCHEME", "RATE", "RATELIMIT", "NUM", "ALLOWED",
            // What a name says about a secret rather than holding it: a prompt, a widget, a date.
            "CURSOR", "MARKER", "RESOLVER", "FACTORY", "HANDLER", "VALIDATOR", "LABEL", "PLACEHOLDER",
            "PROMPT", "MESSAGE", "ERROR", "PATTERN", "REGEX", "STRENGTH", "CONFIRMATION", "WIDGET", "BUTTON", "COLUMN",
            "ICON", "CLASS", "STYLE", "SELECTOR", "TITLE", "DESCRIPTION", "NAMESPACE", "INPUT", "OUTPUT", "LEXER",
            "LAST", "USED", "DATE", "TIME", "CREATED", "UPDATED", "CHANGED",
            // A digest of the secret: GRAYLOG_ROOT_PASSWORD_SHA2, GRAYLOG_SHA256_PASSWORD.
            "SHA",
            // An expression that says where a request carries its key (API Gateway's ApiKeySelectionExpression:
            // $request.header.x-api-key), and the name of an error code (INVALID_TOKEN, braintree's ...PassThruIsInvalid).
            "EXPRESSION", "INVALID",
            // Go's error values (ErrPwd, errBadPassword: the error a check returns) and an object identifier's name
            // (passwordModifyOID: RFC 3062's 1.3.6.1.4.1.4203.1.11.1).
            "ERR", "OID");

    /** Words that make a following {@code TOKEN} a handle of a protocol, not a credential: page, sync, CSRF tokens. */
    private static final Set<String> HANDLE_TOKENS = Set.of(
            "NEXT", "PAGE", "PAGINATION", "CONTINUATION", "CHANGE", "SYNC", "IDEMPOTENCY", "CANCEL", "CANCELLATION",
            "CSRF", "XSRF", "REQUEST", "LIFECYCLE", "GRANT", "TERM", "LEXER", "PARSER", "SYNTAX", "OUTPUT", "INPUT",
            // AWS's handles: a log stream's nextForwardToken and nextBackwardToken (pages), EC2's PurchaseToken (an
            // offer's id), Lake Formation's WorkUnitToken, Payment Cryptography's ExportToken and ImportToken (the id of
            // a set of wrapping parameters): what a call hands back to name a page, an offer or a job, not a credential.
            "FORWARD", "BACKWARD", "PURCHASE", "UNIT", "EXPORT", "IMPORT");

    /**
     * Words that say where a secret is or whose it is when they follow the secret word
     * ({@code PASSWORD_FILE}, {@code TOKEN_URL}, {@code SECRET_NAME}), but name the owner of a
     * real secret when they come first ({@code REDIS_HOST_PASSWORD}, {@code DB_USER_PASSWORD}).
     */
    private static final Set<String> NOT_A_VALUE_AFTER = Set.of(
            "FILE", "FILENAME", "FILEPATH", "PATH", "DIR", "DIRECTORY", "URL", "URI", "ENDPOINT", "HOST", "PORT",
            "ID", "NAME", "USER", "USERNAME", "USERS", "SERVER", "DOMAIN", "BACKEND", "BACKENDS", "PROVIDER",
            "PROVIDERS", "CACHE", "STORE", "SOURCE", "ROLE", "ROLES", "RESET", "ORIGIN", "FOLDER",
            // A request or response about credentials, the options of a token's signer (CredsRequestBody, TokenOpts) and
            // a command line's option or flag for one (PASSPHRASE_OPTION = "--with_passphrase").
            "BODY", "REQUEST", "REQ", "RESPONSE", "RESP", "OPTS", "OPTION", "OPTIONS", "FLAG");

    /** Words that carry a secret even when a {@link #NOT_A_VALUE_AFTER} word follows: {@code CONNECTION_STRING}. */
    private static final List<List<String>> PHRASES = List.of(
            List.of("CONNECTION", "STRING"), List.of("CONN", "STR"), List.of("DATABASE", "URL"),
            List.of("DB", "URL"));

    private SecretKeys() {
    }

    /** First words that name a test's or a guide's own value: {@code testAPIKey}, {@code exampleSecret}, {@code FAKE_TOKEN}. */
    private static final Set<String> STAND_IN_OWNERS = Set.of(
            "TEST", "TESTING", "EXAMPLE", "SAMPLE", "FAKE", "DUMMY", "MOCK", "STUB", "BOGUS");

    /**
     * Returns whether {@code name} says its value stands in for a secret ({@code testAPIKey}, {@code exampleAPIKey},
     * {@code FAKE_TOKEN}): in code, a test's or a guide's constant, not a credential of the program.
     */
    static boolean namesAStandIn(String name) {
        List<String> words = words(name);
        return words.size() > 1 && STAND_IN_OWNERS.contains(words.get(0));
    }

    /** Returns whether {@code name} holds a secret value. */
    static boolean isSecret(String name) {
        List<String> words = words(name);
        int lastSecretWord = -1;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (NOT_A_VALUE.contains(word) && !isSaltOfAHash(words, i)
                    || word.startsWith("TOKEN") && i > 0 && HANDLE_TOKENS.contains(words.get(i - 1))) {
                return false;
            }
            boolean secret = SECRET_WORDS.contains(word)
                    || word.equals("KEY") && (words.size() == 1 || i > 0 && KEY_QUALIFIERS.contains(words.get(i - 1))
                            || isKeyOfEncryption(words, i))
                    // Glued names such as PGPASSWORD or APITOKEN.
                    || GLUED_ENDINGS.stream().anyMatch(word::endsWith)
                    || isGluedPass(word);
            if (secret) {
                lastSecretWord = i;
            }
        }
        if (lastSecretWord < 0) {
            return false;
        }
        for (int i = lastSecretWord + 1; i < words.size(); i++) {
            if (NOT_A_VALUE_AFTER.contains(words.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether the word at {@code index} is a {@code HASH} that a {@code SALT} or {@code KEY} follows: Drupal's
     * {@code hash_salt}, a {@code HASH_KEY} (the secret a hash is keyed with), not a digest of the secret.
     */
    private static boolean isSaltOfAHash(List<String> words, int index) {
        return words.get(index).equals("HASH") && index + 1 < words.size()
                && (words.get(index + 1).equals("SALT") || words.get(index + 1).equals("KEY"));
    }

    /** Returns whether the {@code KEY} at {@code index} is followed by what it is for: {@code ENTE_KEY_ENCRYPTION}. */
    private static boolean isKeyOfEncryption(List<String> words, int index) {
        return index + 1 < words.size() && (words.get(index + 1).equals("ENCRYPTION") || words.get(index + 1).equals("SIGNING"));
    }

    /** Words after a pair's common part that name its id half: {@code MINIO_ACCESS_KEY}, {@code PUSHER_APP_KEY}. */
    private static final List<List<String>> ID_HALVES = List.of(List.of("ACCESS", "KEY"), List.of("APP", "KEY"));

    /**
     * Owners whose id half is public by their documentation, with or without its secret beside it (hush migrate moves
     * the secret half to an env file): object storage's access key, the user name of the pair (MinIO replaced
     * MINIO_ACCESS_KEY by MINIO_ROOT_USER; AWS calls it the access key ID), and Pusher's app key, which the client
     * library is given in every browser while the app secret signs (as in Soketi and Laravel Reverb).
     */
    private static final Map<List<String>, Set<String>> PUBLIC_ID_OWNERS = Map.of(
            List.of("ACCESS", "KEY"), Set.of("S", "MINIO", "STORAGE", "BUCKET", "R", "B", "RUSTFS", "SPACES", "OSS"),
            List.of("APP", "KEY"), Set.of("PUSHER", "SOKETI", "REVERB"));

    /** Words after the common part that name the secret half of such a pair: {@code MINIO_SECRET_KEY}. */
    private static final List<List<String>> SECRET_HALVES = List.of(
            List.of("SECRET"), List.of("SECRET", "KEY"), List.of("SECRET", "ACCESS", "KEY"), List.of("APP", "SECRET"),
            List.of("APP", "SECRET", "KEY"));

    /**
     * Returns whether {@code name} is the id half of a key pair whose secret half is among {@code neighbours}: an S3
     * access key beside its secret key ({@code MINIO_ACCESS_KEY} and {@code MINIO_SECRET_KEY}, where MinIO documents
     * the access key as the user name), or a Pusher-style app key beside its app secret ({@code PUSHER_APP_KEY} and
     * {@code PUSHER_APP_SECRET}, where the app key is public and goes to every browser). The secret half may be
     * read from a file ({@code MINIO_SECRET_KEY_FILE}), as after hush migrate.
     */
    static boolean isIdOfAPair(String name, Iterable<String> neighbours) {
        List<String> words = words(name);
        for (List<String> half : ID_HALVES) {
            if (words.size() < half.size() || !words.subList(words.size() - half.size(), words.size()).equals(half)) {
                continue;
            }
            List<String> common = words.subList(0, words.size() - half.size());
            if (common.stream().anyMatch(PUBLIC_ID_OWNERS.get(half)::contains)) {
                return true;
            }
            for (String neighbour : neighbours) {
                List<String> other = words(neighbour);
                if (!other.isEmpty() && other.get(other.size() - 1).equals("FILE")) {
                    // MINIO_SECRET_KEY_FILE: the secret half, moved to a Compose secret.
                    other = other.subList(0, other.size() - 1);
                }
                if (other.size() > common.size() && other.subList(0, common.size()).equals(common)
                        && SECRET_HALVES.contains(other.subList(common.size(), other.size()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns whether {@code word} is a password glued to its owner's name: {@code ADMINPASS}, not {@code BYPASS}. */
    private static boolean isGluedPass(String word) {
        return word.length() > 4 && word.endsWith("PASS")
                && !NOT_A_PASSWORD_BEFORE_PASS.contains(word.substring(0, word.length() - 4));
    }

    /** Words that name a secret outright: a value under them is a secret whatever it looks like. */
    private static final Set<String> STRONG_WORDS = Set.of(
            "PASSWORD", "PASSWORDS", "PASSWD", "PWD", "PW", "PASSPHRASE", "SECRET", "SECRETS", "CREDENTIAL", "CREDENTIALS",
            "CREDS", "APIKEY", "PRIVATEKEY", "SECRETKEY", "ACCESSKEY");
    /** Words that make a following {@code TOKEN} a credential: {@code ACCESS_TOKEN}, {@code BOT_TOKEN}. */
    private static final Set<String> TOKEN_QUALIFIERS = Set.of(
            "ACCESS", "AUTH", "API", "BEARER", "REFRESH", "BOT", "SESSION", "PERSONAL", "OAUTH", "ID", "APP",
            "SERVICE", "DEPLOY", "REGISTRY", "NPM", "GITHUB", "GITLAB", "SLACK", "DISCORD", "TELEGRAM", "SECURITY");

    /**
     * Returns whether {@code name}, a secret-like name, holds a secret whatever its value looks like:
     * {@code password}, {@code client_secret}, {@code api_key}, {@code access_token}; a bare
     * {@code key}, {@code token}, {@code auth} or {@code salt} is a secret only by its value.
     */
    static boolean isStrong(String name) {
        if (!isSecret(name)) {
            return false;
        }
        List<String> words = words(name);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String before = i > 0 ? words.get(i - 1) : "";
            if (STRONG_WORDS.contains(word) || word.endsWith("PASSWORD") || word.endsWith("SECRET") || isGluedPass(word)
                    || word.equals("KEY") && (KEY_QUALIFIERS.contains(before) || isKeyOfEncryption(words, i))
                    || (word.equals("TOKEN") || word.equals("PASS")) && TOKEN_QUALIFIERS.contains(before)
                    || word.equals("PASS") && i > 0) {
                return true;
            }
        }
        return false;
    }

    /** Words that name a password, what a person types at a login: not a token, a key or a salt. */
    private static final Set<String> PASSWORD_WORDS = Set.of("PASSWORD", "PASSWD", "PWD", "PW", "PASS", "PASSPHRASE");

    /**
     * Returns whether {@code name}, a secret-like name, names a password ({@code password}, {@code DB_PASS},
     * {@code AdminPassword}, {@code PGPASSWORD}): a value under it is what someone logs in with, however weak.
     */
    static boolean isPassword(String name) {
        if (!isSecret(name)) {
            return false;
        }
        for (String word : words(name)) {
            if (PASSWORD_WORDS.contains(word) || word.endsWith("PASSWORD") || word.endsWith("PASSWD") || isGluedPass(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether {@code name} names a connection string that may carry credentials
     * ({@code DATABASE_URL}, {@code CONNECTION_STRING}); its value is a secret only when it
     * holds a password.
     */
    static boolean isConnectionString(String name) {
        List<String> words = words(name);
        for (List<String> phrase : PHRASES) {
            if (Collections.indexOfSubList(words, phrase) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits a name into upper-case words at {@code _}, {@code -}, {@code .}, digits and
     * lower-to-upper case changes: {@code dbPassword2} gives {@code DB, PASSWORD}.
     */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // A capital starts a word after a lower-case letter, and ends a run of capitals of two or more when a
            // lower-case letter follows it (TTLHeader: TTL, Header; APIKey: API, Key), but not after one (OAuth).
            boolean boundary = !Character.isLetter(c)
                    || i > 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1))
                    || i > 1 && Character.isUpperCase(c) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
                            && Character.isUpperCase(name.charAt(i - 1)) && Character.isUpperCase(name.charAt(i - 2));
            if (boundary && word.length() > 0) {
                words.add(word.toString().toUpperCase(Locale.ROOT));
                word.setLength(0);
            }
            if (Character.isLetter(c)) {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString().toUpperCase(Locale.ROOT));
        }
        return words;
    }
}

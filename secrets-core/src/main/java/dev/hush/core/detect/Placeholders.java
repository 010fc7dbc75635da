package dev.hush.core.detect;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises values that stand in for a secret ({@code changeme}, {@code <your-token>},
 * {@code xxxx}) and values that are not secrets at all ({@code true}, {@code 0}). A
 * placeholder in a secret-like key is still reported, with low severity: the pattern of
 * writing the value inline is what is wrong.
 */
final class Placeholders {
    private static final Set<String> WORDS = Set.of(
            "example", "changeme", "change_me", "change-me", "changeit", "password", "passwd", "secret",
            "token", "dummy", "test", "testing", "foo", "bar", "foobar", "placeholder", "todo", "tbd",
            "redacted", "sample", "default", "admin", "root", "pass", "qwerty", "letmein", "none", "null",
            "example123", "password123", "secret123", "mysecret", "mypassword", "yourpassword", "fake",
            "notasecret", "insecure", "demo", "1234", "12345", "123456", "12345678");

    private static final Pattern SHAPES = Pattern.compile(
            "(?i)x{3,}|\\*{3,}|\\.{3,}|<[^<>]*>|\\{\\{[^}]*}}|(your|my|some|insert|enter|replace)[-_ ].*"
                    + "|.*(example|changeme|change[-_]me|placeholder|dummy|fake|redacted).*"
                    // AWS documentation's example key pair, on its stems (docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html).
                    + "|akiaiosfodnn7.*|wjalrxutnfemi/k7mdeng.*");

    private static final Set<String> NOT_SECRETS = Set.of(
            "true", "false", "yes", "no", "on", "off", "1", "0", "enabled", "disabled", "required", "optional");

    private Placeholders() {
    }

    /** Returns whether {@code value} is a stand-in for a real secret. */
    static boolean isPlaceholder(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return WORDS.contains(lower) || SHAPES.matcher(lower).matches();
    }

    /**
     * Returns whether {@code value} cannot be a secret: empty, a boolean, a bare 0 or 1, or a
     * path into {@code /run/secrets}, which says where the secret is, not what it is.
     */
    static boolean isNotASecret(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return lower.isEmpty() || NOT_SECRETS.contains(lower) || lower.startsWith("/run/secrets/");
    }
}

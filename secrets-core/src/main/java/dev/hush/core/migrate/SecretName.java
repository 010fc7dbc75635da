package dev.hush.core.migrate;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names a Compose secret: lower snake case, safe as one file name inside the secrets folder
 * and as a key under {@code secrets:}. {@code DB_PASSWORD} and {@code dbPassword} both
 * become {@code db_password}.
 */
public final class SecretName implements Comparable<SecretName> {
    /** The longest name accepted, so {@code <name>.txt} stays far below file-name limits. */
    public static final int MAX_LENGTH = 100;

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    private final String value;

    private SecretName(String value) {
        this.value = value;
    }

    /**
     * Returns the name {@code value} after checking it: {@code [a-z0-9][a-z0-9_.-]*}, no
     * {@code ..}, at most {@link #MAX_LENGTH} characters.
     *
     * @throws IllegalArgumentException naming what is wrong, for a name the user typed
     */
    public static SecretName of(String value) {
        Objects.requireNonNull(value, "value == null");
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("secret name longer than " + MAX_LENGTH + " characters: " + value.length());
        }
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("secret name '" + value
                    + "' must start with a-z or 0-9 and hold only a-z, 0-9, '_', '.' and '-'");
        }
        if (value.contains("..")) {
            throw new IllegalArgumentException("secret name '" + value + "' contains '..'");
        }
        return new SecretName(value);
    }

    /**
     * Returns the name derived from a variable or key: camel-case humps and every character
     * other than a letter or digit become {@code _}, runs of {@code _} collapse, and the
     * result is lower case ({@code DB_PASSWORD}, {@code dbPassword}, {@code db-password}
     * all give {@code db_password}).
     *
     * @throws IllegalArgumentException when no letter or digit is left, or the name is too long
     */
    public static SecretName fromKey(String key) {
        Objects.requireNonNull(key, "key == null");
        return of(snakeCase(key, key));
    }

    /** Returns this name with the snake-cased {@code service} in front, for two values under one key. */
    public SecretName withPrefix(String service) {
        Objects.requireNonNull(service, "service == null");
        return of(snakeCase(service, service) + "_" + value);
    }

    /** Returns the name as it appears in compose files and file names. */
    public String value() {
        return value;
    }

    /** Returns the path inside a container where Compose mounts this secret. */
    public String runPath() {
        return "/run/secrets/" + value;
    }

    private static String snakeCase(String text, String what) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit) {
                separate(out);
                continue;
            }
            if (Character.isUpperCase(c) && i > 0 && startsHump(text, i)) {
                separate(out);
            }
            out.append(Character.toLowerCase(c));
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '_') {
            end--;
        }
        String name = out.substring(0, end);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no letter or digit in '" + what + "' to name a secret after");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Says whether the upper-case letter at {@code i} starts a new word: {@code dbPassword}, {@code DBPassword}. */
    private static boolean startsHump(String text, int i) {
        char before = text.charAt(i - 1);
        if (Character.isLowerCase(before) || Character.isDigit(before)) {
            return true;
        }
        return Character.isUpperCase(before) && i + 1 < text.length() && Character.isLowerCase(text.charAt(i + 1));
    }

    private static void separate(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
            out.append('_');
        }
    }

    @Override
    public int compareTo(SecretName other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretName that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}

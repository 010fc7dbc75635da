package dev.hush.core.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * The longest name derived from a key or a service, so that a service prefix or a number
     * ({@code _2} to {@code _99}) added for a clash stays within {@link #MAX_LENGTH}.
     */
    static final int MAX_DERIVED_LENGTH = 64;

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
     * all give {@code db_password}). Any key gives a name: one longer than
     * {@link #MAX_DERIVED_LENGTH} keeps its start and ends in a hash of the whole, and a key
     * without an ASCII letter or digit ({@code パスワード}) becomes {@code secret_} and a hash.
     */
    public static SecretName fromKey(String key) {
        Objects.requireNonNull(key, "key == null");
        String name = snakeCase(key);
        return of(bounded(name.isEmpty() ? "secret_" + hash(key) : name));
    }

    /**
     * Returns this name with the snake-cased {@code service} in front, for two values under one
     * key; shortened as {@link #fromKey} shortens, and unchanged when the service's name has no
     * ASCII letter or digit to prefix.
     */
    public SecretName withPrefix(String service) {
        Objects.requireNonNull(service, "service == null");
        String prefix = snakeCase(service);
        return prefix.isEmpty() ? this : of(bounded(prefix + "_" + value));
    }

    /** Returns the name as it appears in compose files and file names. */
    public String value() {
        return value;
    }

    /** Returns the path inside a container where Compose mounts this secret. */
    public String runPath() {
        return "/run/secrets/" + value;
    }

    /** Returns {@code text} in lower snake case, empty when it has no ASCII letter or digit. */
    private static String snakeCase(String text) {
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
        return out.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /**
     * Returns {@code name}, or when it is longer than {@link #MAX_DERIVED_LENGTH} its start and
     * {@code _} and a hash of the whole, so two long keys that share a start keep two names.
     */
    private static String bounded(String name) {
        if (name.length() <= MAX_DERIVED_LENGTH) {
            return name;
        }
        String hash = hash(name);
        String start = name.substring(0, MAX_DERIVED_LENGTH - hash.length() - 1);
        while (start.endsWith("_")) {
            start = start.substring(0, start.length() - 1);
        }
        return start + "_" + hash;
    }

    /** Returns the first 8 hex digits of the SHA-256 of {@code text}: a key or a name, never a value. */
    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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

package dev.hush.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Holds a secret value found in a file. Its {@link #toString()} shows only the length,
 * so a finding can be logged, printed or put in an exception without leaking the value.
 */
public final class SecretValue {
    private final String value;

    private SecretValue(String value) {
        this.value = value;
    }

    /** Returns a secret holding {@code value}. */
    public static SecretValue of(String value) {
        Objects.requireNonNull(value, "value == null");
        return new SecretValue(value);
    }

    /** Returns the value itself; callers decide where it may go. */
    public String reveal() {
        return value;
    }

    /** Returns the number of characters in the value. */
    public int length() {
        return value.length();
    }

    /**
     * Returns the first few characters followed by {@code …}: four of a long value, fewer of
     * a short one, none of a value under eight characters, so a preview never gives much away.
     */
    public String preview() {
        int shown = value.length() >= 16 ? 4 : value.length() >= 12 ? 3 : value.length() >= 8 ? 2 : 0;
        return value.substring(0, shown) + "…";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "SecretValue[" + value.length() + " chars]";
    }
}

package dev.hush.core.migrate;

import java.util.Objects;

/**
 * A moved secret's value that is still written in a file git would commit after the migration,
 * where hush could not take it out safely: the user's to handle, listed as manual with the
 * reason. Names and places only, never the value.
 *
 * @param secret the secret whose value it is
 * @param path the file, relative to the root
 * @param line the 1-based line, in the file as the migration leaves it
 * @param reason why hush left it and what the user can do
 */
public record LeftValue(SecretName secret, String path, int line, String reason) {
    /** Checks every component. */
    public LeftValue {
        Objects.requireNonNull(secret, "secret == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(reason, "reason == null");
        if (line < 1) {
            throw new IllegalArgumentException("line < 1");
        }
    }

    @Override
    public String toString() {
        return "LeftValue[" + secret + " at " + path + ":" + line + "]";
    }
}

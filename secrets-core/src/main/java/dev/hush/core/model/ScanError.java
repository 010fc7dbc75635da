package dev.hush.core.model;

import java.util.Objects;

/**
 * Reports a file that could not be fully understood; the scan went on without it.
 *
 * @param path the file, relative to the scanned root
 * @param line the 1-based line of the problem, or 0 when it concerns the whole file
 * @param message what went wrong and what the user can do, never a secret value
 */
public record ScanError(String path, int line, String message) {
    /** Checks that the path and message are present. */
    public ScanError {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(message, "message == null");
    }

    @Override
    public String toString() {
        return line > 0 ? path + ":" + line + ": " + message : path + ": " + message;
    }
}

package dev.hush.core.model;

import java.util.Objects;

/**
 * Reports a file the scan did not read, and why: too large, a symbolic link, not a regular file.
 *
 * @param path the file, relative to the scanned root
 * @param reason why it was skipped and, where there is one, how to include it
 */
public record SkippedFile(String path, String reason) {
    /** Checks that both components are present. */
    public SkippedFile {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(reason, "reason == null");
    }
}

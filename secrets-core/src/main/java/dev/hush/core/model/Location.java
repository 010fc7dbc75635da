package dev.hush.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Points at a place in a file: a path relative to the scanned root (with {@code /}
 * separators), a 1-based line and column, and the commit when it came from history.
 */
public record Location(String path, int line, int column, Optional<Commit> commit) {
    /** Checks the path and the 1-based coordinates. */
    public Location {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(commit, "commit == null");
        if (line < 1) {
            throw new IllegalArgumentException("line < 1: " + line);
        }
        if (column < 1) {
            throw new IllegalArgumentException("column < 1: " + column);
        }
    }

    /** Returns a location in the working tree. */
    public static Location of(String path, int line, int column) {
        return new Location(path, line, column, Optional.empty());
    }

    /** Returns this location as seen in {@code commit}. */
    public Location in(Commit commit) {
        return new Location(path, line, column, Optional.of(commit));
    }

    @Override
    public String toString() {
        return path + ":" + line + ":" + column + commit.map(c -> "@" + c.id().substring(0, Math.min(12, c.id().length()))).orElse("");
    }
}

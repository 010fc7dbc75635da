package dev.hush.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Identifies the git commit a finding was seen in.
 *
 * @param id the full commit id
 * @param author the author's name
 * @param date when the commit was authored
 */
public record Commit(String id, String author, Instant date) {
    /** Checks that every component is present. */
    public Commit {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(author, "author == null");
        Objects.requireNonNull(date, "date == null");
    }
}

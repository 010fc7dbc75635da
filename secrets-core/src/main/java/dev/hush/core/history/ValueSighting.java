package dev.hush.core.history;

import dev.hush.core.model.Commit;
import java.util.Objects;

/**
 * Says where a known value appeared in a repository's history: the oldest commit that added a
 * blob holding it, at which path, and whether any blob holding it is in {@code HEAD} or was
 * pushed. It never holds the value.
 *
 * @param commit the oldest commit that added a blob holding the value
 * @param path where that commit added it
 * @param inHead whether {@code HEAD}'s tree holds such a blob
 * @param pushed whether a commit that a remote-tracking ref reaches added such a blob
 */
public record ValueSighting(Commit commit, String path, boolean inHead, boolean pushed) {
    /** Checks that every component is present. */
    public ValueSighting {
        Objects.requireNonNull(commit, "commit == null");
        Objects.requireNonNull(path, "path == null");
    }
}

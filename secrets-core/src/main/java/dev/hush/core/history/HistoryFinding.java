package dev.hush.core.history;

import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import java.util.List;
import java.util.Objects;

/**
 * Describes one secret found in a repository's history: the same rule and value count once,
 * however many commits, branches and files hold it.
 *
 * @param finding the finding where the value was introduced: the oldest commit that added a
 *     file holding it, with that file's path, line and column ({@code finding.location().commit()}
 *     is always present)
 * @param inHead whether a file of HEAD's tree still holds the value
 * @param pushed whether a remote-tracking ref ({@code refs/remotes/*}) reaches a commit that
 *     holds it: the value left this machine and must be treated as public
 * @param occurrences how many times a commit added a file holding the value at a path,
 *     counting the introduction
 * @param otherPlaces the first few of the other commits and paths that added it, oldest first
 */
public record HistoryFinding(Finding finding, boolean inHead, boolean pushed, int occurrences,
        List<Location> otherPlaces) {
    /** Checks that the finding has a commit and copies the places. */
    public HistoryFinding {
        Objects.requireNonNull(finding, "finding == null");
        if (finding.location().commit().isEmpty()) {
            throw new IllegalArgumentException("finding.location().commit().isEmpty()");
        }
        if (occurrences < 1) {
            throw new IllegalArgumentException("occurrences < 1: " + occurrences);
        }
        otherPlaces = List.copyOf(otherPlaces);
    }
}

package dev.hush.core.history;

import java.util.Arrays;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;

/**
 * Remembers where one distinct blob appeared: the commits (by their place in the walk,
 * parents before children) and paths that added it, counted, with only the first few kept
 * so that a file copied into thousands of commits costs no more than one.
 */
final class BlobEntry extends ObjectIdOwnerMap.Entry {
    /** How many places are kept per blob: the introduction and the first few others. */
    static final int PLACES_KEPT = 6;

    private int[] placeCommits = new int[1];
    private String[] placePaths = new String[1];
    private int kept;
    private int count;
    private boolean pushed;
    private boolean inHead;

    BlobEntry(AnyObjectId id) {
        super(id);
    }

    /** Records that the commit at {@code commit} in the walk added this blob at {@code path}. */
    void addPlace(int commit, String path, boolean fromPushedCommit) {
        count++;
        pushed |= fromPushedCommit;
        if (kept == PLACES_KEPT) {
            return;
        }
        if (kept == placeCommits.length) {
            int size = Math.min(PLACES_KEPT, kept * 2);
            placeCommits = Arrays.copyOf(placeCommits, size);
            placePaths = Arrays.copyOf(placePaths, size);
        }
        placeCommits[kept] = commit;
        placePaths[kept] = path;
        kept++;
    }

    /** Returns the path of the first place: the blob is analysed as a file of that name. */
    String firstPath() {
        return placePaths[0];
    }

    /** Returns the walk position of the first commit that added this blob. */
    int firstCommit() {
        return placeCommits[0];
    }

    /** Returns how many places are kept. */
    int keptPlaces() {
        return kept;
    }

    int placeCommit(int i) {
        return placeCommits[i];
    }

    String placePath(int i) {
        return placePaths[i];
    }

    /** Returns how many times a commit added this blob at a path. */
    int count() {
        return count;
    }

    /** Returns whether a commit that a remote-tracking ref reaches added this blob. */
    boolean pushed() {
        return pushed;
    }

    boolean inHead() {
        return inHead;
    }

    void markInHead() {
        inHead = true;
    }
}

package dev.hush.core.history;

/**
 * Hears how far a history scan is, to show progress. It is called on the thread that
 * called {@link HistoryCommand#call()}, at most about ten times a second and once at the
 * end of each phase, so an implementation may draw directly on a terminal.
 */
@FunctionalInterface
public interface HistoryProgress {
    /** A listener that ignores every update. */
    HistoryProgress NONE = status -> { };

    /** Receives the latest counts. */
    void update(Status status);

    /** Names the two phases of a history scan. */
    enum Phase {
        /** Walking commits to find each distinct blob and where it appeared. */
        WALKING,
        /** Reading and analysing each distinct blob once. */
        SCANNING
    }

    /**
     * Counts what a history scan has done so far.
     *
     * @param phase the current phase
     * @param commitsWalked commits whose changes were listed
     * @param blobsFound distinct blobs found so far; during scanning, the number to scan
     * @param blobsScanned distinct blobs read and analysed, binary and oversized ones included
     * @param bytesScanned bytes of blob content read
     */
    record Status(Phase phase, long commitsWalked, long blobsFound, long blobsScanned, long bytesScanned) {
    }
}

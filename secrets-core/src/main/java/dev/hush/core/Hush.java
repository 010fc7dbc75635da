package dev.hush.core;

import dev.hush.core.history.HistoryCommand;
import dev.hush.core.scan.ScanCommand;

/**
 * Opens hush's jobs: each method returns a one-shot command to configure and {@code call()},
 * e.g. {@code Hush.scan().root(path).call()}.
 */
public final class Hush {
    private Hush() {
    }

    /** Returns a scan of a working tree. */
    public static ScanCommand scan() {
        return new ScanCommand();
    }

    /** Returns a scan of a git repository's whole history, each distinct blob read once. */
    public static HistoryCommand history() {
        return new HistoryCommand();
    }
}

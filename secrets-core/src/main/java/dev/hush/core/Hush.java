package dev.hush.core;

import dev.hush.core.migrate.MigrateCommand;
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

    /** Returns a migration of a project's inline secrets into Compose secrets: plan, apply, undo. */
    public static MigrateCommand migrate() {
        return new MigrateCommand();
    }
}

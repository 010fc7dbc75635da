package dev.hush.core;

import dev.hush.core.history.HistoryCommand;
import dev.hush.core.migrate.MigrateCommand;
import dev.hush.core.migrate.RotateCommand;
import dev.hush.core.git.GitHook;
import dev.hush.core.scan.GitScanCommand;
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

    /** Returns a scan of the blobs staged in git's index that differ from {@code HEAD}: what a pre-commit hook checks. */
    public static GitScanCommand stagedScan() {
        return GitScanCommand.staged();
    }

    /**
     * Returns a scan of the files that differ from {@code revision} in the work tree, or of
     * the commits in a range {@code A..B}.
     */
    public static GitScanCommand diffScan(String revision) {
        return GitScanCommand.diff(revision);
    }

    /** Returns the git hook of {@code kind} that runs hush, to install or uninstall. */
    public static GitHook hook(GitHook.Kind kind) {
        return GitHook.of(kind);
    }

    /** Returns a scan of a git repository's whole history, each distinct blob read once. */
    public static HistoryCommand history() {
        return new HistoryCommand();
    }

    /** Returns a migration of a project's inline secrets into Compose secrets: plan, apply, undo. */
    public static MigrateCommand migrate() {
        return new MigrateCommand();
    }

    /**
     * Returns a rotation of a migrated secret: a new value written everywhere the project
     * delivers it, as one transaction with backup and undo; or the list of secrets.
     */
    public static RotateCommand rotate() {
        return new RotateCommand();
    }
}

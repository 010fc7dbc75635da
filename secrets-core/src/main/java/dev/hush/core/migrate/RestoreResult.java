package dev.hush.core.migrate;

import java.util.List;

/**
 * Reports what an undo, a recovery or a rollback put back.
 *
 * @param journalId the migration it restored
 * @param restored files put back byte for byte from the backup
 * @param deleted files the migration had created, deleted
 * @param kept files the migration had created but that changed since, kept so no secret is lost
 * @param warnings what the user should look at
 * @param kind whether a complete migration was undone, an interrupted one rolled back, or an
 *     interrupted undo finished
 */
public record RestoreResult(String journalId, List<String> restored, List<String> deleted, List<String> kept,
        List<String> warnings, Kind kind) {
    /** Says what a restore put back. */
    public enum Kind {
        /** A complete migration was undone, as the user asked. */
        UNDONE,
        /** A migration that was interrupted or failed was rolled back. */
        ROLLED_BACK,
        /** An undo that was interrupted was finished. */
        FINISHED_UNDO
    }

    /** Copies every list. */
    public RestoreResult {
        restored = List.copyOf(restored);
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
        warnings = List.copyOf(warnings);
        java.util.Objects.requireNonNull(kind, "kind == null");
    }
}

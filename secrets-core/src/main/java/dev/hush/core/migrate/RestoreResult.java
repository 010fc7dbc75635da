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
 */
public record RestoreResult(String journalId, List<String> restored, List<String> deleted, List<String> kept,
        List<String> warnings) {
    /** Copies every list. */
    public RestoreResult {
        restored = List.copyOf(restored);
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
        warnings = List.copyOf(warnings);
    }
}

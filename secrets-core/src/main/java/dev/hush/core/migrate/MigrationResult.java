package dev.hush.core.migrate;

import java.util.List;
import java.util.Optional;

/**
 * Reports what an applied migration wrote.
 *
 * @param journalId the migration's id, the name of its journal and backup folder; empty when
 *     the plan had nothing to write
 * @param secretFilesWritten secret files created, relative to the project root
 * @param secretFilesReused secret files that already held the same value
 * @param filesChanged files edited or created
 * @param warnings what the user should look at, e.g. a secrets folder other users can read
 * @param recovered what an interrupted earlier migration restored first, if there was one
 */
public record MigrationResult(Optional<String> journalId, List<String> secretFilesWritten, List<String> secretFilesReused,
        List<String> filesChanged, List<String> warnings, Optional<RestoreResult> recovered) {
    /** Copies every list. */
    public MigrationResult {
        secretFilesWritten = List.copyOf(secretFilesWritten);
        secretFilesReused = List.copyOf(secretFilesReused);
        filesChanged = List.copyOf(filesChanged);
        warnings = List.copyOf(warnings);
    }
}

package dev.hush.core.migrate;

import java.util.Objects;
import java.util.Optional;

/**
 * Reports what an applied rotation wrote.
 *
 * @param rotation the secret, its deliveries and the plan that was applied
 * @param written what the transaction wrote: its journal id (for undo) and the files changed
 * @param recovered what an interrupted earlier migration or rotation restored first, if there was one
 */
public record RotationResult(PlannedRotation rotation, MigrationResult written, Optional<RestoreResult> recovered) {
    /** Checks that every component is present. */
    public RotationResult {
        Objects.requireNonNull(rotation, "rotation == null");
        Objects.requireNonNull(written, "written == null");
        Objects.requireNonNull(recovered, "recovered == null");
    }
}

package dev.hush.core.migrate;

import java.util.List;
import java.util.Objects;

/**
 * Holds one rotation before anything is written: the secret, the plan that writes the new value
 * in every place it is delivered (applied as one transaction, like a migration), and notes.
 *
 * @param secret the secret and its deliveries
 * @param plan the edits: its secret file, the env-file entries and the URLs that hold the value
 * @param notes what the user should know, never holding a value
 */
public record PlannedRotation(RotatableSecret secret, MigrationPlan plan, List<String> notes) {
    /** Checks the components and copies the notes. */
    public PlannedRotation {
        Objects.requireNonNull(secret, "secret == null");
        Objects.requireNonNull(plan, "plan == null");
        notes = List.copyOf(notes);
    }

    /** Returns the files the rotation writes, relative to the project root. */
    public List<String> files() {
        return plan.edits().stream().map(FileEdit::path).toList();
    }
}

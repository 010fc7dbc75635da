package dev.hush.core.migrate;

import java.util.List;
import java.util.Objects;

/**
 * Holds a migration plan and what it decided for each finding, in file order.
 *
 * @param plan the secret files, edits and checklist to apply
 * @param decisions one per finding the plan looked at
 */
public record PlannedMigration(MigrationPlan plan, List<MigrationDecision> decisions) {
    /** Checks the plan and copies the decisions. */
    public PlannedMigration {
        Objects.requireNonNull(plan, "plan == null");
        decisions = List.copyOf(decisions);
    }
}

package dev.hush.core.migrate;

import java.util.List;
import java.util.Objects;

/**
 * Holds a migration plan and what it decided for each finding, in file order.
 *
 * @param plan the secret files, edits and checklist to apply
 * @param decisions one per finding the plan looked at
 * @param trackedSecretFiles dotenv files that git tracks and from which the plan moves secrets:
 *     they should leave git's index ({@link MigrateCommand#untrack})
 * @param leftValues the moved values still written in files git would commit, which hush could
 *     not take out: manual, each with its file, line and reason
 */
public record PlannedMigration(MigrationPlan plan, List<MigrationDecision> decisions, List<String> trackedSecretFiles,
        List<LeftValue> leftValues) {
    /** Checks the plan and copies the lists. */
    public PlannedMigration {
        Objects.requireNonNull(plan, "plan == null");
        decisions = List.copyOf(decisions);
        trackedSecretFiles = List.copyOf(trackedSecretFiles);
        leftValues = List.copyOf(leftValues);
    }

    /** Returns a planned migration that leaves no value behind. */
    public PlannedMigration(MigrationPlan plan, List<MigrationDecision> decisions, List<String> trackedSecretFiles) {
        this(plan, decisions, trackedSecretFiles, List.of());
    }
}

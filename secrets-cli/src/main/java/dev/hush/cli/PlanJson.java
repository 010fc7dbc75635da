package dev.hush.cli;

import dev.hush.core.migrate.PlannedMigration;
import dev.hush.core.report.PlanJsonReport;

/** Renders a migration plan as JSON text. */
final class PlanJson {
    private PlanJson() {
    }

    static String of(PlannedMigration planned) {
        StringBuilder out = new StringBuilder();
        PlanJsonReport.write(planned, out);
        return out.toString();
    }
}

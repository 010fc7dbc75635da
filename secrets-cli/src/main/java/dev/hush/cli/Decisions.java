package dev.hush.cli;

import dev.hush.core.migrate.LeftValue;
import dev.hush.core.migrate.MigrationDecision;
import dev.hush.core.model.Finding;
import java.util.Locale;

/** Describes a migration decision on one line: where, what, the redacted preview, and the action. */
final class Decisions {
    private Decisions() {
    }

    /** Describes a value left in a committed file: where, whose value, and why it is manual. */
    static String line(LeftValue left) {
        return left.path() + ":" + left.line() + "  value of secret " + left.secret().value() + "  -> manual: "
                + left.reason();
    }

    static String line(MigrationDecision decision) {
        Finding finding = decision.finding();
        StringBuilder line = new StringBuilder()
                .append(finding.location())
                .append("  ")
                .append(finding.key().orElse(finding.ruleId()));
        finding.service().ifPresent(service -> line.append(" (service ").append(service).append(')'));
        if (finding.secret().isPresent()) {
            line.append(" = ").append(finding.preview());
        }
        line.append("  -> ").append(decision.action().name().toLowerCase(Locale.ROOT));
        decision.secret().ifPresent(name -> line.append(' ').append(name.value()));
        return line.toString();
    }
}

package dev.hush.cli;

import dev.hush.core.migrate.MigrationDecision;
import dev.hush.core.model.Finding;
import java.util.Locale;

/** Describes a migration decision on one line: where, what, the redacted preview, and the action. */
final class Decisions {
    private Decisions() {
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
        decision.delivery().ifPresent(delivery -> line.append(" via ").append(delivery));
        if (decision.weakDefault()) {
            line.append(" [weak default]");
        }
        return line.toString();
    }
}

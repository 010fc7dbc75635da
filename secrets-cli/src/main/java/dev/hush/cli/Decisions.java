package dev.hush.cli;

import dev.hush.core.migrate.LeftValue;
import dev.hush.core.migrate.MigrationDecision;
import dev.hush.core.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Describes a migration decision on one line: where, what, the redacted preview, and the action. */
final class Decisions {
    private Decisions() {
    }

    /**
     * Describes the values left in committed files, one line per secret, file and reason: where
     * (the lines), whose value, and why it is manual.
     */
    static List<String> lines(List<LeftValue> left) {
        Map<String, List<LeftValue>> grouped = new LinkedHashMap<>();
        left.forEach(l -> grouped.computeIfAbsent(l.secret().value() + "\0" + l.path() + "\0" + l.reason(),
                k -> new ArrayList<>()).add(l));
        List<String> lines = new ArrayList<>();
        for (List<LeftValue> same : grouped.values()) {
            LeftValue first = same.get(0);
            lines.add(first.path() + ":" + String.join(",", same.stream().map(l -> String.valueOf(l.line())).toList())
                    + "  value of secret " + first.secret().value() + "  -> manual: " + first.reason());
        }
        return lines;
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

package dev.hush.core.report;

import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import dev.hush.core.model.Severity;
import dev.hush.core.model.SkippedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a scan report for people: findings grouped by file, each with its severity, card,
 * rule, {@code line:column}, key and service, a redacted preview and the one-line fix; then
 * the secrets found in several places, errors, skipped files and a summary line. Colours
 * are ANSI escapes, used only when asked for.
 */
public final class TextReport implements Reporter {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";

    private final boolean color;
    private final boolean showSecrets;

    /** Creates a text reporter; {@code color} adds ANSI colours, {@code showSecrets} shows values. */
    public TextReport(boolean color, boolean showSecrets) {
        this.color = color;
        this.showSecrets = showSecrets;
    }

    @Override
    public void write(ScanReport report, Appendable out) {
        StringBuilder text = new StringBuilder();
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            byFile.computeIfAbsent(finding.location().path(), p -> new ArrayList<>()).add(finding);
        }
        for (Map.Entry<String, List<Finding>> file : byFile.entrySet()) {
            text.append(style(BOLD, file.getKey())).append('\n');
            for (Finding finding : file.getValue()) {
                appendFinding(text, finding);
            }
            text.append('\n');
        }
        appendRepeatedSecrets(text, report);
        for (ScanError error : report.errors()) {
            text.append(style(RED, "error: ")).append(error).append('\n');
        }
        for (SkippedFile file : report.skipped()) {
            text.append(style(DIM, "skipped: " + file.path() + ": " + file.reason())).append('\n');
        }
        for (String entry : report.staleBaselineEntries()) {
            text.append(style(DIM, "baseline entry no longer matches anything: " + entry)).append('\n');
        }
        text.append(summary(report)).append('\n');
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void appendFinding(StringBuilder text, Finding finding) {
        String severity = finding.severity().id().toUpperCase(Locale.ROOT);
        text.append("  ")
                .append(String.format("%-8s", finding.location().line() + ":" + finding.location().column()))
                .append(style(colorOf(finding.severity()), String.format("%-6s", severity)))
                .append(' ')
                .append(finding.card().id())
                .append("  ")
                .append(style(DIM, finding.ruleId()));
        finding.key().ifPresent(key -> text.append("  ").append(style(CYAN, key)));
        finding.service().ifPresent(service -> text.append(" (service ").append(service).append(')'));
        finding.secret().ifPresent(secret ->
                text.append(" = ").append(showSecrets ? secret.reveal() : secret.preview()));
        finding.location().commit().ifPresent(commit ->
                text.append(" @ ").append(commit.id(), 0, Math.min(12, commit.id().length())));
        text.append('\n');
        text.append("          ").append(finding.message()).append('\n');
        if (!finding.fix().isEmpty()) {
            text.append("          ").append(style(DIM, "fix: " + finding.fix())).append('\n');
        }
    }

    private void appendRepeatedSecrets(StringBuilder text, ScanReport report) {
        Map<String, List<Finding>> byFingerprint = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            if (finding.secret().isPresent()) {
                byFingerprint.computeIfAbsent(report.fingerprint(finding), f -> new ArrayList<>()).add(finding);
            }
        }
        for (Map.Entry<String, List<Finding>> group : byFingerprint.entrySet()) {
            if (group.getValue().size() > 1) {
                text.append("the same secret (").append(group.getKey(), 0, 12).append("…) is in ")
                        .append(group.getValue().size()).append(" places:");
                group.getValue().forEach(f -> text.append(' ').append(f.location()));
                text.append('\n');
            }
        }
    }

    private String summary(ScanReport report) {
        long high = count(report, Severity.HIGH);
        long medium = count(report, Severity.MEDIUM);
        long low = count(report, Severity.LOW);
        ScanReport.Stats stats = report.stats();
        String findings = report.findings().isEmpty()
                ? style(BOLD, "no findings")
                : style(BOLD, report.findings().size() + (report.findings().size() == 1 ? " finding" : " findings"))
                        + " (" + high + " high, " + medium + " medium, " + low + " low)";
        String partial = report.partial() ? " (partial: interrupted, or something could not be read)" : "";
        return findings + partial + " in " + stats.files() + (stats.files() == 1 ? " file, " : " files, ")
                + humanBytes(stats.bytes()) + ", " + stats.millis() + " ms"
                + (report.errors().isEmpty() ? "" : "; " + report.errors().size()
                        + (report.errors().size() == 1 ? " error" : " errors"));
    }

    private static long count(ScanReport report, Severity severity) {
        return report.findings().stream().filter(f -> f.severity() == severity).count();
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private String colorOf(Severity severity) {
        return switch (severity) {
            case HIGH -> RED;
            case MEDIUM -> YELLOW;
            case LOW -> CYAN;
        };
    }

    private String style(String code, String text) {
        return color ? code + text + RESET : text;
    }
}

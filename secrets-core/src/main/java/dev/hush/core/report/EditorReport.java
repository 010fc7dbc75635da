package dev.hush.core.report;

import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import dev.hush.core.model.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Writes one line per finding, {@code path:line:col: severity: rule: message}, the shape that
 * compilers print and that VS Code's problem matchers, vim's quickfix list and Emacs'
 * compilation mode jump from. Severities are the words editors know: {@code error} (high),
 * {@code warning} (medium) and {@code info} (low). Files that could not be read get a line
 * with the rule {@code unreadable}. Values never appear: the message names the key and service.
 */
public final class EditorReport implements Reporter {
    private final String base;

    /**
     * Returns a report whose paths start with {@code base}, the folder the scan started from as
     * the user gave it (empty or {@code .} for none), so that they resolve from the user's folder.
     */
    public EditorReport(String base) {
        Objects.requireNonNull(base, "base == null");
        String slashes = base.replace('\\', '/');
        this.base = slashes.isEmpty() || slashes.equals(".") || slashes.equals("./") ? ""
                : slashes.endsWith("/") ? slashes : slashes + "/";
    }

    @Override
    public void write(ScanReport report, Appendable out) {
        try {
            for (Finding finding : report.findings()) {
                String where = finding.key()
                        .map(k -> " (" + k + finding.service().map(s -> " in service " + s).orElse("") + ")").orElse("");
                line(out, finding.location().path(), finding.location().line(), finding.location().column(),
                        severity(finding.severity()), finding.ruleId(), finding.message() + where);
            }
            for (ScanError error : report.errors()) {
                line(out, error.path(), Math.max(error.line(), 1), 1, "error", "unreadable", error.message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(Appendable out, String path, int line, int column, String severity, String rule, String message)
            throws IOException {
        // A message is one line: an editor would read the rest as another, unmatched line.
        String oneLine = message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        out.append(base).append(path).append(':').append(Integer.toString(line)).append(':')
                .append(Integer.toString(Math.max(column, 1))).append(": ").append(severity).append(": ")
                .append(rule).append(": ").append(oneLine).append('\n');
    }

    private static String severity(Severity severity) {
        return switch (severity) {
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "info";
        };
    }
}

package dev.hush.cli;

import dev.hush.core.model.ScanReport;
import dev.hush.core.report.EditorReport;
import dev.hush.core.report.JsonReport;
import dev.hush.core.report.Reporter;
import dev.hush.core.report.SarifReport;
import dev.hush.core.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The output options that every reporting command shares: format, file and whether to show values. */
final class ReportOptions {
    /** The report formats; {@code editor} is one {@code path:line:col: severity: rule: message} line per finding. */
    enum Format {
        text,
        json,
        sarif,
        editor
    }

    /** The format of a command line that names none. */
    private static final Format DEFAULT_FORMAT = Format.text;

    final Format format;
    final Path output;
    final boolean showSecrets;
    final boolean noColor;

    private ReportOptions(Format format, Path output, boolean showSecrets, boolean noColor) {
        this.format = format;
        this.output = output;
        this.showSecrets = showSecrets;
        this.noColor = noColor;
    }

    /**
     * Returns the group of report options to add to a command, built in code rather than read
     * from annotations (see {@link ScanCli}); they are not checked as a group.
     */
    static ArgGroupSpec group() {
        return ArgGroupSpec.builder().validate(false).heading("%nReport:%n")
                .addArg(OptionSpec.builder("--format").defaultValue(DEFAULT_FORMAT.name()).paramLabel("FORMAT").type(Format.class)
                        .description("Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE});"
                                + " editor writes path:line:col: severity: rule: message lines for editors' problem matchers.")
                        .build())
                .addArg(OptionSpec.builder("-o", "--output").paramLabel("FILE").type(Path.class)
                        .description("Write the report to FILE instead of standard output.").build())
                .addArg(OptionSpec.builder("--show-secrets").type(boolean.class)
                        .description("Show secret values in full instead of a redacted preview.").build())
                .addArg(OptionSpec.builder("--no-color").type(boolean.class)
                        .description("Never colour the text report (NO_COLOR is also respected).").build())
                .build();
    }

    /** Returns the options of a command line that gives none: a text report on standard output, redacted. */
    static ReportOptions defaults() {
        return new ReportOptions(DEFAULT_FORMAT, null, false, false);
    }

    /** Returns the report options given to {@code command}, which has the {@link #group()}. */
    static ReportOptions of(CommandSpec command) {
        // A group without a class of its own leaves an option it was not given without its default value.
        OptionSpec format = command.findOption("--format");
        Format chosen = format.getValue() != null ? format.getValue() : Format.valueOf(format.defaultValue());
        return new ReportOptions(chosen, command.findOption("--output").getValue(),
                Boolean.TRUE.equals(command.findOption("--show-secrets").getValue()),
                Boolean.TRUE.equals(command.findOption("--no-color").getValue()));
    }

    /** Writes a report to an output, coloured or not. */
    @FunctionalInterface
    interface Output {
        void to(Appendable out, boolean color);
    }

    /** Writes {@code report} of a scan of {@code root} in the chosen format to the chosen place. */
    void write(ScanReport report, Path root, PrintWriter out) throws IOException {
        write(out, (to, color) -> reporter(color, root).write(report, to));
    }

    /** Writes what {@code output} produces to the chosen place: standard output, coloured on a terminal, or the file. */
    void write(PrintWriter out, Output output) throws IOException {
        if (this.output == null) {
            output.to(out, Terminal.colors() && !noColor);
            out.flush();
            return;
        }
        try (Writer file = Files.newBufferedWriter(this.output, StandardCharsets.UTF_8)) {
            output.to(file, false);
        }
    }

    /**
     * Returns the reporter of the chosen format for a scan of {@code root}, the path as the user gave
     * it: the editor format starts paths with it, and SARIF names its folder as the paths' base.
     */
    Reporter reporter(boolean color, Path root) {
        Path folder = !Files.isRegularFile(root) ? root : root.getParent() != null ? root.getParent() : Path.of("");
        return switch (format) {
            case text -> new TextReport(color, showSecrets);
            case json -> new JsonReport(showSecrets);
            case sarif -> new SarifReport(folder.toAbsolutePath().normalize().toUri());
            case editor -> new EditorReport(folder.toString());
        };
    }
}

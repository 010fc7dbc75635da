package dev.hush.cli;

import dev.hush.core.Hush;
import dev.hush.core.baseline.Baseline;
import dev.hush.core.config.HushConfig;
import dev.hush.core.history.HistoryCommand;
import dev.hush.core.history.HistoryProgress;
import dev.hush.core.history.HistoryReport;
import dev.hush.core.history.PurgePlan;
import dev.hush.core.history.UnsafePurgePlanPathException;
import dev.hush.core.report.HistoryJsonReport;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

/** {@code hush history}: finds every secret ever committed, once each, before a repository goes public. */
@Command(
        name = "history",
        description = "Scans every blob of every ref once and reports each secret ever committed, with the commit"
                + " that introduced it, whether it is still in HEAD and whether it was pushed.",
        footer = {"", "Exit codes: 0 no findings, 1 findings, 2 usage or error (also: a partial scan found nothing).",
            "Examples:", "  hush history", "  hush history --format json -o history.json path/to/repo",
            "  hush history --purge-plan ../repo-purge-replacements.txt"})
final class HistoryCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PATH",
            description = "A work tree, a bare repository or a .git folder (default: the current folder).")
    Path path;

    @Option(names = "--ref", paramLabel = "REF", description = "Walk only this ref or commit (repeatable; default: every ref).")
    List<String> refs;

    @Option(names = "--since", paramLabel = "DATE", description = "Read only commits made on or after DATE (YYYY-MM-DD).")
    String since;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Leave out findings accepted in FILE.")
    Path baseline;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (default: PATH/.hush.yaml).")
    Path config;

    @Option(names = "--include-vendored", description = "Also read vendored dependencies (node_modules,"
            + " vendor/github.com/..., site-packages), which are skipped and listed by default.")
    boolean includeVendored;

    @Option(names = "--purge-plan", paramLabel = "FILE",
            description = "Also write a git filter-repo --replace-text file (mode 0600; it holds the secrets).")
    Path purgePlan;

    @Option(names = "--force", description = "Overwrite an existing purge-plan file.")
    boolean force;

    /**
     * Returns the {@code history} command, ready to add to {@code hush}'s command line: the
     * annotated options, then the report options, then the standard help options, in the order
     * the usage and the completion script list them.
     */
    static CommandSpec command() {
        CommandSpec command = CommandSpec.forAnnotatedObject(new HistoryCli());
        command.addArgGroup(ReportOptions.group());
        return HushCommand.addStandardHelpOptions(command);
    }

    @Override
    public Integer call() throws Exception {
        if (purgePlan != null) {
            OptionChecks.newFile("--purge-plan", purgePlan, force);
        }
        HushConfig settings = config != null ? HushConfig.read(config) : HushConfig.forProject(path);
        HistoryCommand history = Hush.history().repository(path)
                .config(includeVendored ? settings.withVendoredScanned() : settings);
        if (refs != null) {
            history.refs(refs);
        }
        if (since != null) {
            history.since(sinceDate());
        }
        if (baseline != null) {
            history.baseline(Baseline.read(baseline));
        }
        AtomicBoolean interrupted = new AtomicBoolean();
        Signal.handle(new Signal("INT"), signal -> interrupted.set(true));
        history.cancelled(interrupted::get);
        Progress progress = Terminal.interactive() ? new Progress(spec.commandLine().getErr()) : null;
        if (progress != null) {
            history.progress(progress);
        }
        HistoryReport result;
        try {
            result = history.call();
        } catch (RepositoryNotFoundException e) {
            throw new UserError(path + ": not a git repository (give a work tree, a bare repository or a .git folder)");
        } catch (IllegalArgumentException e) {
            // The history command names the unknown ref or commit; it holds no value.
            throw new UserError(e.getMessage());
        }
        if (progress != null) {
            progress.clear();
        }
        ReportOptions report = ReportOptions.of(spec);
        report.write(spec.commandLine().getOut(), (to, color) -> {
            if (report.format == ReportOptions.Format.json) {
                new HistoryJsonReport(report.showSecrets).write(result, to);
            } else {
                report.reporter(color, path).write(result.toScanReport(), to);
            }
        });
        if (purgePlan != null) {
            writePurgePlan(result);
        }
        if (!result.findings().isEmpty()) {
            return ExitCodes.FINDINGS;
        }
        if (result.partial()) {
            // A scan that could not read everything must not pass as clean in CI or a script.
            spec.commandLine().getErr().println("hush: the history scan is partial (interrupted, or refs or objects"
                    + " could not be read: see the errors), so no findings does not mean clean");
            return ExitCodes.ERROR;
        }
        return ExitCodes.CLEAN;
    }

    private Instant sinceDate() {
        try {
            return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError("--since " + since + ": expected a date such as 2024-01-31");
        }
    }

    private void writePurgePlan(HistoryReport result) throws Exception {
        PurgePlan plan = PurgePlan.of(result);
        try {
            plan.writeReplacements(purgePlan, path, force);
        } catch (UnsafePurgePlanPathException e) {
            throw new UserError(e.getMessage());
        } catch (FileAlreadyExistsException e) {
            throw new UserError(purgePlan + " exists; choose another file or add --force to overwrite it");
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println();
        err.println(plan.instructions(purgePlan));
    }

    /** Draws one progress line on the terminal, rewritten in place. */
    private static final class Progress implements HistoryProgress {
        private final PrintWriter err;
        private final long start = System.nanoTime();

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(Status status) {
            double seconds = Math.max(0.001, (System.nanoTime() - start) / 1e9);
            double megabytes = status.bytesScanned() / 1e6;
            err.printf(Locale.ROOT, "\r%-9s %,d commits, %,d/%,d blobs, %.1f MB, %.1f MB/s   ",
                    status.phase().name().toLowerCase(Locale.ROOT), status.commitsWalked(), status.blobsScanned(),
                    status.blobsFound(), megabytes, megabytes / seconds);
            err.flush();
        }

        void clear() {
            err.print("\r" + " ".repeat(78) + "\r");
            err.flush();
        }
    }
}

package dev.hush.cli;

import dev.hush.core.Hush;
import dev.hush.core.baseline.Baseline;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import dev.hush.core.scan.ProjectScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hush scan}: reports the danger cards in a working tree, in the staged changes or in a diff. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Finds inline secrets, privileged containers and docker.sock mounts in a project.",
        footer = {"", "Exit codes: 0 no findings, 1 findings, 2 usage or error.",
            "Examples:", "  hush scan .", "  hush scan --staged                 (what a pre-commit hook runs)",
            "  hush scan --diff origin/main       (files changed since main, e.g. in a pull request)",
            "  hush scan --format sarif -o hush.sarif .",
            "  hush scan --baseline .hush-baseline ."})
final class ScanCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PATH",
            description = "Folder or file to scan (default: the current folder).")
    Path path;

    @ArgGroup(exclusive = true, heading = "%nWhat to scan (default: every file under PATH):%n")
    GitSelection git;

    /** The git-aware selections; at most one is given. */
    static final class GitSelection {
        @Option(names = "--staged", required = true,
                description = "Scan the staged changes: the blobs in git's index that differ from HEAD.")
        boolean staged;

        @Option(names = "--diff", required = true, paramLabel = "REV",
                description = "Scan the files that differ from REV in the work tree; with REV=A..B,"
                        + " the commits in that range.")
        String diff;
    }

    @ArgGroup(validate = false, heading = "%nReport:%n")
    ReportOptions report = new ReportOptions();

    @ArgGroup(validate = false, heading = "%nSettings:%n")
    Settings settings = new Settings();

    /** Where the scan's settings and accepted findings come from. */
    static final class Settings {
        @Option(names = "--baseline", paramLabel = "FILE",
                description = "Report only findings not accepted in FILE (written by 'hush baseline').")
        Path baseline;

        @Option(names = "--config", paramLabel = "FILE", description = "Settings file (default: PATH/.hush.yaml).")
        Path config;
    }

    @Override
    public Integer call() throws Exception {
        Path root = OptionChecks.readable(path);
        ProjectScan scan = git == null ? Hush.scan().root(root)
                : (git.staged ? Hush.stagedScan() : Hush.diffScan(git.diff)).root(root);
        if (settings.config != null) {
            scan.config(HushConfig.read(settings.config));
        }
        if (settings.baseline != null) {
            scan.baseline(Baseline.read(settings.baseline));
        }
        ScanReport result = scan.call();
        report.write(result, root, spec.commandLine().getOut());
        if (git == null && Files.isDirectory(root)) {
            // On stderr, so that a JSON or SARIF report stays one document.
            Hush.migrate().root(root).interrupted().ifPresent(unfinished ->
                    spec.commandLine().getErr().println("hush: note: " + unfinished.message()));
        }
        if (!result.findings().isEmpty()) {
            return ExitCodes.FINDINGS;
        }
        long unparsed = result.errors().stream().map(ScanError::path).distinct().count();
        long unreadable = result.skipped().stream().filter(s -> s.reason().startsWith("cannot be read")).count();
        if (unparsed + unreadable > 0 && unparsed >= result.stats().files()) {
            // Nothing was understood: "no findings" must not pass as clean in CI or a hook.
            spec.commandLine().getErr().println("hush: " + (unparsed + unreadable == 1 ? "the only file" : "all " + (unparsed + unreadable) + " files")
                    + " failed to parse or"
                    + " could not be read (see the errors), so no findings does not mean clean");
            return ExitCodes.ERROR;
        }
        return ExitCodes.CLEAN;
    }
}

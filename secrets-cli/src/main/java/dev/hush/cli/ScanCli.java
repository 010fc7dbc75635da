package dev.hush.cli;

import dev.hush.core.Hush;
import dev.hush.core.baseline.Baseline;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import dev.hush.core.scan.ProjectScan;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code hush scan}: reports the danger cards in a working tree, in the staged changes or in a diff.
 * Its command line is built in code rather than read from annotations: a pre-commit hook runs
 * this command on every commit, and picocli's reading of annotations (a proxy class generated
 * for each annotation type, reflection over every field) was a fifth of the hook's start-up.
 * The hook's own line, exactly {@code scan --staged}, skips picocli altogether ({@link #runHookLine()}).
 */
final class ScanCli implements Callable<Integer> {
    /** The command line a pre-commit hook runs ({@code GitHook}, .pre-commit-hooks.yaml). */
    private static final List<String> HOOK_LINE = List.of("scan", "--staged");

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    private ScanCli() {
        spec.name("scan");
        spec.usageMessage()
                .description("Finds inline secrets, privileged containers and docker.sock mounts in a project.")
                .footer("", "Exit codes: 0 no findings, 1 findings, 2 usage or error.",
                        "Examples:", "  hush scan .", "  hush scan --staged                 (what a pre-commit hook runs)",
                        "  hush scan --diff origin/main       (files changed since main, e.g. in a pull request)",
                        "  hush scan --format sarif -o hush.sarif .",
                        "  hush scan --baseline .hush-baseline .");
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("0..1").defaultValue(".").paramLabel("PATH")
                .type(Path.class).description("Folder or file to scan (default: the current folder).").build());
        // The git-aware selections; at most one is given.
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).heading("%nWhat to scan (default: every file under PATH):%n")
                .addArg(OptionSpec.builder("--staged").required(true).type(boolean.class)
                        .description("Scan the staged changes: the blobs in git's index that differ from HEAD.").build())
                .addArg(OptionSpec.builder("--diff").required(true).paramLabel("REV").type(String.class)
                        .description("Scan the files that differ from REV in the work tree; with REV=A..B,"
                                + " the commits in that range.").build())
                .build());
        spec.addArgGroup(ReportOptions.group());
        // Where the scan's settings and accepted findings come from.
        spec.addArgGroup(ArgGroupSpec.builder().validate(false).heading("%nSettings:%n")
                .addArg(OptionSpec.builder("--baseline").paramLabel("FILE").type(Path.class)
                        .description("Report only findings not accepted in FILE (written by 'hush baseline').").build())
                .addArg(OptionSpec.builder("--config").paramLabel("FILE").type(Path.class)
                        .description("Settings file (default: PATH/.hush.yaml).").build())
                .addArg(OptionSpec.builder("--include-vendored").type(boolean.class)
                        .description("Also scan vendored dependencies (node_modules, vendor/github.com/...,"
                                + " site-packages), which are skipped and listed by default.").build())
                .build());
        // Last, where the annotation puts them: the completion script lists the options in this order.
        HushCommand.addStandardHelpOptions(spec);
    }

    /** Returns the {@code scan} command, ready to add to {@code hush}'s command line. */
    static CommandSpec command() {
        return new ScanCli().spec;
    }

    @Override
    public Integer call() throws Exception {
        Path root = spec.positionalParameters().get(0).getValue();
        return scan(root, Boolean.TRUE.equals(spec.findOption("--staged").getValue()), spec.findOption("--diff").getValue(),
                spec.findOption("--config").getValue(), spec.findOption("--baseline").getValue(),
                Boolean.TRUE.equals(spec.findOption("--include-vendored").getValue()), ReportOptions.of(spec),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Returns whether {@code args} are exactly the pre-commit hook's command line. */
    static boolean isHookLine(String[] args) {
        return List.of(args).equals(HOOK_LINE);
    }

    /**
     * Runs the pre-commit hook's {@code scan --staged} as {@link #call()} runs it once picocli has
     * parsed it (the defaults of every other option, the same output and errors, the same exit
     * code), without building picocli's model of the command line: that was 60 ms of a commit's wait.
     */
    static int runHookLine() {
        PrintWriter out = writer(System.out, "sun.stdout.encoding");
        PrintWriter err = writer(System.err, "sun.stderr.encoding");
        try {
            return scan(Path.of("."), true, null, null, null, false, ReportOptions.defaults(), out, err);
        } catch (Exception e) {
            return HushCommand.report(e, err, false);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Returns a writer to {@code stream} in the encoding {@code property} names, as picocli makes its own. */
    private static PrintWriter writer(OutputStream stream, String property) {
        String encoding = System.getProperty(property);
        Charset charset = Charset.defaultCharset();
        if (encoding != null) {
            try {
                // Windows names UTF-8 code page 65001.
                charset = Charset.forName(encoding.equalsIgnoreCase("cp65001") ? "UTF-8" : encoding);
            } catch (IllegalArgumentException unknown) {
                // As picocli does: the default encoding.
            }
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    /** Scans {@code path} (its staged changes, or those since {@code diff}), reports and returns the exit code. */
    private static int scan(Path path, boolean staged, String diff, Path config, Path baseline, boolean includeVendored,
            ReportOptions report, PrintWriter out, PrintWriter err) throws Exception {
        Path root = OptionChecks.readable(path);
        boolean git = staged || diff != null;
        ProjectScan scan = !git ? Hush.scan().root(root) : (staged ? Hush.stagedScan() : Hush.diffScan(diff)).root(root);
        if (config != null) {
            scan.config(HushConfig.read(config));
        }
        if (baseline != null) {
            scan.baseline(Baseline.read(baseline));
        }
        if (includeVendored) {
            scan.includeVendored();
        }
        ScanReport result = scan.call();
        report.write(result, root, out);
        if (!git && Files.isDirectory(root)) {
            // On stderr, so that a JSON or SARIF report stays one document.
            Hush.migrate().root(root).interrupted().ifPresent(unfinished ->
                    err.println("hush: note: " + unfinished.message()));
        }
        long unparsed = result.errors().stream().map(ScanError::path).distinct().count();
        long unreadable = result.skipped().stream().filter(s -> s.reason().startsWith("cannot be read")).count();
        if (!result.findings().isEmpty()) {
            return ExitCodes.FINDINGS;
        }
        if (unparsed + unreadable > 0 && unparsed >= result.stats().files()) {
            // Nothing was understood: "no findings" must not pass as clean in CI or a hook.
            err.println("hush: " + (unparsed + unreadable == 1 ? "the only file" : "all " + (unparsed + unreadable) + " files")
                    + " failed to parse or"
                    + " could not be read (see the errors), so no findings does not mean clean");
            return ExitCodes.ERROR;
        }
        return ExitCodes.CLEAN;
    }
}

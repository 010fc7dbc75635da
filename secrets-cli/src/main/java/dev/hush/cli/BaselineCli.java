package dev.hush.cli;

import dev.hush.core.Hush;
import dev.hush.core.baseline.Baseline;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.ScanReport;
import dev.hush.core.scan.ScanCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hush baseline}: accepts today's findings so that scans report only new ones. */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = "Accepts the current findings: writes a baseline that later scans subtract.",
        footer = {"", "The file is sorted, has no line numbers and hashes each value with salted scrypt:",
            "commit it. Rerunning keeps its salt, so unchanged entries stay byte-identical.",
            "Example:", "  hush baseline . && hush scan --baseline .hush-baseline ."})
final class BaselineCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PATH",
            description = "Folder to scan (default: the current folder).")
    Path path;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = ".hush-baseline",
            description = "Baseline file to write (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (default: PATH/.hush.yaml).")
    Path config;

    @Override
    public Integer call() throws Exception {
        ScanCommand scan = Hush.scan().root(OptionChecks.readable(path));
        if (config != null) {
            scan.config(HushConfig.read(config));
        }
        ScanReport report = scan.call();
        Baseline previous = Files.isRegularFile(output) ? Baseline.read(output) : Baseline.create();
        Baseline baseline = previous.accepting(report.findings());
        baseline.write(output);
        spec.commandLine().getOut().println("hush: " + output + " accepts " + Plural.of(baseline.size(), "finding"));
        if (Baseline.declareUnionMerge(output)) {
            spec.commandLine().getOut().println("hush: .gitattributes now merges " + output.getFileName()
                    + " with merge=union, so branches that accept different findings do not conflict");
        }
        return ExitCodes.CLEAN;
    }
}

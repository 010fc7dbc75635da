package dev.hush.cli;

import dev.hush.core.Hush;
import dev.hush.core.baseline.Baseline;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.ScanReport;
import dev.hush.core.scan.ScanCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hush scan}: reports the danger cards in a working tree. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Finds inline secrets, privileged containers and docker.sock mounts in a project.",
        footer = {"", "Exit codes: 0 no findings, 1 findings, 2 usage or error.",
            "Examples:", "  hush scan .", "  hush scan --format sarif -o hush.sarif .",
            "  hush scan --baseline .hush-baseline ."})
final class ScanCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PATH",
            description = "Folder or file to scan (default: the current folder).")
    Path path;

    @Mixin
    ReportOptions report;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Report only findings not accepted in FILE (written by 'hush baseline').")
    Path baseline;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (default: PATH/.hush.yaml).")
    Path config;

    @Override
    public Integer call() throws Exception {
        ScanCommand scan = Hush.scan().root(path);
        if (config != null) {
            scan.config(HushConfig.read(config));
        }
        if (baseline != null) {
            scan.baseline(Baseline.read(baseline));
        }
        ScanReport result = scan.call();
        report.write(result, spec.commandLine().getOut());
        return result.findings().isEmpty() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }
}

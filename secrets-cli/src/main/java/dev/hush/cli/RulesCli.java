package dev.hush.cli;

import dev.hush.core.config.HushConfig;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hush rules}: lists the rules a scan applies, with the project's own rules and disabled ones. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Lists the detection rules: id, card, severity and what each finds.",
        footer = {"", "Examples:", "  hush rules", "  hush rules --config .hush.yaml"})
final class RulesCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file whose extra and disabled rules to apply (default: ./.hush.yaml).")
    Path config;

    @Override
    public Integer call() throws Exception {
        HushConfig settings = config != null ? HushConfig.read(config) : HushConfig.forProject(Path.of("."));
        RuleCatalogue catalogue = RuleCatalogue.forProject(settings);
        PrintWriter out = spec.commandLine().getOut();
        for (Rule rule : catalogue.rules()) {
            out.printf("%-36s %-20s %-7s %s%n", rule.id(), rule.card().id(), rule.severity().id(), rule.description());
        }
        out.printf("%d rules; see docs/rules.md for what each matches and how to rotate.%n", catalogue.rules().size());
        return ExitCodes.CLEAN;
    }
}

package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UsageTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = HushCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void suggestsTheClosestOptionForATypo() {
        assertThat(run("scan", "--formt", "json")).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("Unknown option: '--formt'").contains("Did you mean: --format?")
                .contains("Run 'hush scan --help'");
    }

    @Test
    void convertsThePathOfEveryCommandsPathArguments() {
        for (CommandLine command : HushCommand.commandLine().getSubcommands().values()) {
            for (CommandLine.Model.ArgSpec arg : command.getCommandSpec().args()) {
                if (arg.type() != java.nio.file.Path.class || command.getCommandName().equals("help")) {
                    continue;
                }
                CommandLine fresh = HushCommand.commandLine();
                String name = arg instanceof CommandLine.Model.OptionSpec option ? option.longestName() : null;
                String[] args = name == null
                        ? new String[] {command.getCommandName(), "some dir/x.yaml"}
                        : new String[] {command.getCommandName(), name, "some dir/x.yaml"};
                CommandLine.ParseResult parsed = fresh.parseArgs(args).subcommand();
                Object value = name == null ? parsed.matchedPositional(0).getValue() : parsed.matchedOption(name).getValue();
                assertThat(value).as("%s %s", command.getCommandName(), name).isEqualTo(java.nio.file.Path.of("some dir/x.yaml"));
            }
        }
    }

    @Test
    void namesAPathThatIsNoPathAsPicocliDoes() {
        assertThat(run("scan", "--config", "a\0b")).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("Invalid value for option '--config': cannot convert 'a\0b' to interface"
                + " java.nio.file.Path (java.nio.file.InvalidPathException: Nul character not allowed");
    }

    @Test
    void suggestsTheClosestCommandForATypo() {
        assertThat(run("scn")).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("Did you mean: scan?");
    }

    @Test
    void refusesStagedAndDiffTogether() {
        assertThat(run("scan", "--staged", "--diff", "HEAD")).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void everyCommandsHelpHasAPurposeAndAnExample() {
        CommandLine root = HushCommand.commandLine();
        assertHelp(root);
    }

    private static void assertHelp(CommandLine commandLine) {
        if (commandLine.getCommandName().equals("help")) {
            return;
        }
        String help = commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(commandLine.getCommandSpec().usageMessage().description()).as(commandLine.getCommandName()).hasSize(1);
        assertThat(help).as(commandLine.getCommandName()).containsPattern("Examples?:\\n  hush ");
        commandLine.getSubcommands().values().forEach(UsageTest::assertHelp);
    }

    @Test
    void completionScriptCompletesTheCommands() {
        assertThat(run("completion", "bash")).isEqualTo(ExitCodes.CLEAN);
        assertThat(out.toString()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_hush")
                .contains("scan").contains("hook").contains("--staged");
    }

    @Test
    void zshCompletionIsTheBashScriptThatLoadsBashcompinitItself() {
        assertThat(run("completion", "zsh")).isEqualTo(ExitCodes.CLEAN);
        assertThat(out.toString()).startsWith("# hush completion for zsh").contains("bashcompinit").contains("scan");
    }
}

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

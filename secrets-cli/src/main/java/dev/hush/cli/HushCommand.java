package dev.hush.cli;

import dev.hush.core.baseline.BaselineFormatException;
import dev.hush.core.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code hush} command; each job is a subcommand. */
@Command(
        name = "hush",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Finds inline secrets, privileged containers and docker.sock mounts in Docker projects,"
                + " and migrates inline secrets into Compose secrets, reversibly.",
        footer = {"", "Exit codes: 0 clean, 1 findings, 2 usage or error.",
            "Examples:", "  hush scan .", "  hush hook install", "  source <(hush completion bash)"},
        subcommands = {ScanCli.class, BaselineCli.class, HookCli.class, CompletionCli.class, CommandLine.HelpCommand.class})
final class HushCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Returns a command line configured with hush's exit codes and error handling. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new HushCommand());
        commandLine.setExecutionExceptionHandler(HushCommand::handle);
        commandLine.setParameterExceptionHandler(HushCommand::handleUsage);
        commandLine.setExitCodeExceptionMapper(e -> ExitCodes.ERROR);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /**
     * Prints what was wrong with the command line, the closest name for a mistyped option or
     * command ("Did you mean: --format?"), and where the usage is, instead of the whole usage.
     */
    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        java.io.PrintWriter err = commandLine.getErr();
        err.println("hush: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            err.println("Did you mean: " + String.join(" or ", unmatched.getSuggestions()) + "?");
        }
        err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.ERROR;
    }

    /** Prints one line for errors the user can act on, and a stack trace only for hush's own bugs. */
    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message;
        if (e instanceof UserError || e instanceof ConfigException || e instanceof BaselineFormatException) {
            message = e.getMessage();
        } else if (e instanceof NoSuchFileException missing) {
            message = missing.getFile() + ": no such file or folder";
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            message = "cannot read or write a file: " + e.getMessage();
        } else {
            message = "internal error (" + e.getClass().getName() + "); please report it. The message is withheld"
                    + " because it might quote a file's content.";
        }
        commandLine.getErr().println("hush: " + message);
        return ExitCodes.ERROR;
    }
}

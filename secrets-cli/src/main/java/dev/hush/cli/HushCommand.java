package dev.hush.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code hush} command; each job is a subcommand. */
@Command(
        name = "hush",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Finds inline secrets, privileged containers and docker.sock mounts in Docker projects,",
            "and migrates inline secrets into Compose secrets, reversibly."
        },
        subcommands = {CommandLine.HelpCommand.class})
final class HushCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Returns a command line configured with hush's exit codes and error handling. */
    static CommandLine commandLine() {
        return new CommandLine(new HushCommand());
    }
}

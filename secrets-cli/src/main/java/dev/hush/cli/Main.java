package dev.hush.cli;

import picocli.CommandLine;

/** Starts the {@code hush} command line. */
public final class Main {
    private Main() {
    }

    /** Runs hush with the given arguments and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(HushCommand.commandLine(args).execute(args));
    }
}

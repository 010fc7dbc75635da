package dev.hush.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs hush's command line with one more subcommand, {@code fail}, that fails the way a bug
 * deep inside hush would, with messages that quote a file's content: the test that prints it
 * runs this class on the built jar's class path, so no crash hook ships in the jar.
 */
final class FailingHush {
    static final String QUOTED = "hushTest-Quoted-Content-5e1d";

    private FailingHush() {
    }

    /** Runs {@code hush} with the {@code fail} subcommand added, and exits with its exit code. */
    public static void main(String[] args) {
        CommandLine commandLine = HushCommand.commandLine();
        commandLine.addSubcommand("fail", new Fail());
        System.exit(commandLine.execute(args));
    }

    /** Fails three calls down, with a cause, both quoting content. */
    @Command(name = "fail")
    static final class Fail implements Callable<Integer> {
        @Override
        public Integer call() {
            return plan();
        }

        private int plan() {
            return compose();
        }

        private int compose() {
            try {
                throw new IllegalArgumentException("line 3: PASSWORD=" + QUOTED);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("could not parse " + QUOTED, e);
            }
        }
    }
}

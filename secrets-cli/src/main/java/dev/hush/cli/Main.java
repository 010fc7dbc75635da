package dev.hush.cli;

import dev.hush.core.git.GitRepositories;
import dev.hush.core.rules.RuleCatalogue;
import java.util.List;

/** Starts the {@code hush} command line. */
public final class Main {
    private Main() {
    }

    /** Runs hush with the given arguments and exits with its exit code. */
    public static void main(String[] args) {
        if (readsGit(args)) {
            // A pre-commit hook's scan: JGit's one-time set-up is done on another core while picocli parses.
            GitRepositories.prepare();
        }
        if (detects(args)) {
            // And the built-in rules are read on another core, which would idle while picocli parses
            // (a tree scan's rules thread otherwise starts them after the parse, beside git's index).
            RuleCatalogue.prepareBuiltIn();
        }
        System.exit(ScanCli.isHookLine(args) ? ScanCli.runHookLine() : HushCommand.commandLine(args).execute(args));
    }

    /** Returns whether {@code args} ask for a command that runs the detector: a scan of any kind, or a history. */
    static boolean detects(String[] args) {
        return args.length > 0 && (args[0].equals("scan") || args[0].equals("history"));
    }

    /** Returns whether {@code args} ask for a scan of git's index or of a diff. */
    static boolean readsGit(String[] args) {
        List<String> words = List.of(args);
        return !words.isEmpty() && words.get(0).equals("scan") && words.stream()
                .anyMatch(word -> word.equals("--staged") || word.equals("--diff") || word.startsWith("--diff="));
    }
}

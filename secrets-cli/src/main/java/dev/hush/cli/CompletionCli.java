package dev.hush.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hush completion}: prints the shell completion script for bash or zsh. */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = "Prints a completion script for bash or zsh, generated from hush's commands.",
        footer = {"", "Examples:", "  hush completion bash > ~/.local/share/bash-completion/completions/hush",
            "  source <(hush completion zsh)           (in ~/.zshrc)"})
final class CompletionCli implements Callable<Integer> {
    /** The shells with a completion script. */
    enum Shell {
        bash,
        zsh
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "bash", paramLabel = "SHELL",
            description = "Shell: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Shell shell;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script(shell));
        spec.commandLine().getOut().flush();
        return ExitCodes.CLEAN;
    }

    /**
     * Returns the completion script for {@code shell}. picocli's bash script serves zsh too:
     * under zsh it loads {@code bashcompinit} itself, and only runs {@code compinit} when no
     * completion system is loaded yet, so prepending those calls would reset the user's completions.
     */
    static String script(Shell shell) {
        String bash = AutoComplete.bash("hush", HushCommand.commandLine());
        return shell == Shell.zsh
                ? bash.replaceFirst("#!/usr/bin/env bash\n", "# hush completion for zsh: source it from ~/.zshrc\n")
                : bash;
    }
}

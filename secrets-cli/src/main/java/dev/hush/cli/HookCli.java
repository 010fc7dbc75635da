package dev.hush.cli;

import dev.hush.core.Hush;
import dev.hush.core.git.GitHook;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hush hook}: installs or removes the git hook that scans before each commit or push. */
@Command(
        name = "hook",
        mixinStandardHelpOptions = true,
        description = "Installs or removes the git hook that runs hush before each commit (or push).",
        footer = {"", "Examples:", "  hush hook install              (pre-commit: hush scan --staged)",
            "  hush hook install --pre-push   (pre-push: hush scan --diff <remote>..<local>)",
            "  hush hook uninstall"},
        subcommands = {HookCli.Install.class, HookCli.Uninstall.class})
final class HookCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options both subcommands take. */
    static final class Target {
        @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PATH",
                description = "A folder in the repository (default: the current folder).")
        Path path;

        @Option(names = "--pre-push", description = "The pre-push hook instead of the pre-commit hook.")
        boolean prePush;

        GitHook hook() {
            return Hush.hook(prePush ? GitHook.Kind.PRE_PUSH : GitHook.Kind.PRE_COMMIT).root(path);
        }
    }

    /** What both subcommands do: change the hook that {@link Target} names, and say what changed. */
    abstract static class Step implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        /** Changes {@code hook} and returns what changed, for the user. */
        abstract String change(GitHook hook) throws IOException;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println("hush: " + change(target.hook()));
            return ExitCodes.CLEAN;
        }
    }

    /** {@code hush hook install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Writes the hook; a hook already there is kept and run first.",
            footer = {"", "A second install only updates hush's hook. The hook goes where git looks:"
                    + " core.hooksPath if set, else the repository's hooks folder (shared by linked work trees).",
                "Example:", "  hush hook install && git commit"})
    static final class Install extends Step {
        @Override
        String change(GitHook hook) throws IOException {
            GitHook.Result result = hook.install(Launcher.command());
            return switch (result.outcome()) {
                case CHAINED -> "installed " + result.hook() + "; the hook that was there is now "
                        + result.hook().getFileName() + GitHook.CHAINED_SUFFIX + " and runs first";
                case UPDATED -> "updated " + result.hook();
                default -> "installed " + result.hook();
            };
        }
    }

    /** {@code hush hook uninstall}. */
    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Removes hush's hook and puts back the hook it chained, unchanged.",
            footer = {"", "Example:", "  hush hook uninstall --pre-push"})
    static final class Uninstall extends Step {
        @Override
        String change(GitHook hook) throws IOException {
            GitHook.Result result = hook.uninstall();
            return switch (result.outcome()) {
                case RESTORED -> "removed hush's hook and restored the previous " + result.hook();
                case REMOVED -> "removed " + result.hook();
                default -> "no hush hook at " + result.hook() + "; nothing changed";
            };
        }
    }
}

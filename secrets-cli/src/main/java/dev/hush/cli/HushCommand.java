package dev.hush.cli;

import dev.hush.core.model.HushException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The top-level {@code hush} command; each job is a subcommand. Its command line is built in code,
 * as {@code scan}'s is: every start, a pre-commit hook's too, builds it.
 */
final class HushCommand implements Runnable {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    private HushCommand() {
        spec.name("hush").versionProvider(new VersionProvider());
        spec.usageMessage()
                .description("Finds inline secrets, privileged containers and docker.sock mounts in Docker projects,"
                        + " and migrates inline secrets into Compose secrets, reversibly.")
                .footer("", "Exit codes: 0 clean, 1 findings, 2 usage or error.",
                        "Examples:", "  hush scan .", "  hush hook install", "  source <(hush completion bash)");
        spec.addOption(OptionSpec.builder("--debug").scopeType(CommandLine.ScopeType.INHERIT).type(boolean.class)
                .description("On an internal error, also print its stack trace (classes, methods and lines, never"
                        + " messages), for a bug report.").build());
        // Last, where the annotation puts them: the completion script lists the options in this order.
        addStandardHelpOptions(spec);
    }

    /**
     * Adds {@code -h, --help} and {@code -V, --version} to {@code command} as picocli's
     * {@code mixinStandardHelpOptions} does (same mixin name, names and descriptions), without
     * reading the annotations of picocli's own mixin class.
     */
    static CommandSpec addStandardHelpOptions(CommandSpec command) {
        CommandSpec mixin = CommandSpec.create()
                .addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
                        .description("Show this help message and exit.").build())
                .addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class)
                        .description("Print version information and exit.").build());
        return command.addMixin("mixinStandardHelpOptions", mixin);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The system property that names the types whose built-in picocli converters are not registered. */
    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    /** The subcommands, in the order the usage lists them; each is built only when needed. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        // Lambdas, not constructor references: a constructor reference loads (and links) its class when
        // this map is made, so every start would load every subcommand and what it refers to; and JDK 25
        // archives a resolved constructor reference with the class it names, but cannot archive picocli's
        // Java 5 classes, so a reference to HelpCommand crashed the creation of an AOT cache.
        subcommands.put("scan", () -> ScanCli.command());
        subcommands.put("baseline", () -> new BaselineCli());
        subcommands.put("history", () -> HistoryCli.command());
        subcommands.put("migrate", () -> new MigrateCli());
        subcommands.put("rotate", () -> new RotateCli());
        subcommands.put("rules", () -> new RulesCli());
        subcommands.put("hook", () -> new HookCli());
        subcommands.put("completion", () -> new CompletionCli());
        subcommands.put("help", () -> new CommandLine.HelpCommand());
        return subcommands;
    }

    /** Returns a command line with every subcommand, configured with hush's exit codes and error handling. */
    static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS.keySet());
    }

    /**
     * Returns the command line for {@code args}: only the subcommand they name, when they name
     * one other than {@code help}. picocli reads each command's annotations when it is added,
     * which a pre-commit hook would pay for every command it never runs.
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help")) {
            return commandLine(Set.of(args[0]));
        }
        return commandLine();
    }

    private static CommandLine commandLine(Set<String> names) {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            // picocli registers a converter for each java.sql and java.time type by reflection on every
            // command line; no option of hush has such a type.
            System.setProperty(CONVERTER_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
        }
        CommandLine commandLine = new CommandLine(new HushCommand().spec);
        SUBCOMMANDS.forEach((name, command) -> {
            if (names.contains(name)) {
                commandLine.addSubcommand(name, command.get());
            }
        });
        // picocli converts a Path by calling Paths.get through reflection, whose accessor the JVM
        // generates at the first call (about 10 ms of a hook's start); the same call, made directly.
        commandLine.registerConverter(Path.class, HushCommand::path);
        commandLine.setExecutionExceptionHandler(HushCommand::handle);
        commandLine.setParameterExceptionHandler(HushCommand::handleUsage);
        commandLine.setExitCodeExceptionMapper(e -> ExitCodes.ERROR);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /** Converts a path argument as picocli's built-in converter does, with its message for a path that is none. */
    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException(
                    String.format("cannot convert '%s' to %s (%s)", value, Path.class, e));
        }
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
        return report(e, commandLine.getErr(), debug(parseResult));
    }

    /** Prints the line for {@code e} to {@code err}, and its stack trace if it is hush's bug and {@code debug}. */
    static int report(Exception e, java.io.PrintWriter err, boolean debug) {
        err.println("hush: " + message(e));
        if (isInternal(e) && debug) {
            err.print(InternalErrors.trace(e));
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    /** Returns whether {@code --debug} was given to hush or to any of its subcommands. */
    private static boolean debug(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether {@code e} is one of hush's own bugs rather than an error the user can act on. */
    private static boolean isInternal(Exception e) {
        return !(e instanceof UserError || e instanceof HushException || e instanceof IOException
                || e instanceof UncheckedIOException);
    }

    /**
     * Returns the one line that tells the user about {@code e}: its message when it is an error
     * the user can act on, else the failing method chain without the message; control characters (a
     * newline or an escape sequence in a folder's name) become {@code ?}.
     */
    static String message(Exception e) {
        String message;
        if (e instanceof UserError || e instanceof HushException) {
            message = e.getMessage();
        } else if (e instanceof NoSuchFileException missing) {
            message = missing.getFile() + ": no such file or folder";
        } else if (e instanceof AccessDeniedException denied) {
            message = denied.getFile() + ": permission denied; run hush as a user who may read and write it";
        } else if (e instanceof FileSystemException failed && failed.getFile() != null) {
            // The exception's own message is the path and the system's reason ("Is a directory"): no content.
            message = "cannot read or write " + failed.getMessage();
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            message = "cannot read or write a file: " + e.getMessage();
        } else {
            message = InternalErrors.line(e);
        }
        return message.replaceAll("\\p{Cntrl}", "?");
    }
}

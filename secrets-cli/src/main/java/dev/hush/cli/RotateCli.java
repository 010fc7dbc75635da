package dev.hush.cli;

import dev.hush.core.Hush;
import dev.hush.core.migrate.MigrationException;
import dev.hush.core.migrate.PlannedRotation;
import dev.hush.core.migrate.RestoreResult;
import dev.hush.core.migrate.RotatableSecret;
import dev.hush.core.migrate.RotateCommand;
import dev.hush.core.migrate.RotationChecklist;
import dev.hush.core.migrate.RotationResult;
import dev.hush.core.migrate.SecretDelivery;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.SecretInventory;
import dev.hush.core.migrate.SecretRotation;
import dev.hush.core.model.SecretValue;
import dev.hush.core.report.SecretListJsonReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hush rotate}: a new value for a migrated secret, everywhere it is delivered, in one reversible transaction. */
@Command(
        name = "rotate",
        mixinStandardHelpOptions = true,
        description = "Writes a new value for a migrated secret everywhere it is delivered (its .secrets/<name>.txt,"
                + " the ignored env files that hold it, the password part of URLs that embed it) in one transaction"
                + " with backup and undo, then prints the command that restarts the services that read it.",
        footer = {"", "Without --generate or --from-file, rotate asks for the value (hidden, twice) on a terminal.",
            "Exit codes: 0 done, 2 usage or error (nothing written).",
            "Examples:", "  hush rotate --list", "  hush rotate --generate postgres_password",
            "  hush rotate --from-file new.txt db_password examples/leaky-app", "  hush rotate --undo"})
final class RotateCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "NAME [PATH]",
            description = "The secret to rotate (as --list names it), then the project folder (default: the current"
                    + " folder). With --list or --undo, only the folder.")
    List<String> arguments = List.of();

    @ArgGroup(exclusive = true, heading = "%nMode (default: rotate NAME):%n")
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--list", description = "List every secret, its deliveries and services, and whether its"
                + " value was ever committed (on any ref of git history).")
        boolean list;

        @Option(names = "--undo", description = "Restore the project as it was before the last rotation (or migration).")
        boolean undo;

        @Option(names = "--dry-run", description = "Say which files the rotation would write, and write nothing.")
        boolean dryRun;
    }

    @ArgGroup(exclusive = true, heading = "%nNew value (default: typed, hidden, twice):%n")
    Source source = new Source();

    static final class Source {
        @Option(names = "--generate", description = "A new random value: 32 bytes from SecureRandom, written as 43"
                + " characters of A-Z a-z 0-9 - _ (safe in URLs, env files and YAML).")
        boolean generate;

        @Option(names = "--from-file", paramLabel = "FILE", description = "Read the new value from FILE (- for"
                + " standard input); one trailing line break is dropped.")
        String fromFile;
    }

    @Option(names = "--secrets-dir", paramLabel = "DIR", defaultValue = SecretFile.DEFAULT_DIR,
            description = "Folder of the secret files, relative to PATH (default: ${DEFAULT-VALUE}).")
    String secretsDir;

    @Option(names = "--force", description = "With --undo: restore even files changed since the rotation (their"
            + " current versions are kept under .hush/backup/).")
    boolean force;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "With --list: text or json. Default: ${DEFAULT-VALUE}.")
    ListFormat format;

    @Option(names = "--show-secrets", description = "Print the new value once it is written (it is never printed otherwise).")
    boolean showSecrets;

    /** How --list prints the secrets. */
    enum ListFormat {
        text,
        json
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean folderOnly = mode.list || mode.undo;
        if (format == ListFormat.json && !mode.list) {
            throw new UserError("--format json prints the list, so it goes with --list: hush rotate --list --format json");
        }
        if ((source.generate || source.fromFile != null) && folderOnly) {
            throw new UserError((source.generate ? "--generate" : "--from-file") + " gives a new value, which "
                    + (mode.list ? "--list" : "--undo") + " does not take");
        }
        if (arguments.size() > (folderOnly ? 1 : 2)) {
            throw new UserError("too many arguments: hush rotate " + (folderOnly ? (mode.list ? "--list" : "--undo")
                    + " [PATH]" : "NAME [PATH]"));
        }
        if (!folderOnly && arguments.isEmpty()) {
            throw new UserError("name the secret to rotate: hush rotate NAME (hush rotate --list shows them)");
        }
        String folder = folderOnly ? (arguments.isEmpty() ? "." : arguments.get(0))
                : arguments.size() > 1 ? arguments.get(1) : ".";
        Path path = Path.of(folder);
        RotateCommand rotate = Hush.rotate().root(OptionChecks.projectFolder(path)).onInterrupt(line -> {
            System.err.println(line);
            System.err.flush();
        });
        secretsDir = OptionChecks.inProject("--secrets-dir", secretsDir, SecretFile.DEFAULT_DIR, rotate::secretsDir);
        try {
            if (mode.list) {
                list(out, rotate.list());
                return ExitCodes.CLEAN;
            }
            if (mode.undo) {
                printUndo(out, rotate.undo(force), folder);
                return ExitCodes.CLEAN;
            }
            String name = arguments.get(0);
            RotatableSecret secret = rotate.secret(name).find();
            SecretValue value = newValue(secret);
            rotate.value(value);
            if (mode.dryRun) {
                rotate.interrupted().ifPresent(unfinished -> spec.commandLine().getErr().println("hush: note: "
                        + unfinished.message()));
                PlannedRotation planned = rotate.plan();
                out.println("hush: rotating " + secret.name() + " would write " + Plural.of(planned.files().size(), "file") + ":");
                planned.plan().edits().forEach(edit -> out.println("  ~ " + edit.path() + "    (" + String.join("; ", edit.reasons()) + ")"));
                planned.notes().forEach(note -> out.println("  note: " + note));
                out.println("hush: nothing written (--dry-run).");
                out.flush();
                return ExitCodes.CLEAN;
            }
            printResult(out, rotate.call(), value, folder);
            return ExitCodes.CLEAN;
        } catch (MigrationException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Returns the new value from --generate, --from-file or the terminal; never prints it. */
    private SecretValue newValue(RotatableSecret secret) throws IOException {
        if (source.generate) {
            return SecretRotation.generate();
        }
        if (source.fromFile != null) {
            byte[] bytes = source.fromFile.equals("-") ? System.in.readAllBytes()
                    : Files.readAllBytes(OptionChecks.readable(Path.of(source.fromFile)));
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                text = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                        : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
                return SecretValue.of(text);
            } catch (CharacterCodingException e) {
                throw new UserError(source.fromFile + " is not UTF-8 text; write the new value as UTF-8");
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        if (!dev.hush.cli.Terminal.interactive()) {
            throw new UserError("rotate asks for the new value on a terminal, and this is not one: use --generate,"
                    + " or --from-file FILE (- for standard input)");
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            terminal.writer().println("New value for " + secret.name() + " (" + secret.deliveries().size()
                    + (secret.deliveries().size() == 1 ? " delivery" : " deliveries") + "):");
            String first = reader.readLine("  new value (hidden): ", '*');
            String second = reader.readLine("  again: ", '*');
            if (first.isEmpty() || !first.equals(second)) {
                throw new UserError("the two entries differ or are empty; nothing written");
            }
            return SecretValue.of(first);
        } catch (UserInterruptException | EndOfFileException e) {
            throw new UserError("no value given; nothing written");
        }
    }

    private void printResult(PrintWriter out, RotationResult result, SecretValue value, String folder) {
        result.recovered().ifPresent(restore -> out.println("hush: first rolled back an interrupted migration or rotation ("
                + restore.journalId() + ")"));
        RotatableSecret secret = result.rotation().secret();
        out.println("hush: rotated " + secret.name() + (result.written().journalId().map(id -> " (" + id + ")").orElse(""))
                + ":");
        result.written().filesChanged().forEach(file -> out.println("  ~ " + file));
        result.written().warnings().forEach(warning -> out.println("  ! " + warning));
        for (SecretDelivery delivery : secret.deliveries()) {
            out.println("  delivered as " + delivery.describe());
        }
        result.rotation().notes().forEach(note -> out.println("  note: " + note));
        if (source.generate) {
            out.println("  the new value: " + value.length() + " random characters (A-Z a-z 0-9 - _, 256 bits), shown nowhere");
        }
        if (showSecrets) {
            out.println("  new value: " + value.reveal());
        }
        out.println();
        out.println("Next:");
        int step = 1;
        if (secret.restartCommands().isEmpty()) {
            out.println("  " + step++ + ". No service reads " + secret.name() + " through compose: give the new value to"
                    + " whatever reads " + secret.file() + ".");
        }
        for (String command : secret.restartCommands()) {
            out.println("  " + step++ + ". " + command + "    (the services read the new value)");
        }
        out.println("  " + step++ + ". Change the password where the server keeps it too (a database already set up keeps"
                + " its old one), then revoke the old value at its provider.");
        out.println("  Changed your mind? hush rotate --undo " + folder);
        out.flush();
    }

    private static void printUndo(PrintWriter out, RestoreResult restore, String folder) {
        MigrateCli.printRestore(out, restore, "");
        out.println("Restart the services that read it again: hush rotate --list " + folder + " shows the commands.");
        out.flush();
    }

    private void list(PrintWriter out, SecretInventory inventory) {
        if (format == ListFormat.json) {
            StringBuilder json = new StringBuilder();
            SecretListJsonReport.write(inventory, json);
            out.print(json);
            out.flush();
            return;
        }
        if (inventory.secrets().isEmpty()) {
            out.println("hush: no secret files in " + secretsDir + "/ (run hush migrate first)");
        }
        for (RotatableSecret secret : inventory.secrets()) {
            out.println(secret.name() + "  " + secret.file() + "  " + committed(inventory, secret));
            secret.deliveries().forEach(delivery -> out.println("  " + delivery.describe()));
            if (secret.deliveries().isEmpty()) {
                out.println("  no delivery found (no compose file reads it)");
            }
            out.println("  services: " + (secret.services().isEmpty() ? "none" : String.join(", ", secret.services())));
            out.println("  rotate: hush rotate " + secret.name());
        }
        inventory.problems().forEach(problem -> out.println("hush: note: " + problem));
        out.flush();
    }

    private static String committed(SecretInventory inventory, RotatableSecret secret) {
        if (!inventory.historyRead()) {
            return "(history not read: not a git repository)";
        }
        if (secret.committed().isEmpty()) {
            return "never committed";
        }
        RotationChecklist.Exposure exposure = secret.committed().get();
        return "COMMITTED in " + exposure.commit().id().substring(0, 7) + " on "
                + exposure.commit().date().atZone(ZoneOffset.UTC).toLocalDate()
                + (exposure.pushed() ? ", pushed" : "") + (exposure.inHead() ? ", still in HEAD" : "")
                + ": leaked, rotate it";
    }
}

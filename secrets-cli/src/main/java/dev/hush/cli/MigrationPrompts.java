package dev.hush.cli;

import dev.hush.core.baseline.Baseline;
import dev.hush.core.migrate.DeliveryKind;
import dev.hush.core.migrate.MigrateCommand;
import dev.hush.core.migrate.MigrationDecision;
import dev.hush.core.migrate.MigrationResult;
import dev.hush.core.migrate.PlannedMigration;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.model.Finding;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Walks a developer through a migration on a terminal: a summary, then each finding with
 * its context (redacted), the proposed name and action, one key to decide; then the full
 * diff and a confirmation. Values typed for an on-the-spot rotation are masked and printed
 * nowhere.
 */
final class MigrationPrompts {
    /** A secret to give a new value right after the migration. */
    record Rotation(SecretName name, SecretValue value) {
    }

    private static final String KEYS =
            "[m]igrate [k]eep [s]kip [i]gnore [r]ename [d]elivery [n]ew value [g]enerate [a]ll [q]uit [?]";
    private static final String HELP = """
              m  migrate: move the value as proposed (a weak default gets a generated value)
              k  keep: move the value as it is, even a weak default, so the service keeps working
              s  skip: leave this one inline for now
              i  ignore: leave it and accept it in .hush-baseline, so scans stop reporting it
              r  rename: choose the secret's name (lower case, digits, _ . -)
              d  delivery: choose how the value reaches the service (env file, file variable, mounted file)
              n  new value: migrate, then put a new value you type (hidden) in the secret file
              g  generate: migrate with a new random value in every place it is delivered (shown nowhere)
              a  all: migrate this and every remaining finding as proposed
              q  quit: write nothing
            """;

    private final MigrateCli cli;
    private final MigrateCommand migrate;
    private final PlannedMigration planned;
    private final Set<String> skip = new HashSet<>();
    private final Map<String, String> rename = new HashMap<>();
    private final List<Finding> ignored = new ArrayList<>();
    private final Map<String, SecretValue> newValues = new LinkedHashMap<>();
    private final Set<String> generate = new HashSet<>();
    private final Map<String, DeliveryKind> deliveries = new HashMap<>();

    MigrationPrompts(MigrateCli cli, MigrateCommand migrate, PlannedMigration planned) {
        this.cli = cli;
        this.migrate = migrate;
        this.planned = planned;
    }

    /** Runs the dialogue and returns the exit code. */
    int run() throws Exception {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintWriter out = terminal.writer();
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            List<MigrationDecision> asked = planned.decisions().stream()
                    .filter(d -> d.action() == MigrationDecision.Action.MIGRATE)
                    .toList();
            out.println(summary(asked.size()));
            planned.decisions().stream()
                    .filter(d -> d.action() != MigrationDecision.Action.MIGRATE)
                    .forEach(d -> out.println("  " + Decisions.line(d) + "\n      " + d.explanation()));
            out.println();
            boolean all = false;
            for (int i = 0; i < asked.size() && !all; i++) {
                MigrationDecision decision = asked.get(i);
                out.println("[" + (i + 1) + "/" + asked.size() + "] " + Decisions.line(decision));
                out.println("      " + decision.explanation());
                if (decision.weakDefault()) {
                    out.println("      A default password anyone can guess: Enter, m or g puts a generated value in its"
                            + " place; k keeps it as it is.");
                }
                Choice choice = ask(terminal, reader, decision);
                if (choice == Choice.QUIT) {
                    out.println("hush: nothing written.");
                    return ExitCodes.CLEAN;
                }
                all = choice == Choice.ALL;
                if (all) {
                    // "As proposed" for the rest: a weak default gets a generated value.
                    asked.subList(i, asked.size()).stream().filter(MigrationDecision::weakDefault)
                            .forEach(d -> generate.add(d.fingerprint()));
                }
            }
            PlannedMigration chosen = skip.isEmpty() && rename.isEmpty() && generate.isEmpty() && deliveries.isEmpty()
                    ? planned
                    : cli.command().skip(skip).rename(rename).generate(generate).delivery(deliveries).plan();
            if (chosen.plan().isEmpty()) {
                writeIgnored(out);
                out.println("hush: nothing left to migrate; nothing else written.");
                return ExitCodes.CLEAN;
            }
            out.println();
            if (chosen != planned) {
                // What the choices made of the plan: names, deliveries and generated values, before the diff.
                chosen.decisions().stream().filter(d -> d.action() == MigrationDecision.Action.MIGRATE)
                        .forEach(d -> out.println("# " + Decisions.line(d)));
            }
            out.print(DiffColors.apply(chosen.plan().diff(cli.showSecrets), cli.colors()));
            out.println();
            if (!confirm(terminal, "Apply these changes? [y/N] ")) {
                out.println("hush: nothing written.");
                return ExitCodes.CLEAN;
            }
            MigrationResult result = migrate.apply(chosen.plan());
            cli.rotate(rotations(chosen));
            writeIgnored(out);
            cli.finish(out, migrate, result, chosen);
            if (!newValues.isEmpty()) {
                out.println("  " + Plural.of(newValues.size(), "secret") + (newValues.size() == 1 ? " got a new value: revoke the old one"
                        : " got a new value: revoke the old ones") + " as the checklist says.");
            }
            out.flush();
            return ExitCodes.CLEAN;
        }
    }

    private String summary(int migrations) {
        long privileged = planned.decisions().stream()
                .filter(d -> d.finding().card() == dev.hush.core.model.Card.PRIVILEGED).count();
        long sockets = planned.decisions().stream()
                .filter(d -> d.finding().card() == dev.hush.core.model.Card.DOCKER_SOCKET).count();
        return "hush migrate: " + Plural.of(migrations, "inline secret") + " to move, " + Plural.of(privileged, "privileged setting")
                + ", " + Plural.of(sockets, "Docker socket mount") + ".";
    }

    private enum Choice {
        NEXT,
        ALL,
        QUIT
    }

    private Choice ask(Terminal terminal, LineReader reader, MigrationDecision decision) throws IOException {
        while (true) {
            terminal.writer().print("  " + KEYS + " ");
            terminal.writer().flush();
            int key = readKey(terminal);
            terminal.writer().println(key > 0 ? Character.toString(key) : "");
            switch (Character.toLowerCase(key)) {
                case 'm', '\r', '\n' -> {
                    if (decision.weakDefault()) {
                        generate.add(decision.fingerprint());
                    }
                    return Choice.NEXT;
                }
                case 'k' -> {
                    return Choice.NEXT;
                }
                case 'd' -> askDelivery(terminal, decision);
                case 's' -> {
                    skip.add(decision.fingerprint());
                    return Choice.NEXT;
                }
                case 'i' -> {
                    skip.add(decision.fingerprint());
                    ignored.add(decision.finding());
                    return Choice.NEXT;
                }
                case 'r' -> {
                    if (askName(reader, decision)) {
                        return Choice.NEXT;
                    }
                }
                case 'n' -> {
                    Optional<SecretValue> value = askValue(reader);
                    if (value.isPresent()) {
                        newValues.put(decision.fingerprint(), value.get());
                        return Choice.NEXT;
                    }
                }
                case 'g' -> {
                    generate.add(decision.fingerprint());
                    terminal.writer().println("  a new 32-byte random value will go wherever the secret is delivered.");
                    return Choice.NEXT;
                }
                case 'a' -> {
                    return Choice.ALL;
                }
                case 'q', 3, 4, -1 -> {
                    return Choice.QUIT;
                }
                default -> terminal.writer().print(HELP);
            }
        }
    }

    /** Asks how the value of {@code decision} reaches its service; a file needs an app that reads it. */
    private void askDelivery(Terminal terminal, MigrationDecision decision) throws IOException {
        PrintWriter out = terminal.writer();
        String key = decision.finding().key().orElse("the variable");
        String name = decision.secret().map(SecretName::value).orElse("<name>");
        out.println("  now: " + decision.delivery().orElse("as planned"));
        out.println("    e  env file: the same variable " + key + ", from a git-ignored .secrets/<service>.env");
        out.println("    f  file variable: " + key + "_FILE: /run/secrets/" + name
                + " (needs a reader: the image or app must read " + key + "_FILE)");
        out.println("    m  mounted file: /run/secrets/" + name
                + " (needs a reader: the app must read that file; the checklist shows the lines)");
        out.print("  delivery [e/f/m, other key: keep]: ");
        out.flush();
        int pressed = readKey(terminal);
        out.println(pressed > 0 && !Character.isISOControl(pressed) ? Character.toString(pressed) : "");
        DeliveryKind kind = switch (Character.toLowerCase(pressed)) {
            case 'e' -> DeliveryKind.ENV_FILE;
            case 'f' -> DeliveryKind.FILE_VARIABLE;
            case 'm' -> DeliveryKind.MOUNTED_SECRET;
            default -> null;
        };
        if (kind == null) {
            out.println("  delivery unchanged.");
        } else {
            deliveries.put(decision.fingerprint(), kind);
            out.println("  delivery: " + kind.label() + "; the diff shows it before anything is written.");
        }
        out.flush();
    }

    /** Reads one key press without waiting for Enter. */
    private static int readKey(Terminal terminal) throws IOException {
        Attributes saved = terminal.enterRawMode();
        try {
            return terminal.reader().read();
        } finally {
            terminal.setAttributes(saved);
        }
    }

    private boolean askName(LineReader reader, MigrationDecision decision) {
        String proposed = decision.secret().map(SecretName::value).orElse("");
        try {
            String typed = reader.readLine("  secret name [" + proposed + "]: ").strip();
            String name = SecretName.of(typed.isEmpty() ? proposed : typed).value();
            rename.put(decision.fingerprint(), name);
            return true;
        } catch (IllegalArgumentException e) {
            reader.getTerminal().writer().println("  " + e.getMessage());
            return false;
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        }
    }

    private static Optional<SecretValue> askValue(LineReader reader) {
        try {
            String first = reader.readLine("  new value (hidden): ", '*');
            String second = reader.readLine("  again: ", '*');
            if (first.isEmpty() || !first.equals(second)) {
                reader.getTerminal().writer().println("  the two entries differ or are empty; nothing changed.");
                return Optional.empty();
            }
            return Optional.of(SecretValue.of(first));
        } catch (UserInterruptException | EndOfFileException e) {
            return Optional.empty();
        }
    }

    /** Asks a yes-or-no question answered with one key, like every other prompt: only y or Y says yes. */
    private static boolean confirm(Terminal terminal, String prompt) throws IOException {
        terminal.writer().print(prompt);
        terminal.writer().flush();
        int key = readKey(terminal);
        terminal.writer().println(key > 0 && !Character.isISOControl(key) ? Character.toString(key) : "");
        terminal.writer().flush();
        return key == 'y' || key == 'Y';
    }

    /** Returns the rotations the user asked for, under the names the final plan gave their secrets. */
    private List<Rotation> rotations(PlannedMigration chosen) {
        List<Rotation> rotations = new ArrayList<>();
        for (MigrationDecision decision : chosen.decisions()) {
            SecretValue value = newValues.get(decision.fingerprint());
            if (value != null && decision.secret().isPresent()) {
                rotations.add(new Rotation(decision.secret().get(), value));
            }
        }
        return rotations;
    }

    private void writeIgnored(PrintWriter out) throws IOException {
        if (ignored.isEmpty()) {
            return;
        }
        Path file = cli.path.resolve(".hush-baseline");
        Baseline baseline = Files.isRegularFile(file) ? Baseline.read(file) : Baseline.create();
        baseline.including(ignored).write(file);
        Baseline.declareUnionMerge(file);
        out.println("hush: " + Plural.of(ignored.size(), "finding") + " accepted in " + file);
    }
}

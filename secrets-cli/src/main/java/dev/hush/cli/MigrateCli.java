package dev.hush.cli;

import dev.hush.core.Hush;
import dev.hush.core.config.HushConfig;
import dev.hush.core.migrate.MigrateCommand;
import dev.hush.core.migrate.MigrationDecision;
import dev.hush.core.migrate.MigrationException;
import dev.hush.core.migrate.MigrationResult;
import dev.hush.core.migrate.PlannedMigration;
import dev.hush.core.migrate.RestoreResult;
import dev.hush.core.migrate.RotationChecklist;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.SecretRotation;
import dev.hush.core.report.PlanJsonReport;
import dev.hush.core.rules.RuleCatalogue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hush migrate}: moves inline secrets into Compose secrets, previewed, atomic and reversible. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Moves inline secrets into Compose secrets: .secrets/<name>.txt (0600), the compose secrets:"
                + " wiring, .gitignore and a rotation checklist, in one reversible transaction.",
        footer = {"", "Without --yes or --dry-run, migrate asks about each finding on a terminal.",
            "Exit codes: 0 done or nothing to do, 2 usage or error (nothing written).",
            "Examples:", "  hush migrate --dry-run", "  hush migrate --yes examples/leaky-app", "  hush migrate --undo"})
final class MigrateCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PATH",
            description = "The project folder (default: the current folder).")
    Path path;

    @ArgGroup(exclusive = true, heading = "%nMode (default: interactive on a terminal):%n")
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--dry-run", description = "Print the unified diff of the plan and write nothing.")
        boolean dryRun;

        @Option(names = {"-y", "--yes"}, description = "Apply the default choice for every finding, without prompts.")
        boolean yes;

        @Option(names = "--undo", description = "Restore the project as it was before the last migration.")
        boolean undo;
    }

    @ArgGroup(validate = false, heading = "%nPlan:%n")
    PlanOptions plan = new PlanOptions();

    static final class PlanOptions {
        @Option(names = "--only", paramLabel = "RULE|PATH", description = "Migrate only findings of this rule id or in this file.")
        String only;

        @Option(names = "--secrets-dir", paramLabel = "DIR", defaultValue = SecretFile.DEFAULT_DIR,
                description = "Folder for the secret files, relative to PATH (default: ${DEFAULT-VALUE}).")
        String secretsDir;

        @Option(names = "--checklist", paramLabel = "FILE", defaultValue = "SECRETS-ROTATION.md",
                description = "Rotation checklist to write, relative to PATH (default: ${DEFAULT-VALUE}).")
        String checklist;

        @Option(names = "--harden", description = "Also replace privileged: true with cap_drop: [ALL] and no-new-privileges.")
        boolean harden;

        @Option(names = "--reads-file-vars", paramLabel = "SERVICE", split = ",",
                description = "Services whose app reads <KEY>_FILE variables (e.g. with secrets-runtime).")
        Set<String> readsFileVars = Set.of();

        @Option(names = "--generate-weak", description = "Put a generated value in place of every default password"
                + " (changeme, example, admin...) in every place it is delivered; change the password the service"
                + " stored, as the checklist says. Without it, --yes keeps such values so that nothing stops working.")
        boolean generateWeak;

        @Option(names = "--config", paramLabel = "FILE", description = "Settings file (default: PATH/.hush.yaml).")
        Path config;

        @Option(names = "--untrack", description = "After migrating, remove from git's index (git rm --cached) the"
                + " dotenv files that held secrets and are tracked; commit the removal.")
        boolean untrack;

        @Option(names = "--force", description = "With --undo: restore even files changed since the migration (their"
                + " current versions are kept under .hush/backup/).")
        boolean force;
    }

    @Option(names = "--show-secrets", description = "Show values in the diff instead of a redacted preview.")
    boolean showSecrets;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "With --dry-run: text (the diff) or json (the plan). Default: ${DEFAULT-VALUE}.")
    PlanFormat format;

    @Option(names = "--no-color", description = "Never colour the output (NO_COLOR is also respected).")
    boolean noColor;

    /** How --dry-run prints the plan. */
    enum PlanFormat {
        text,
        json
    }

    @Override
    public Integer call() throws Exception {
        if (!mode.dryRun || format != PlanFormat.json) {
            return migrate();
        }
        try {
            return migrate();
        } catch (Exception e) {
            // A tool that asked for JSON gets JSON on standard output, and the user the usual line on standard error.
            PrintWriter out = spec.commandLine().getOut();
            StringBuilder json = new StringBuilder();
            PlanJsonReport.writeError(HushCommand.message(e), json);
            out.print(json);
            out.flush();
            throw e;
        }
    }

    private Integer migrate() throws Exception {
        if (format == PlanFormat.json && !mode.dryRun) {
            throw new UserError("--format json prints the plan, so it goes with --dry-run: hush migrate --dry-run"
                    + " --format json");
        }
        PrintWriter out = spec.commandLine().getOut();
        MigrateCommand migrate = command();
        try {
            if (mode.undo) {
                printRestore(out, migrate.undo(plan.force), "migration ");
                return ExitCodes.CLEAN;
            }
            if (!mode.dryRun && !mode.yes && !Terminal.interactive()) {
                throw new UserError("migrate asks before it writes, and this is not a terminal: run"
                        + " 'hush migrate --dry-run' to see the plan, then 'hush migrate --yes' to apply it");
            }
            if (mode.dryRun) {
                // On stderr, so that --format json stays one JSON document.
                migrate.interrupted().ifPresent(unfinished -> spec.commandLine().getErr().println("hush: note: "
                        + unfinished.message()));
            } else {
                // Before planning: a half-migrated tree would plan as "nothing to migrate" and stay half-migrated.
                migrate.recover().ifPresent(restore -> printRestore(out, restore, "migration "));
            }
            PlannedMigration planned = migrate.plan();
            if (mode.dryRun && format == PlanFormat.json) {
                printPlan(out, planned);
                return ExitCodes.CLEAN;
            }
            if (planned.plan().isEmpty()) {
                if (count(planned, MigrationDecision.Action.MANUAL) == 0) {
                    out.println("hush: nothing to migrate in " + path + " (no inline secret left to move)");
                } else {
                    // Issue 14, item 9: never "nothing to migrate" while the scan reports a secret hush cannot move.
                    out.println("hush: nothing hush can move in " + path + "; "
                            + Plural.of(count(planned, MigrationDecision.Action.MANUAL), "finding") + " to move by hand:");
                    printManual(out, planned);
                    planned.plan().notes().forEach(note -> out.println(("  note: " + note).replaceAll("\\p{Cntrl}", "?")));
                }
                return ExitCodes.CLEAN;
            }
            if (mode.dryRun) {
                printPlan(out, planned);
                return ExitCodes.CLEAN;
            }
            if (mode.yes) {
                finish(out, migrate, migrate.apply(planned.plan()), planned);
                return ExitCodes.CLEAN;
            }
            return new MigrationPrompts(this, migrate, planned).run();
        } catch (MigrationException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Returns the core command configured from the options, with the user's renames and skips. */
    MigrateCommand command() throws IOException {
        MigrateCommand migrate = Hush.migrate().root(OptionChecks.projectFolder(path))
                .harden(plan.harden)
                .readsFileVariables(plan.readsFileVars)
                .generateWeak(plan.generateWeak)
                .onInterrupt(line -> {
                    System.err.println(line);
                    System.err.flush();
                });
        plan.secretsDir = OptionChecks.inProject("--secrets-dir", plan.secretsDir, SecretFile.DEFAULT_DIR,
                migrate::secretsDir);
        plan.checklist = OptionChecks.markdown("--checklist", OptionChecks.inProject("--checklist", plan.checklist,
                RotationChecklist.DEFAULT_PATH, migrate::checklist));
        HushConfig settings = plan.config != null ? HushConfig.read(plan.config) : HushConfig.forProject(path);
        migrate.config(settings);
        if (plan.only != null) {
            migrate.only(OptionChecks.ruleOrPath("--only", plan.only, path, RuleCatalogue.forProject(settings)));
        }
        return migrate;
    }

    boolean colors() {
        return Terminal.colors() && !noColor;
    }

    private void printPlan(PrintWriter out, PlannedMigration planned) {
        if (format == PlanFormat.json) {
            out.print(PlanJson.of(planned));
            out.flush();
            return;
        }
        for (MigrationDecision decision : planned.decisions()) {
            out.println("# " + Decisions.line(decision));
        }
        Decisions.lines(planned.leftValues()).forEach(line -> out.println("# " + line));
        out.println();
        out.print(DiffColors.apply(planned.plan().diff(showSecrets), colors()));
        out.flush();
    }

    /** Untracks the emptied dotenv files when asked, then prints what the migration changed and what to run next. */
    void finish(PrintWriter out, MigrateCommand migrate, MigrationResult result, PlannedMigration planned)
            throws IOException {
        printResult(out, result, planned);
        if (plan.untrack) {
            for (String file : migrate.untrack(planned.trackedSecretFiles())) {
                out.println("hush: " + file + " is no longer tracked (git rm --cached); commit the removal");
            }
        } else if (!planned.trackedSecretFiles().isEmpty()) {
            out.println("hush: git still tracks " + String.join(", ", planned.trackedSecretFiles())
                    + ": run hush migrate --untrack, or git rm --cached, and commit");
        }
        out.flush();
    }

    /** Prints what a migration changed, where the checklist is, and what to run next. */
    private void printResult(PrintWriter out, MigrationResult result, PlannedMigration planned) {
        result.recovered().ifPresent(restore -> out.println("hush: first rolled back an interrupted migration ("
                + restore.journalId() + ")"));
        out.println("hush: migrated " + Plural.of(count(planned, MigrationDecision.Action.MIGRATE), "finding") + ":");
        result.secretFilesWritten().forEach(file -> out.println("  + " + file + " (0600)"));
        result.secretFilesReused().forEach(file -> out.println("  = " + file + " (already held the value)"));
        result.filesChanged().forEach(file -> out.println("  ~ " + file));
        result.warnings().forEach(warning -> out.println("  ! " + warning));
        planned.plan().notes().forEach(note -> out.println("  note: " + note));
        if (!planned.leftValues().isEmpty()) {
            out.println("hush: " + Plural.of(planned.leftValues().size(), "value") + " left for you to take out by hand"
                    + " (manual; the checklist says why):");
            Decisions.lines(planned.leftValues()).forEach(line -> out.println("  " + line));
        }
        if (count(planned, MigrationDecision.Action.MANUAL) > 0) {
            out.println("hush: " + Plural.of(count(planned, MigrationDecision.Action.MANUAL), "finding")
                    + " to move by hand (the steps are in " + plan.checklist + "):");
            printManual(out, planned);
        }
        out.println();
        out.println("Next:");
        out.println("  1. Read " + plan.checklist + ": rotate every secret that was ever committed.");
        out.println("  2. docker compose up -d --force-recreate    (the services now read /run/secrets/)");
        out.println("  3. hush scan " + path + "    (nothing inline should be left)");
        out.println("  Changed your mind? hush migrate --undo " + path);
        out.flush();
    }

    /** Prints each finding left to the user: where it is and why, on one line; never its value. */
    private static void printManual(PrintWriter out, PlannedMigration planned) {
        planned.decisions().stream().filter(d -> d.action() == MigrationDecision.Action.MANUAL)
                .forEach(d -> out.println(("  " + d.finding().location() + ": " + d.explanation())
                        .replaceAll("\\p{Cntrl}", "?")));
    }

        private static long count(PlannedMigration planned, MigrationDecision.Action action) {
        return planned.decisions().stream().filter(d -> d.action() == action).count();
    }

    /**
     * Prints what an undo or a recovery restored; {@code what} names the transaction undone
     * ({@code "migration "}, or empty where it may be a rotation too).
     */
    static void printRestore(PrintWriter out, RestoreResult restore, String what) {
        out.println(switch (restore.kind()) {
            case UNDONE -> "hush: undid " + what + restore.journalId() + ":";
            case ROLLED_BACK -> "hush: first rolled back an interrupted migration (" + restore.journalId() + "):";
            case FINISHED_UNDO -> "hush: first finished an interrupted undo of " + what + restore.journalId() + ":";
        });
        restore.restored().forEach(file -> out.println("  restored " + file));
        restore.deleted().forEach(file -> out.println("  deleted  " + file));
        restore.kept().forEach(file -> out.println("  kept     " + file + " (changed since the migration: it may hold a rotated value)"));
        restore.warnings().forEach(warning -> out.println("  ! " + warning));
        out.flush();
    }

    /** Rotates the secrets the user asked to rotate on the spot, after a successful apply. */
    void rotate(List<MigrationPrompts.Rotation> rotations) throws Exception {
        for (MigrationPrompts.Rotation rotation : rotations) {
            SecretRotation.replace(path, plan.secretsDir, rotation.name(), rotation.value());
        }
    }
}

package dev.hush.core.migrate.apply;

import static dev.hush.core.migrate.apply.MigrationTransactionTest.hostName;
import static dev.hush.core.migrate.apply.MigrationTransactionTest.newestJournal;
import static dev.hush.core.migrate.SamplePlan.COMPOSE;
import static dev.hush.core.migrate.SamplePlan.MIGRATED;
import static dev.hush.core.migrate.SamplePlan.PASSWORD;
import static dev.hush.core.migrate.SamplePlan.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.MigrationException.Problem;
import dev.hush.core.migrate.MigrationException;
import dev.hush.core.migrate.MigrationPlan;
import dev.hush.core.migrate.MigrationResult;
import dev.hush.core.migrate.ProjectSnapshot;
import dev.hush.core.migrate.RestoreResult;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.migrate.UnfinishedMigration;
import dev.hush.core.migrate.apply.MigrationTransactionTest.SimulatedCrash;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: what comes after a crash, a signal, a concurrent edit, a full disk or a planted journal. */
class RecoveryTest {
    static final String USER_EDIT = "# my own edit, saved after the crash\n";

    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

    private Path compose;

    @BeforeEach
    void writeProject() throws Exception {
        compose = root.resolve("compose.yaml");
        Files.writeString(compose, COMPOSE);
        Git.init().setDirectory(root.toFile()).call().close();
    }

    /** The sample plan with a new {@code .gitignore} listed last: the transaction must still write it first. */
    static MigrationPlan planWithIgnoreRules() {
        return MigrationTransactionTest.plan().toBuilder()
                .edit(FileEdit.create(".gitignore", bytes(".secrets/\n.hush/\n"), List.of("ignore the secrets")))
                .build();
    }

    private static MigrationTransaction crashingAt(String step) {
        return MigrationTransaction.create().steps(reached -> {
            if (reached.equals(step)) {
                throw new SimulatedCrash(reached);
            }
        });
    }

    @Test
    void recoveryKeepsAFileTheUserEditedAfterTheCrashAndNamesItsBackup() throws Exception {
        assertThatThrownBy(() -> crashingAt("mid-rename").apply(root, planWithIgnoreRules())).isInstanceOf(SimulatedCrash.class);
        Files.writeString(compose, MIGRATED + USER_EDIT);

        RestoreResult recovered = MigrationTransaction.create().recover(root).orElseThrow();

        assertThat(Files.readString(compose)).isEqualTo(MIGRATED + USER_EDIT);
        assertThat(recovered.kind()).isEqualTo(RestoreResult.Kind.ROLLED_BACK);
        assertThat(recovered.kept()).contains("compose.yaml", ".secrets/db_password.txt", ".gitignore");
        assertThat(String.join("\n", recovered.warnings()))
                .contains("compose.yaml changed since hush wrote it; kept your version (the one before the migration is in .hush/backup/"
                        + recovered.journalId() + "/compose.yaml)")
                .doesNotContain(PASSWORD);
        // The edited compose file reads the secret file, so the value and its ignore rule stay.
        assertThat(Files.readString(root.resolve(".secrets/db_password.txt"))).isEqualTo(PASSWORD);
        assertThat(ignored(root, ".secrets/db_password.txt")).isTrue();
        assertThat(Files.readString(root.resolve(".hush/backup/" + recovered.journalId() + "/compose.yaml"))).isEqualTo(COMPOSE);
    }

    @Test
    void recoveryRemovesTheTempFileOfABackupThatAKillCutShort() throws Exception {
        assertThatThrownBy(() -> crashingAt("backup:compose.yaml").apply(root, planWithIgnoreRules()))
                .isInstanceOf(SimulatedCrash.class);
        // A kill after the temp file of the backup was written and before its rename leaves it beside the backup.
        Path backups = root.resolve(".hush/backup");
        Path backup;
        try (Stream<Path> folders = Files.list(backups)) {
            backup = folders.findFirst().orElseThrow();
        }
        Path cutShort = backup.resolve(".compose.yaml.hush-tmp");
        Files.writeString(cutShort, COMPOSE.substring(0, 10));

        MigrationTransaction.create().recover(root).orElseThrow();

        assertThat(cutShort).doesNotExist();
        assertThat(Files.readString(compose)).isEqualTo(COMPOSE);
    }

    @Test
    void recoveryKeepsAnEditToAFileHushHadNotRewrittenYet() throws Exception {
        assertThatThrownBy(() -> crashingAt("after-secret-files").apply(root, planWithIgnoreRules()))
                .isInstanceOf(SimulatedCrash.class);
        Files.writeString(compose, COMPOSE + USER_EDIT);

        RestoreResult recovered = MigrationTransaction.create().recover(root).orElseThrow();

        assertThat(Files.readString(compose)).isEqualTo(COMPOSE + USER_EDIT);
        assertThat(recovered.restored()).doesNotContain("compose.yaml");
        assertThat(recovered.kept()).contains("compose.yaml");
    }

    @Test
    void rollsBackWhenAFileChangesJustBeforeItsRenameAndNamesIt() throws Exception {
        Map<String, String> before = ProjectSnapshot.of(root);
        MigrationTransaction editing = MigrationTransaction.create().steps(step -> {
            if (step.equals("after-secret-files")) {
                append(compose, USER_EDIT);
            }
        });

        MigrationException e = catchThrowableOfType(MigrationException.class, () -> editing.apply(root, planWithIgnoreRules()));

        assertThat(e.problem()).isEqualTo(Problem.CHANGED_ON_DISK);
        assertThat(e).hasMessage("compose.yaml changed on disk while hush was migrating it (your version is kept);"
                + " everything was rolled back, nothing changed. Run hush migrate again");
        assertThat(Files.readString(compose)).isEqualTo(COMPOSE + USER_EDIT);
        Map<String, String> expected = new java.util.TreeMap<>(before);
        expected.put("compose.yaml", ProjectSnapshot.of(root).get("compose.yaml"));
        assertThat(ProjectSnapshot.of(root)).isEqualTo(expected);
    }

    @Test
    void ignoresTheSecretsBeforeTheyExistOnApplyAndUntilTheyAreGoneOnUndo() throws Exception {
        List<String> seen = new ArrayList<>();
        MigrationTransaction.Step watch = step -> {
            seen.add(step);
            for (String path : valueHolders(root)) {
                assertThat(ignored(root, path)).as(path + " ignored at " + step).isTrue();
            }
        };
        MigrationTransaction.create().steps(watch).apply(root, planWithIgnoreRules());
        assertThat(seen.indexOf("ignore-rules:.gitignore")).isLessThan(seen.indexOf("secret:.secrets/db_password.txt"));
        MigrationTransaction.create().steps(watch).undo(root);
        assertThat(seen.indexOf("delete:.secrets/db_password.txt")).isLessThan(seen.lastIndexOf("restore:.gitignore"));
        assertThat(root.resolve(".gitignore")).doesNotExist();
        assertThat(Files.readString(compose)).isEqualTo(COMPOSE);
    }

    @Test
    void rollsBackAndSaysSoWhenASignalStopsTheApply() throws Exception {
        Map<String, String> before = ProjectSnapshot.of(root);
        MigrationTransaction signalled = MigrationTransaction.create().steps(step -> {
            if (step.equals("mid-rename")) {
                throw new InterruptGuard.TransactionInterrupted();
            }
        });
        MigrationException e = catchThrowableOfType(MigrationException.class, () -> signalled.apply(root, planWithIgnoreRules()));
        assertThat(e.problem()).isEqualTo(Problem.INTERRUPTED);
        assertThat(e).hasMessageEndingWith("everything was rolled back, nothing changed");
        assertThat(ProjectSnapshot.of(root)).isEqualTo(before);
        try (Stream<Path> temps = Files.list(root.resolve(".hush/tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void finishesAnUndoThatWasKilledMidway() throws Exception {
        Map<String, String> before = ProjectSnapshot.of(root);
        MigrationTransaction.create().apply(root, planWithIgnoreRules());
        assertThatThrownBy(() -> crashingAt("delete:.secrets/db_password.txt").undo(root)).isInstanceOf(SimulatedCrash.class);
        assertThat(newestJournal(root).state()).isEqualTo(Journal.State.UNDOING);
        assertThat(MigrationTransaction.interrupted(root).orElseThrow().undo()).isTrue();

        RestoreResult finished = MigrationTransaction.create().recover(root).orElseThrow();

        assertThat(finished.kind()).isEqualTo(RestoreResult.Kind.FINISHED_UNDO);
        assertThat(ProjectSnapshot.of(root)).isEqualTo(before);
        assertThat(newestJournal(root).state()).isEqualTo(Journal.State.UNDONE);
    }

    @Test
    void refusesAJournalCopiedIntoAnotherFolderAsACloneWouldCarryIt() throws Exception {
        assertThatThrownBy(() -> crashingAt("mid-rename").apply(root, planWithIgnoreRules())).isInstanceOf(SimulatedCrash.class);
        Path clone = elsewhere.resolve("clone");
        copyTree(root, clone);
        Files.writeString(clone.resolve("compose.yaml"), "services: {}\n# the clone's own file\n");
        Map<String, String> before = ProjectSnapshot.of(clone, true);

        MigrationException e = catchThrowableOfType(MigrationException.class, () -> MigrationTransaction.create().recover(clone));

        assertThat(e.problem()).isEqualTo(Problem.UNTRUSTED_JOURNAL);
        assertThat(e).hasMessageContaining("was not written by hush for this project on this machine")
                .hasMessageContaining("Inspect it with: cat " + clone.toRealPath().resolve(".hush/journal"));
        assertThat(ProjectSnapshot.of(clone, true)).isEqualTo(before);
        assertThat(MigrationTransaction.interrupted(clone).orElseThrow().trusted()).isFalse();
        assertThatThrownBy(() -> MigrationTransaction.create().apply(clone, MigrationPlan.builder().build()))
                .isInstanceOf(MigrationException.class).hasMessageContaining("hush will not restore anything from it");
    }

    @Test
    void refusesAPlantedJournalSealedWithAnotherKeyOrNone() throws Exception {
        Files.createDirectories(root.resolve(".hush/journal"));
        Files.createDirectories(root.resolve(".hush/backup/20260101T000000000Z"));
        Files.writeString(root.resolve(".hush/backup/20260101T000000000Z/compose.yaml"), "services: {planted: {}}\n");
        Journal planted = new Journal("20260101T000000000Z", Journal.State.STARTED, Journal.newSalt(), List.of(), List.of());
        String plantedBefore = planted.hash(bytes("services: {planted: {}}\n"));
        planted = new Journal(planted.id(), planted.state(), planted.salt(), List.of(new Journal.Entry("compose.yaml",
                Journal.Kind.EDIT, true, Optional.of(plantedBefore), planted.hash(bytes(COMPOSE)), Optional.empty(),
                Optional.empty(), Optional.empty())), List.of());
        String keyDir = System.getProperty(JournalSeal.KEY_DIR_PROPERTY);
        System.setProperty(JournalSeal.KEY_DIR_PROPERTY, elsewhere.resolve("attacker").toString());
        try {
            planted.write(root.resolve(".hush/journal"), JournalSeal.forProject(root.toRealPath()));
        } finally {
            restoreProperty(keyDir);
        }
        assertThatThrownBy(() -> MigrationTransaction.create().apply(root, MigrationTransactionTest.plan()))
                .isInstanceOf(MigrationException.class).hasMessageContaining("was not written by hush for this project");
        assertThat(Files.readString(compose)).isEqualTo(COMPOSE);

        // Version 1 journals had an unkeyed hash beside its salt: anyone could forge one.
        Path file = root.resolve(".hush/journal/20260101T000000000Z.json");
        Files.writeString(file, planted.toJson().replace("\"version\": 2", "\"version\": 1"));
        MigrationException e = catchThrowableOfType(MigrationException.class, () -> MigrationTransaction.create().undo(root));
        assertThat(e.problem()).isEqualTo(Problem.UNTRUSTED_JOURNAL);
        assertThat(Files.readString(compose)).isEqualTo(COMPOSE);
    }

    @Test
    void refusesAVersionOneJournalOfAnOlderHushAndSaysHowToFinishOrDiscardIt() throws Exception {
        // What hush wrote before journals were sealed: version 1, no mac, on this very machine.
        Path compose = root.resolve("compose.yaml");
        Files.writeString(compose, COMPOSE);
        Journal older = new Journal("20260101T000000000Z", Journal.State.STARTED, Journal.newSalt(), List.of(), List.of());
        older = new Journal(older.id(), older.state(), older.salt(), List.of(new Journal.Entry("compose.yaml",
                Journal.Kind.EDIT, true, Optional.of(older.hash(bytes("services: {older: {}}\n"))), older.hash(bytes(COMPOSE)),
                Optional.empty(), Optional.empty(), Optional.empty())), List.of());
        Path file = root.resolve(".hush/journal/" + older.id() + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, older.toJson().replace("\"version\": 2", "\"version\": 1").replaceAll(",\\s*\"mac\": \"[^\"]*\"", ""));
        Map<String, String> before = ProjectSnapshot.of(root, false);
        String journal = Files.readString(file);

        MigrationException apply = catchThrowableOfType(MigrationException.class,
                () -> MigrationTransaction.create().apply(root, MigrationTransactionTest.plan()));
        MigrationException undo = catchThrowableOfType(MigrationException.class, () -> MigrationTransaction.create().undo(root));

        for (MigrationException e : List.of(apply, undo)) {
            assertThat(e.problem()).isEqualTo(Problem.UNTRUSTED_JOURNAL);
            assertThat(e.getMessage()).contains("written by an older hush (journal version 1")
                    .contains("will not act on it").contains("is started and names 1 file: compose.yaml")
                    .contains(".hush/backup/20260101T000000000Z/").contains("To finish it, run the hush that wrote it")
                    .contains("then discard it with: mv ");
        }
        assertThat(ProjectSnapshot.of(root, false)).isEqualTo(before);
        assertThat(Files.readString(file)).isEqualTo(journal);
        assertThat(MigrationTransaction.interrupted(root)).hasValueSatisfying(u -> assertThat(u.trusted()).isFalse());
    }

    @Test
    void saysWhatWasInterruptedWithoutWritingAnything() throws Exception {
        assertThat(MigrationTransaction.interrupted(root)).isEmpty();
        assertThatThrownBy(() -> crashingAt("mid-rename").apply(root, planWithIgnoreRules())).isInstanceOf(SimulatedCrash.class);
        Map<String, String> before = ProjectSnapshot.of(root, true);
        UnfinishedMigration unfinished = MigrationTransaction.interrupted(root).orElseThrow();
        assertThat(unfinished.trusted()).isTrue();
        assertThat(unfinished.undo()).isFalse();
        assertThat(unfinished.message()).startsWith("an interrupted hush migrate (" + unfinished.journalId() + ")");
        assertThat(ProjectSnapshot.of(root, true)).isEqualTo(before);
    }

    @Test
    void takesOverAnEmptyLockWithANote() throws Exception {
        Files.createDirectories(root.resolve(".hush"));
        Files.writeString(root.resolve(".hush/lock"), "");
        MigrationResult result = MigrationTransaction.create().apply(root, MigrationTransactionTest.plan());
        assertThat(result.warnings()).contains("took over an empty or unreadable .hush/lock (left by a crash or a full disk)");
        assertThat(root.resolve(".hush/lock")).doesNotExist();
    }

    @Test
    void takesOverTheLockOfAProcessThatIsGoneWithANote() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(root.resolve(".hush"));
        Files.writeString(root.resolve(".hush/lock"), gone.pid() + " " + hostName() + " 2020-01-01T00:00:00Z\n");
        MigrationResult result = MigrationTransaction.create().apply(root, MigrationTransactionTest.plan());
        assertThat(result.warnings()).contains("took over .hush/lock left by pid " + gone.pid()
                + " (started 2020-01-01T00:00:00Z), which is no longer running");
    }

    @Test
    void refusesTheLockOfAProcessOnAnotherHost() throws Exception {
        Files.createDirectories(root.resolve(".hush"));
        Files.writeString(root.resolve(".hush/lock"), "1 build-box-7 2020-01-01T00:00:00Z\n");
        assertThatThrownBy(() -> MigrationTransaction.create().apply(root, MigrationTransactionTest.plan()))
                .hasMessageStartingWith("another hush migrate is running (pid 1 on build-box-7");
    }

    @Test
    void writesTheLockWholeWithPidHostAndStartTime() throws Exception {
        List<String> locks = new ArrayList<>();
        MigrationTransaction.create().steps(step -> {
            if (step.equals("after-journal")) {
                try {
                    locks.add(Files.readString(root.resolve(".hush/lock")));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }).apply(root, MigrationTransactionTest.plan());
        ProcessHandle self = ProcessHandle.current();
        assertThat(locks).containsExactly(self.pid() + " " + hostName() + " "
                + self.info().startInstant().orElseThrow() + "\n");
        try (Stream<Path> files = Files.list(root.resolve(".hush"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("lock"));
        }
    }

    @Test
    void keepsOwnerGroupAndModeOfARewrittenFileAndRestoresThemOnUndo() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to give a file to another user");
        assumeTrue(run("chown", "nobody:nogroup", compose.toString()) == 0, "no user nobody here");
        Files.setPosixFilePermissions(compose, PosixFilePermissions.fromString("rw-r-----"));
        MigrationTransaction.create().apply(root, MigrationTransactionTest.plan());
        assertThat(describe(compose)).isEqualTo("nobody nogroup rw-r-----");
        MigrationTransaction.create().undo(root);
        assertThat(Files.readString(compose)).isEqualTo(COMPOSE);
        assertThat(describe(compose)).isEqualTo("nobody nogroup rw-r-----");
    }

    @Test
    void refusesAGitignoreOrChecklistThatIsAFolderNamingIt() throws Exception {
        Files.createDirectories(root.resolve(".gitignore"));
        assertThatThrownBy(() -> MigrationTransaction.create().apply(root, planWithIgnoreRules()))
                .hasMessage(".gitignore is a folder, and hush needs to write the file .gitignore there; rename or remove"
                        + " that folder, then run hush migrate again");
        Files.delete(root.resolve(".gitignore"));
        Files.createDirectories(root.resolve("SECRETS-ROTATION.md"));
        MigrationPlan withChecklist = MigrationTransactionTest.plan().toBuilder()
                .edit(FileEdit.create("SECRETS-ROTATION.md", bytes("# rotate\n"), List.of("the checklist")))
                .build();
        assertThatThrownBy(() -> MigrationTransaction.create().apply(root, withChecklist))
                .hasMessageStartingWith("SECRETS-ROTATION.md is a folder")
                .hasMessageContaining("choose another checklist file with --checklist");
        assertThat(root.resolve(".secrets")).doesNotExist();
    }

    @Test
    void refusesAFileTooDeepForItsBackupAndNamesIt() throws Exception {
        StringBuilder deep = new StringBuilder();
        // The file itself stays within PATH_MAX (4,095 bytes), so it can be read; its backup cannot be written.
        int budget = 4080 - root.toRealPath().toString().length() - "/compose.yaml".length();
        while (deep.length() + 201 < budget) {
            deep.append("d".repeat(200)).append('/');
        }
        deep.append("e".repeat(budget - deep.length() - 1)).append('/');
        String path = deep + "compose.yaml";
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, COMPOSE);
        MigrationPlan plan = MigrationPlan.builder()
                .secretFile(SecretFile.of(SecretName.of("db_password"), SecretValue.of(PASSWORD)))
                .edit(FileEdit.modify(path, bytes(COMPOSE), bytes(MIGRATED), List.of("move it"), List.of()))
                .build();
        MigrationException e = catchThrowableOfType(MigrationException.class, () -> MigrationTransaction.create().apply(root, plan));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_PATH);
        assertThat(e).hasMessageStartingWith(path + " is too deep to migrate: its backup under .hush/backup/ would be a path of ");
        assertThat(root.resolve(".secrets")).doesNotExist();
    }

    /** Returns the files other than {@code compose.yaml} that hold the sample value (secret files, temp files, backups). */
    static List<String> valueHolders(Path root) {
        List<String> holders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = root.relativize(file).toString();
                if (name.startsWith(".git/") || name.equals("compose.yaml") || !Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    if (new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(PASSWORD)) {
                        holders.add(name);
                    }
                } catch (IOException e) {
                    // Renamed away meanwhile.
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // A folder vanished during the walk; the next step looks again.
        }
        return holders;
    }

    /** Returns whether git ignores {@code path}, asking git itself. */
    static boolean ignored(Path root, String path) {
        try {
            return run(List.of("git", "-C", root.toString(), "check-ignore", "-q", "--no-index", path)) == 0;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int run(String... command) throws IOException {
        return run(List.of(command));
    }

    private static int run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String describe(Path file) throws IOException {
        PosixFileAttributes read = Files.readAttributes(file, PosixFileAttributes.class);
        return read.owner().getName() + " " + read.group().getName() + " " + PosixFilePermissions.toString(read.permissions());
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void restoreProperty(String keyDir) {
        if (keyDir == null) {
            System.clearProperty(JournalSeal.KEY_DIR_PROPERTY);
        } else {
            System.setProperty(JournalSeal.KEY_DIR_PROPERTY, keyDir);
        }
    }
}

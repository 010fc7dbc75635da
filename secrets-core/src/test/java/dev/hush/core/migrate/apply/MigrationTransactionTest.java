package dev.hush.core.migrate.apply;

import static dev.hush.core.migrate.SamplePlan.COMPOSE;
import static dev.hush.core.migrate.SamplePlan.MIGRATED;
import static dev.hush.core.migrate.SamplePlan.PASSWORD;
import static dev.hush.core.migrate.SamplePlan.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.MigrationException.Problem;
import dev.hush.core.migrate.MigrationException;
import dev.hush.core.migrate.MigrationPlan;
import dev.hush.core.migrate.MigrationResult;
import dev.hush.core.migrate.ProjectSnapshot;
import dev.hush.core.migrate.RestoreResult;
import dev.hush.core.migrate.SamplePlan;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationTransactionTest {
    static final String ROTATED = "hushTest-rotated-5d0b33e1f7";

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private Path compose;

    @BeforeEach
    void writeProject() throws IOException {
        compose = root.resolve("compose.yaml");
        Files.writeString(compose, COMPOSE);
        Files.setPosixFilePermissions(compose, PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(root.resolve("README.md"), "# demo\n");
    }

    @AfterEach
    void removeLinksToOutside() throws IOException {
        // JUnit warns when it meets a link out of its temp folder; the tests have checked what they need.
        for (String name : List.of(".secrets", ".hush", "compose.yaml", "link")) {
            if (Files.isSymbolicLink(root.resolve(name))) {
                Files.delete(root.resolve(name));
            }
        }
    }

    static MigrationPlan plan() {
        return SamplePlan.plan("config/.env.example");
    }

    /** Returns the newest journal of the project at {@code root}, unverified. */
    static Journal newestJournal(Path root) throws IOException {
        return Journal.read(Journal.files(root.resolve(".hush/journal")).get(0)).journal();
    }

    /** Returns this machine's name as the lock records it. */
    static String hostName() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    }

    @Test
    void writesTheSecretFilePrivateWithTheExactValueAndNoTrailingNewline() throws Exception {
        MigrationResult result = MigrationTransaction.create().apply(root, plan());
        Path secret = root.resolve(".secrets/db_password.txt");
        assertThat(Files.readAllBytes(secret)).isEqualTo(PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.getParent()))).isEqualTo("rwx------");
        assertThat(result.secretFilesWritten()).containsExactly(".secrets/db_password.txt");
        assertThat(result.filesChanged()).containsExactly("compose.yaml", "config/.env.example");
        assertThat(result.journalId()).isPresent();
    }

    @Test
    void writesEditsAtomicallyKeepingTheOriginalsPermissionsAndLeavesNoTempFile() throws Exception {
        MigrationTransaction.create().apply(root, plan());
        assertThat(Files.readString(compose)).isEqualTo(MIGRATED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(compose))).isEqualTo("rw-r-----");
        assertThat(Files.readString(root.resolve("config/.env.example"))).isEqualTo("POSTGRES_PASSWORD=\n");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".hush-tmp"));
        }
    }

    @Test
    void keepsTheOriginalsInABackupAndAJournalWithoutValues() throws Exception {
        MigrationResult result = MigrationTransaction.create().apply(root, plan());
        String id = result.journalId().orElseThrow();
        Path backup = root.resolve(".hush/backup").resolve(id);
        assertThat(Files.readString(backup.resolve("compose.yaml"))).isEqualTo(COMPOSE);
        assertThat(backup.resolve("config/.env.example")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(".hush")))).isEqualTo("rwx------");
        String journal = Files.readString(root.resolve(".hush/journal").resolve(id + ".json"));
        assertThat(journal).contains("\"state\": \"complete\"").contains("compose.yaml").doesNotContain(PASSWORD);
        assertThat(Journal.read(root.resolve(".hush/journal").resolve(id + ".json")).journal().entries()).hasSize(3);
        assertThat(root.resolve(".hush/lock")).doesNotExist();
    }

    @Test
    void refusesAFileChangedOnDiskSinceThePlanAndWritesNothing() throws Exception {
        MigrationPlan plan = plan();
        Files.writeString(compose, COMPOSE + "# edited meanwhile\n");
        Map<String, String> before = ProjectSnapshot.of(root, true);
        MigrationException e = catchThrowableOfType(MigrationException.class,
                () -> MigrationTransaction.create().apply(root, plan));
        assertThat(e.problem()).isEqualTo(Problem.CHANGED_ON_DISK);
        assertThat(e).hasMessage("compose.yaml changed on disk since the plan was made; run hush migrate again");
        assertThat(ProjectSnapshot.of(root, true)).isEqualTo(before);
    }

    @Test
    void refusesAFileCreatedSinceThePlan() throws Exception {
        MigrationPlan plan = plan();
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/.env.example"), "MINE=1\n");
        assertThatThrownBy(() -> MigrationTransaction.create().apply(root, plan))
                .hasMessageContaining("config/.env.example appeared on disk");
        assertThat(root.resolve(".secrets")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc", "OUTSIDE"})
    void refusesASecretsFolderThatIsASymbolicLinkAndWritesNothing(String target) throws Exception {
        Path linkTarget = target.equals("OUTSIDE") ? outside : Path.of(target);
        Files.createSymbolicLink(root.resolve(".secrets"), linkTarget);
        Map<String, String> before = ProjectSnapshot.of(root, true);
        MigrationException e = catchThrowableOfType(MigrationException.class,
                () -> MigrationTransaction.create().apply(root, plan()));
        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_PATH);
        assertThat(e).hasMessageStartingWith(".secrets is a symbolic link (to " + linkTarget + ")");
        assertThat(ProjectSnapshot.of(root, true)).isEqualTo(before);
        assertThat(linkTarget.resolve("db_password.txt")).doesNotExist();
        assertThat(Files.readString(compose)).isEqualTo(COMPOSE);
    }

    @Test
    void refusesAHushFolderThatIsASymbolicLink() throws Exception {
        Files.createSymbolicLink(root.resolve(".hush"), outside);
        assertThatThrownBy(() -> MigrationTransaction.create().apply(root, plan()))
                .isInstanceOf(MigrationException.class).hasMessageStartingWith(".hush is a symbolic link");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        assertThat(root.resolve(".secrets")).doesNotExist();
    }

    @Test
    void refusesATargetThatIsASymbolicLink() throws Exception {
        Path real = outside.resolve("compose.yaml");
        Files.writeString(real, COMPOSE);
        Files.delete(compose);
        Files.createSymbolicLink(compose, real);
        assertThatThrownBy(() -> MigrationTransaction.create().apply(root, plan()))
                .hasMessage("compose.yaml is a symbolic link; hush does not write through links");
        assertThat(Files.readString(real)).isEqualTo(COMPOSE);
    }

    @Test
    void refusesToOverwriteASecretFileHoldingAnotherValueAndWritesNothing() throws Exception {
        Files.createDirectories(root.resolve(".secrets"));
        Files.writeString(root.resolve(".secrets/db_password.txt"), ROTATED);
        Map<String, String> before = ProjectSnapshot.of(root, true);
        MigrationException e = catchThrowableOfType(MigrationException.class,
                () -> MigrationTransaction.create().apply(root, plan()));
        assertThat(e.problem()).isEqualTo(Problem.SECRET_FILE_CONFLICT);
        assertThat(e.getMessage()).contains(".secrets/db_password.txt already holds a different value")
                .doesNotContain(ROTATED).doesNotContain(PASSWORD);
        assertThat(ProjectSnapshot.of(root, true)).isEqualTo(before);
    }

    @Test
    void reusesASecretFileHoldingTheSameValueAndWarnsWhenItsFolderIsOpen() throws Exception {
        Files.createDirectories(root.resolve(".secrets"));
        Files.setPosixFilePermissions(root.resolve(".secrets"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve(".secrets/db_password.txt"), PASSWORD);
        MigrationResult result = MigrationTransaction.create().apply(root, plan());
        assertThat(result.secretFilesReused()).containsExactly(".secrets/db_password.txt");
        assertThat(result.secretFilesWritten()).isEmpty();
        assertThat(result.warnings()).containsExactly(".secrets/ can be read by other users (mode rwxr-xr-x); run chmod 700 .secrets");
        assertThat(Files.readString(compose)).isEqualTo(MIGRATED);
    }

    @Test
    void refusesAReadOnlyTarget() throws Exception {
        Files.setPosixFilePermissions(compose, PosixFilePermissions.fromString("r--r--r--"));
        Map<String, String> before = ProjectSnapshot.of(root, true);
        MigrationException e = catchThrowableOfType(MigrationException.class,
                () -> MigrationTransaction.create().apply(root, plan()));
        assertThat(e.problem()).isEqualTo(Problem.NOT_WRITABLE);
        assertThat(e).hasMessageStartingWith("compose.yaml is read-only");
        assertThat(ProjectSnapshot.of(root, true)).isEqualTo(before);
    }

    @Test
    void refusesWhileALiveProcessHoldsTheLock() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        Files.createDirectories(root.resolve(".hush"));
        Files.writeString(root.resolve(".hush/lock"),
                self.pid() + " " + hostName() + " " + self.info().startInstant().map(Instant::toString).orElse("-") + "\n");
        MigrationException e = catchThrowableOfType(MigrationException.class,
                () -> MigrationTransaction.create().apply(root, plan()));
        assertThat(e.problem()).isEqualTo(Problem.LOCKED);
        assertThat(e).hasMessageStartingWith("another hush migrate is running (pid " + self.pid() + " on " + hostName() + ", started ");
        assertThat(Files.readString(compose)).isEqualTo(COMPOSE);
        assertThat(root.resolve(".secrets")).doesNotExist();
    }

    @Test
    void takesOverALockLeftByADeadProcess() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(root.resolve(".hush"));
        Files.writeString(root.resolve(".hush/lock"), gone.pid() + " 2020-01-01T00:00:00Z\n");
        MigrationTransaction.create().apply(root, plan());
        assertThat(Files.readString(compose)).isEqualTo(MIGRATED);
        assertThat(root.resolve(".hush/lock")).doesNotExist();
    }

    @Test
    void takesOverALockWhoseProcessIdWasReusedByAnotherProcess() throws Exception {
        Files.createDirectories(root.resolve(".hush"));
        Files.writeString(root.resolve(".hush/lock"), ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z\n");
        MigrationTransaction.create().apply(root, plan());
        assertThat(Files.readString(compose)).isEqualTo(MIGRATED);
    }

    /** Stands for the process dying at a step: an Error is not rolled back in process, like a kill. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String step) {
            super("crash at " + step);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-journal", "after-backup", "after-secret-files", "mid-rename", "before-journal-complete"})
    void recoversTheWholeOldStateAfterACrashAtEveryStep(String step) throws Exception {
        Map<String, String> before = ProjectSnapshot.of(root);
        MigrationTransaction crashing = MigrationTransaction.create().steps(reached -> {
            if (reached.equals(step)) {
                throw new SimulatedCrash(reached);
            }
        });
        assertThatThrownBy(() -> crashing.apply(root, plan())).isInstanceOf(SimulatedCrash.class);
        assertThat(newestJournal(root).state()).isEqualTo(Journal.State.STARTED);

        RestoreResult recovered = MigrationTransaction.create().recover(root).orElseThrow();

        assertThat(ProjectSnapshot.of(root)).isEqualTo(before);
        assertThat(recovered.kept()).isEmpty();
        assertThat(newestJournal(root).state()).isEqualTo(Journal.State.ROLLED_BACK);
        assertThat(MigrationTransaction.create().recover(root)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-journal", "after-backup", "after-secret-files", "mid-rename", "before-journal-complete"})
    void nextApplyRecoversACrashFirstThenMigrates(String step) throws Exception {
        MigrationTransaction crashing = MigrationTransaction.create().steps(reached -> {
            if (reached.equals(step)) {
                throw new SimulatedCrash(reached);
            }
        });
        assertThatThrownBy(() -> crashing.apply(root, plan())).isInstanceOf(SimulatedCrash.class);
        MigrationResult result = MigrationTransaction.create().apply(root, plan());
        assertThat(result.recovered()).isPresent();
        assertThat(Files.readString(compose)).isEqualTo(MIGRATED);
        assertThat(Files.readString(root.resolve(".secrets/db_password.txt"))).isEqualTo(PASSWORD);
    }

    @Test
    void neverLetsAValueLeaveTheComposeFileBeforeItsSecretFileHoldsIt() throws Exception {
        MigrationTransaction watching = MigrationTransaction.create().steps(step -> {
            try {
                boolean stillInline = Files.readString(compose).contains(PASSWORD);
                Path secret = root.resolve(".secrets/db_password.txt");
                boolean onDisk = Files.exists(secret) && Files.readString(secret).equals(PASSWORD);
                assertThat(stillInline || onDisk).as("value on disk at " + step).isTrue();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        watching.apply(root, plan());
        assertThat(Files.readString(compose)).doesNotContain(PASSWORD);
    }

    @Test
    void rollsBackEverythingWhenAWriteFailsMidway() throws Exception {
        Map<String, String> before = ProjectSnapshot.of(root);
        MigrationTransaction failing = MigrationTransaction.create().steps(step -> {
            if (step.equals("mid-rename")) {
                throw new IllegalStateException("disk full (simulated)");
            }
        });
        MigrationException e = catchThrowableOfType(MigrationException.class, () -> failing.apply(root, plan()));
        assertThat(e.problem()).isEqualTo(Problem.IO_FAILED);
        assertThat(e).hasMessage("migration failed (IllegalStateException: disk full (simulated)); everything was rolled back, nothing changed");
        assertThat(ProjectSnapshot.of(root)).isEqualTo(before);
        assertThat(newestJournal(root).state()).isEqualTo(Journal.State.ROLLED_BACK);
    }

    @Test
    void undoRestoresEveryByteAndRemovesWhatTheMigrationCreated() throws Exception {
        Map<String, String> before = ProjectSnapshot.of(root);
        MigrationTransaction.create().apply(root, plan());
        RestoreResult undone = MigrationTransaction.create().undo(root);
        assertThat(ProjectSnapshot.of(root)).isEqualTo(before);
        assertThat(undone.restored()).containsExactly("compose.yaml");
        assertThat(undone.deleted()).containsExactlyInAnyOrder("config/.env.example", ".secrets/db_password.txt");
        assertThat(undone.kept()).isEmpty();
        assertThat(newestJournal(root).state()).isEqualTo(Journal.State.UNDONE);
        assertThatThrownBy(() -> MigrationTransaction.create().undo(root))
                .isInstanceOf(MigrationException.class).hasMessageStartingWith("no complete migration to undo");
    }

    @Test
    void undoKeepsASecretFileTheUserRotated() throws Exception {
        MigrationTransaction.create().apply(root, plan());
        Path secret = root.resolve(".secrets/db_password.txt");
        Files.writeString(secret, ROTATED);
        RestoreResult undone = MigrationTransaction.create().undo(root);
        assertThat(Files.readString(secret)).isEqualTo(ROTATED);
        assertThat(Files.readString(compose)).isEqualTo(COMPOSE);
        assertThat(undone.kept()).containsExactly(".secrets/db_password.txt");
        assertThat(String.join("\n", undone.warnings())).contains("kept so no secret is lost").doesNotContain(ROTATED);
    }

    @Test
    void undoRefusesToOverwriteAFileChangedSinceTheMigrationUnlessForced() throws Exception {
        MigrationTransaction.create().apply(root, plan());
        Files.writeString(compose, MIGRATED + "# my change\n");
        Map<String, String> changed = ProjectSnapshot.of(root);
        MigrationException e = catchThrowableOfType(MigrationException.class, () -> MigrationTransaction.create().undo(root));
        assertThat(e.problem()).isEqualTo(Problem.CHANGED_SINCE_MIGRATION);
        assertThat(e).hasMessageStartingWith("compose.yaml changed since migration ");
        assertThat(ProjectSnapshot.of(root)).isEqualTo(changed);

        RestoreResult forced = MigrationTransaction.create().force(true).undo(root);
        assertThat(Files.readString(compose)).isEqualTo(COMPOSE);
        assertThat(Files.readString(root.resolve(".hush/backup").resolve(forced.journalId() + ".undone/compose.yaml")))
                .isEqualTo(MIGRATED + "# my change\n");
    }

    @Test
    void appliesAnEmptyPlanWithoutWritingAnything() throws Exception {
        Map<String, String> before = ProjectSnapshot.of(root, true);
        MigrationResult result = MigrationTransaction.create().apply(root, MigrationPlan.builder().build());
        assertThat(result.journalId()).isEmpty();
        assertThat(ProjectSnapshot.of(root, true)).isEqualTo(before);
    }

    @Test
    void undoesEachMigrationInTurn() throws Exception {
        Map<String, String> start = ProjectSnapshot.of(root);
        MigrationTransaction.create().apply(root, plan());
        Map<String, String> afterFirst = ProjectSnapshot.of(root);
        FileEdit readme = FileEdit.modify("README.md", bytes("# demo\n"), bytes("# demo\n\nSecrets live in .secrets/.\n"),
                List.of("document the secrets folder"), List.of());
        MigrationTransaction.create().apply(root, MigrationPlan.builder().edit(readme).build());
        MigrationTransaction.create().undo(root);
        assertThat(ProjectSnapshot.of(root)).isEqualTo(afterFirst);
        MigrationTransaction.create().undo(root);
        assertThat(ProjectSnapshot.of(root)).isEqualTo(start);
    }

    @Test
    void refusesAnEditInsideTheHushFolder() {
        MigrationPlan plan = MigrationPlan.builder()
                .edit(FileEdit.create(".hush/journal/evil.json", bytes("{}"), List.of("no")))
                .build();
        assertThatThrownBy(() -> MigrationTransaction.create().apply(root, plan))
                .hasMessage(".hush/journal/evil.json is inside .hush, which only hush writes");
    }

    @Test
    void appliesAndUndoesOnAnotherFileSystem() throws Exception {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix", "unix").build())) {
            Path project = fs.getPath("/work/project");
            Files.createDirectories(project);
            Files.writeString(project.resolve("compose.yaml"), COMPOSE);
            MigrationTransaction.create().apply(project, plan());
            assertThat(Files.readString(project.resolve(".secrets/db_password.txt"))).isEqualTo(PASSWORD);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(project.resolve(".secrets/db_password.txt"))))
                    .isEqualTo("rw-------");
            MigrationTransaction.create().undo(project);
            assertThat(Files.readString(project.resolve("compose.yaml"))).isEqualTo(COMPOSE);
            assertThat(project.resolve(".secrets")).doesNotExist();
        }
    }

    @Test
    void refusesToRecoverThroughASymbolicLinkAHostileRepositoryCommitted() throws Exception {
        Path victim = outside.resolve("victim.txt");
        Files.writeString(victim, "keep me\n");
        Files.createSymbolicLink(root.resolve("link"), outside);
        String salt = Journal.newSalt();
        Journal probe = new Journal("20260101T000000000Z", Journal.State.STARTED, salt, List.of(), List.of());
        Journal planted = new Journal(probe.id(), Journal.State.STARTED, salt, List.of(new Journal.Entry("link/victim.txt",
                Journal.Kind.EDIT, false, Optional.empty(), probe.hash(bytes("keep me\n")), Optional.empty(), Optional.empty(), Optional.empty())), List.of());
        Files.createDirectories(root.resolve(".hush/journal"));
        // Sealed for this project, as if hush had written it: the link check holds even then.
        planted.write(root.resolve(".hush/journal"), JournalSeal.forProject(root.toRealPath()));

        MigrationException e = catchThrowableOfType(MigrationException.class, () -> MigrationTransaction.create().recover(root));

        assertThat(e.problem()).isEqualTo(Problem.UNSAFE_PATH);
        assertThat(e).hasMessageStartingWith("link is a symbolic link");
        assertThat(victim).hasContent("keep me");
    }

    @Test
    void refusesAJournalWhoseIdIsAPath() {
        assertThatThrownBy(() -> new Journal("../../etc", Journal.State.STARTED, Journal.newSalt(), List.of(), List.of()))
                .hasMessage("journal id is not a timestamp: ..?..?etc");
    }
}

package dev.hush.core.migrate.apply;

import static dev.hush.core.migrate.ProjectPaths.HUSH_DIR;

import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.MigrationException;
import dev.hush.core.migrate.MigrationException.Problem;
import dev.hush.core.migrate.MigrationPlan;
import dev.hush.core.migrate.MigrationResult;
import dev.hush.core.migrate.ProjectPaths;
import dev.hush.core.migrate.RestoreResult;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.UnfinishedMigration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies a {@link MigrationPlan} as a transaction, undoes the last migration, and finishes or
 * rolls back one that was interrupted. An apply writes, in this order: the journal (state
 * {@code started}), a backup of the ignore rules it will change, the ignore rules ({@code .gitignore},
 * {@code .dockerignore}), a backup of every other file it will change (backups hold values, so
 * they come after the rules that keep docker from sending {@code .hush/}), the secret files
 * (read back), the other edited files (each checked
 * again just before its atomic rename), then the journal's state {@code complete}. So the
 * secrets are ignored before they exist, a value is in its secret file before it leaves any
 * file, and after a crash at any point the next run puts the old state back. An undo goes the
 * other way and puts the ignore rules back last. A failure, a file changed during the apply,
 * SIGTERM or SIGINT rolls everything back before the exception is thrown.
 *
 * <p>Recovery and undo restore a file only while it holds the bytes hush wrote; a file the user
 * changed since is kept, with a warning naming the backup. Journals are sealed with a key outside
 * the repository ({@link JournalSeal}); one that does not verify is refused, never obeyed.
 *
 * <p>Nothing is written when a safety check fails: a symbolic link where hush writes, a file
 * changed since the plan was made, a secret file holding another value, a read-only target,
 * or another migration holding {@code .hush/lock}.
 */
public final class MigrationTransaction {
    private static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** The longest absolute path the system takes (Linux's PATH_MAX, less its terminating NUL). */
    private static final int PATH_MAX = 4095;
    private static volatile Step observer = name -> { };

    /** Is told each step boundary of an apply, an undo or a recovery, so a test can crash or signal there. */
    interface Step {
        /** Called when a transaction reaches {@code stepName}; throwing an {@link Error} here leaves the journal as it is. */
        void reached(String stepName);
    }

    private String secretsDir = SecretFile.DEFAULT_DIR;
    private boolean force;
    private Step steps = observer;
    private Consumer<String> interruptReport = line -> { };

    private MigrationTransaction() {
    }

    /** Returns a transaction writing secret files into {@code .secrets}, undo refusing to overwrite changes. */
    public static MigrationTransaction create() {
        return new MigrationTransaction();
    }

    /** Sets the secrets folder (relative to the project root) that must be a real folder inside the project. */
    public MigrationTransaction secretsDir(String dir) {
        this.secretsDir = ProjectPaths.checkRelative(dir);
        return this;
    }

    /**
     * Makes undo restore files that changed since the migration; the changed versions are
     * kept under {@code .hush/backup/<id>.undone/}. Secret files that changed are kept anyway.
     */
    public MigrationTransaction force(boolean force) {
        this.force = force;
        return this;
    }

    /**
     * Sets who is told, in one line, how a transaction ended after SIGTERM or SIGINT stopped it
     * (the CLI prints it); by default nobody is.
     */
    public MigrationTransaction onInterrupt(Consumer<String> report) {
        this.interruptReport = Objects.requireNonNull(report, "report == null");
        return this;
    }

    /** Replaces the step hook of this transaction; for tests. */
    MigrationTransaction steps(Step steps) {
        this.steps = Objects.requireNonNull(steps, "steps == null");
        return this;
    }

    /** Sets the step hook of every transaction created from now on in this JVM; for test drivers of the CLI. */
    static void observeSteps(Step steps) {
        observer = Objects.requireNonNull(steps, "steps == null");
    }

    /**
     * Returns the interrupted migration or undo of the project at {@code root}, if there is one;
     * reads only, so {@code scan} and {@code migrate --dry-run} can mention it.
     *
     * @throws IOException when the journal cannot be read
     */
    public static Optional<UnfinishedMigration> interrupted(Path root) throws IOException {
        Path base = root.toRealPath();
        Path journals = base.resolve(HUSH_DIR).resolve("journal");
        if (!Files.isDirectory(journals, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<Path> files = Journal.files(journals);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Journal.Sealed newest = Journal.read(files.get(0));
        if (!newest.journal().state().unfinished()) {
            return Optional.empty();
        }
        Optional<JournalSeal> seal = JournalSeal.existing(base);
        boolean trusted = seal.isPresent() && newest.mac().isPresent()
                && seal.get().verifies(newest.journal().toJson(), newest.mac().get());
        return Optional.of(new UnfinishedMigration(newest.journal().id(), newest.journal().state() == Journal.State.UNDOING,
                trusted, base.relativize(files.get(0)).toString().replace('\\', '/')));
    }

    /**
     * Applies {@code plan} to the project at {@code root}, after finishing or rolling back an
     * interrupted migration or undo. An empty plan writes nothing, not even a journal, beyond that.
     *
     * @throws MigrationException when a safety check fails (nothing written) or writing failed
     *     (everything rolled back)
     */
    public MigrationResult apply(Path root, MigrationPlan plan) throws MigrationException {
        Objects.requireNonNull(root, "root == null");
        Objects.requireNonNull(plan, "plan == null");
        Project project = Project.of(root);
        if (plan.isEmpty()) {
            Optional<RestoreResult> recovered = Files.isDirectory(project.hush(), LinkOption.NOFOLLOW_LINKS)
                    ? recover(root) : Optional.empty();
            return new MigrationResult(Optional.empty(), List.of(), List.of(), List.of(), List.of(), recovered);
        }
        checkHushFolders(project);
        try {
            // Checked before .hush is even created, so a refusal writes nothing; after a crash the
            // files are checked once recovery has put them back.
            if (!hasUnfinished(project)) {
                check(project, plan);
            }
            project.createHushFolders();
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "cannot prepare " + HUSH_DIR + " (" + describe(e)
                    + "); nothing was changed", e);
        }
        JournalSeal seal = seal(project);
        try (InterruptGuard guard = InterruptGuard.install(interruptReport, "hush: interrupted before migrating; nothing changed");
                ProjectLock lock = lock(project)) {
            Optional<RestoreResult> recovered = recoverLocked(project, seal);
            Checked checked = check(project, plan);
            MigrationResult result = write(project, seal, checked, recovered, guard);
            if (lock.note().isEmpty()) {
                return result;
            }
            List<String> warnings = new ArrayList<>(result.warnings());
            warnings.add(0, lock.note().get());
            return new MigrationResult(result.journalId(), result.secretFilesWritten(), result.secretFilesReused(),
                    result.filesChanged(), warnings, result.recovered());
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "migration failed (" + describe(e) + "); run hush migrate again:"
                    + " it rolls back whatever is left first", e);
        }
    }

    /**
     * Restores the newest complete migration: edited files from the backup while they hold what
     * the migration wrote, created files deleted, secret files deleted only while they hold what
     * migrate wrote, the ignore rules last. An interrupted migration or undo found first is
     * rolled back or finished, and nothing else is undone.
     *
     * @throws MigrationException when there is nothing to undo, a file changed since the migration
     *     (unless {@link #force(boolean)}), a journal is not trusted, or writing failed
     */
    public RestoreResult undo(Path root) throws MigrationException {
        Objects.requireNonNull(root, "root == null");
        Project project = Project.of(root);
        checkHushFolders(project);
        if (!Files.isDirectory(project.journals(), LinkOption.NOFOLLOW_LINKS)) {
            throw new MigrationException(Problem.NOTHING_TO_UNDO, "no migration to undo in " + root);
        }
        JournalSeal seal = seal(project);
        try (InterruptGuard guard = InterruptGuard.install(interruptReport, "hush: interrupted before undoing; nothing changed");
                ProjectLock lock = lock(project)) {
            Optional<RestoreResult> recovered = recoverLocked(project, seal);
            if (recovered.isPresent()) {
                return withNote(recovered.get(), lock.note());
            }
            Journal journal = lastComplete(project, seal).orElseThrow(() -> new MigrationException(Problem.NOTHING_TO_UNDO,
                    "no complete migration to undo in " + root));
            checkJournalTargets(project, journal);
            project.createHushFolders();
            List<String> changed = changedSince(project, journal);
            if (!changed.isEmpty() && !force) {
                throw new MigrationException(Problem.CHANGED_SINCE_MIGRATION, String.join(", ", changed)
                        + " changed since migration " + journal.id() + "; undo would overwrite that. Undo with force"
                        + " to restore anyway (your versions go to " + HUSH_DIR + "/backup/" + journal.id() + ".undone/)");
            }
            // Recorded first, so an undo that is killed midway is finished by the next run.
            guard.outcome("hush: interrupted; finished undoing migration " + journal.id() + " first");
            journal.in(Journal.State.UNDOING).write(project.journals(), seal);
            step("undo-started");
            RestoreResult result = restore(project, journal, force ? Restore.FORCED_UNDO : Restore.UNDO, Optional.empty(),
                    RestoreResult.Kind.UNDONE);
            journal.in(Journal.State.UNDONE).write(project.journals(), seal);
            return withNote(result, lock.note());
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "undo failed: " + describe(e)
                    + "; run it again, or restore by hand from " + HUSH_DIR + "/backup/", e);
        }
    }

    /**
     * Rolls back a migration that was interrupted (its journal says {@code started}), or
     * finishes an undo that was (it says {@code undoing}): originals come back from the backup
     * while the files hold what hush wrote, files it created are deleted while they hold what it
     * wrote. Returns what was restored, or empty when nothing was interrupted. A lock left by a
     * process that is gone is removed even then.
     *
     * @throws MigrationException when another migration runs, the journal is not trusted, or restoring failed
     */
    public Optional<RestoreResult> recover(Path root) throws MigrationException {
        Objects.requireNonNull(root, "root == null");
        Project project = Project.of(root);
        checkHushFolders(project);
        if (!Files.isDirectory(project.journals(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            if (!hasUnfinished(project) && !Files.exists(project.hush().resolve(ProjectLock.FILE), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "cannot read " + HUSH_DIR + "/journal: " + describe(e), e);
        }
        JournalSeal seal = seal(project);
        try (InterruptGuard guard = InterruptGuard.install(interruptReport, "hush: interrupted; finished the recovery first");
                ProjectLock lock = lock(project)) {
            return recoverLocked(project, seal).map(result -> withNote(result, lock.note()));
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "recovery failed: " + describe(e)
                    + "; restore by hand from " + HUSH_DIR + "/backup/", e);
        }
    }

    private static RestoreResult withNote(RestoreResult result, Optional<String> note) {
        if (note.isEmpty()) {
            return result;
        }
        List<String> warnings = new ArrayList<>(result.warnings());
        warnings.add(0, note.get());
        return new RestoreResult(result.journalId(), result.restored(), result.deleted(), result.kept(), warnings,
                result.kind());
    }

    private static JournalSeal seal(Project project) throws MigrationException {
        try {
            return JournalSeal.forProject(project.base());
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "cannot read or create the journal key "
                    + JournalSeal.keyFile() + " (" + describe(e) + "); nothing was changed", e);
        }
    }

    private static ProjectLock lock(Project project) throws MigrationException {
        try {
            return ProjectLock.acquire(project.hush());
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "cannot take " + HUSH_DIR + "/" + ProjectLock.FILE + " ("
                    + describe(e) + "); nothing was changed", e);
        }
    }

    /** Returns whether the newest journal, trusted or not, says an apply or an undo did not end. */
    private static boolean hasUnfinished(Project project) throws IOException {
        List<Path> files = Journal.files(project.journals());
        return !files.isEmpty() && Journal.read(files.get(0)).journal().state().unfinished();
    }

    /** Returns the newest complete migration, refusing one whose journal is not trusted. */
    private static Optional<Journal> lastComplete(Project project, JournalSeal seal) throws IOException, MigrationException {
        for (Path file : Journal.files(project.journals())) {
            Journal.Sealed read = Journal.read(file);
            if (read.journal().state() == Journal.State.COMPLETE) {
                return Optional.of(trusted(file, seal));
            }
        }
        return Optional.empty();
    }

    private static Journal trusted(Path file, JournalSeal seal) throws IOException, MigrationException {
        try {
            return Journal.read(file, seal);
        } catch (Journal.UntrustedJournalException e) {
            throw new MigrationException(Problem.UNTRUSTED_JOURNAL, e.getMessage(), e);
        }
    }

    private Optional<RestoreResult> recoverLocked(Project project, JournalSeal seal) throws IOException, MigrationException {
        List<Path> files = Journal.files(project.journals());
        if (files.isEmpty() || !Journal.read(files.get(0)).journal().state().unfinished()) {
            return Optional.empty();
        }
        Journal journal = trusted(files.get(0), seal);
        checkJournalTargets(project, journal);
        project.createHushFolders();
        if (journal.state() == Journal.State.UNDOING) {
            RestoreResult result = restore(project, journal, Restore.UNDO, Optional.empty(), RestoreResult.Kind.FINISHED_UNDO);
            journal.in(Journal.State.UNDONE).write(project.journals(), seal);
            return Optional.of(result);
        }
        RestoreResult result = restore(project, journal, Restore.ROLLBACK, Optional.empty(), RestoreResult.Kind.ROLLED_BACK);
        journal.in(Journal.State.ROLLED_BACK).write(project.journals(), seal);
        return Optional.of(result);
    }

    /** What the checks found: what to write, what already exists, which folders to create. */
    private record Checked(List<SecretFile> secretFiles, List<SecretFile> reused, List<FileEdit> edits,
            List<String> createdDirs, List<String> warnings) {
    }

    /** Checks everything an apply relies on, reading only. */
    private Checked check(Project project, MigrationPlan plan) throws MigrationException {
        Set<String> createdDirs = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        List<SecretFile> toWrite = new ArrayList<>();
        List<SecretFile> reused = new ArrayList<>();
        try {
            if (!plan.secretFiles().isEmpty()) {
                createdDirs.addAll(checkFolder(project, secretsDir));
            }
            for (SecretFile file : plan.secretFiles()) {
                createdDirs.addAll(checkFolder(project, file.dir()));
                Path target = checkTarget(project, file.path());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                        throw new MigrationException(Problem.UNSAFE_PATH, file.path() + " is not a regular file");
                    }
                    byte[] expected = file.bytes();
                    byte[] actual = Files.readAllBytes(target);
                    boolean same = Arrays.equals(expected, actual);
                    Arrays.fill(expected, (byte) 0);
                    Arrays.fill(actual, (byte) 0);
                    if (!same) {
                        throw new MigrationException(Problem.SECRET_FILE_CONFLICT, file.path()
                                + " already holds a different value and hush never overwrites a secret file;"
                                + " give the secret another name or move that file away, then run hush migrate again");
                    }
                    reused.add(file);
                } else {
                    toWrite.add(file);
                }
            }
            for (String dir : secretDirs(plan)) {
                Path folder = project.base().resolve(dir);
                Optional<Set<PosixFilePermission>> mode = Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                        ? FileWrites.mode(folder) : Optional.empty();
                if (mode.isPresent() && !FileWrites.PRIVATE_DIR.containsAll(mode.get())) {
                    warnings.add(dir + "/ can be read by other users (mode " + PosixFilePermissions.toString(mode.get())
                            + "); run chmod 700 " + dir);
                }
            }
            List<FileEdit> edits = new ArrayList<>();
            for (FileEdit edit : plan.edits()) {
                if (edit.changes()) {
                    createdDirs.addAll(checkFolder(project, parentOf(edit.path())));
                    checkEdit(project, edit);
                    edits.add(edit);
                }
            }
            return new Checked(toWrite, reused, edits, List.copyOf(createdDirs), warnings);
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "cannot check the project: " + describe(e), e);
        }
    }

    /** Copies the original of each of {@code edits} that changes an existing file to the journal's backup folder. */
    private void backUp(Project project, Journal journal, List<FileEdit> edits, InterruptGuard guard) throws IOException {
        for (FileEdit edit : edits) {
            if (edit.modifiesExisting()) {
                Path copy = project.backup(journal.id()).resolve(edit.path());
                createPrivateFolders(project.backups(), copy.getParent());
                FileWrites.writeAtomically(copy, edit.original().orElseThrow(), FileWrites.PRIVATE_FILE);
                step("backup:" + edit.path(), guard);
            }
        }
    }

    /** Checks that {@code .hush} and its journal and backup folders are real folders inside the project. */
    private static void checkHushFolders(Project project) throws MigrationException {
        checkFolder(project, HUSH_DIR + "/journal");
        checkFolder(project, HUSH_DIR + "/backup");
        checkFolder(project, HUSH_DIR + "/" + Project.STAGING);
    }

    /**
     * Checks that restoring {@code journal} writes and deletes only inside the project: a journal
     * may come from a hostile repository, with a symbolic link committed where it points.
     */
    private static void checkJournalTargets(Project project, Journal journal) throws MigrationException {
        for (Journal.Entry entry : journal.entries()) {
            checkFolder(project, parentOf(entry.path()));
            checkTarget(project, entry.path());
        }
        for (String dir : journal.createdDirs()) {
            checkFolder(project, dir);
        }
    }

    private static Set<String> secretDirs(MigrationPlan plan) {
        Set<String> dirs = new LinkedHashSet<>();
        plan.secretFiles().forEach(file -> dirs.add(file.dir()));
        return dirs;
    }

    private static void checkEdit(Project project, FileEdit edit) throws MigrationException, IOException {
        Path target = checkTarget(project, edit.path());
        checkLength(project, edit.path());
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            // Running again would meet the same folder: say what to do instead.
            throw new MigrationException(Problem.UNSAFE_PATH, edit.path() + " is a folder, and hush needs to write the file "
                    + edit.path() + " there; rename or remove that folder"
                    + (edit.path().endsWith(".md") ? " (or choose another checklist file with --checklist)" : "")
                    + ", then run hush migrate again");
        }
        if (!edit.modifiesExisting()) {
            if (exists) {
                throw new MigrationException(Problem.CHANGED_ON_DISK,
                        edit.path() + " appeared on disk since the plan was made; run hush migrate again");
            }
        } else {
            if (!exists) {
                throw new MigrationException(Problem.CHANGED_ON_DISK,
                        edit.path() + " was deleted since the plan was made; run hush migrate again");
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new MigrationException(Problem.UNSAFE_PATH, edit.path() + " is not a regular file");
            }
            if (!edit.isOriginal(Files.readAllBytes(target))) {
                throw new MigrationException(Problem.CHANGED_ON_DISK,
                        edit.path() + " changed on disk since the plan was made; run hush migrate again");
            }
            if (!isWritable(target)) {
                throw new MigrationException(Problem.NOT_WRITABLE, edit.path()
                        + " is read-only; make it writable (chmod u+w " + edit.path() + ") or leave it out, then run hush migrate again");
            }
        }
        Path folder = target.getParent();
        if (Files.isDirectory(folder) && !isWritable(folder)) {
            throw new MigrationException(Problem.NOT_WRITABLE, "the folder of " + edit.path() + " is read-only");
        }
    }

    /**
     * Refuses a file whose backup path would be longer than the system takes, naming it, rather
     * than failing on it halfway through the apply.
     */
    private static void checkLength(Project project, String path) throws MigrationException {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return; // Java writes long paths on Windows itself.
        }
        String backup = project.backup(ID_FORMAT.format(Instant.EPOCH)).resolve(path).toString();
        int length = backup.getBytes(StandardCharsets.UTF_8).length;
        if (length > PATH_MAX) {
            throw new MigrationException(Problem.UNSAFE_PATH, path + " is too deep to migrate: its backup under "
                    + HUSH_DIR + "/backup/ would be a path of " + length + " bytes, more than the system's " + PATH_MAX
                    + "; move the project to a shorter folder, or leave that file out with --only, then run hush migrate again");
        }
    }

    /** Returns whether the user may write {@code path}; the owner's write bit counts even for root. */
    private static boolean isWritable(Path path) throws IOException {
        Optional<Set<PosixFilePermission>> mode = FileWrites.mode(path);
        return Files.isWritable(path) && mode.map(m -> m.contains(PosixFilePermission.OWNER_WRITE)).orElse(true);
    }

    /** Resolves a target file, refusing a symbolic link there and a path inside {@code .hush}. */
    private static Path checkTarget(Project project, String path) throws MigrationException {
        if (path.equals(HUSH_DIR) || path.startsWith(HUSH_DIR + "/")) {
            throw new MigrationException(Problem.UNSAFE_PATH, path + " is inside " + HUSH_DIR + ", which only hush writes");
        }
        Path target = project.base().resolve(path);
        if (Files.isSymbolicLink(target)) {
            throw new MigrationException(Problem.UNSAFE_PATH, path + " is a symbolic link; hush does not write through links");
        }
        return target;
    }

    /**
     * Checks that each existing segment of the folder {@code dir} is a real folder inside the
     * project, not a symbolic link; returns the segments that do not exist yet, outermost first.
     */
    private static List<String> checkFolder(Project project, String dir) throws MigrationException {
        List<String> missing = new ArrayList<>();
        if (dir.isEmpty()) {
            return missing;
        }
        String prefix = "";
        for (String segment : dir.split("/")) {
            prefix = prefix.isEmpty() ? segment : prefix + "/" + segment;
            Path folder = project.base().resolve(prefix);
            if (!missing.isEmpty() || !Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                missing.add(prefix);
                continue;
            }
            if (Files.isSymbolicLink(folder)) {
                throw new MigrationException(Problem.UNSAFE_PATH, prefix + " is a symbolic link (to " + linkTarget(folder)
                        + "); hush writes only into real folders inside the project. Replace it with a folder");
            }
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new MigrationException(Problem.UNSAFE_PATH, prefix + " is not a folder");
            }
            try {
                if (!folder.toRealPath().startsWith(project.base())) {
                    throw new MigrationException(Problem.UNSAFE_PATH, prefix + " leads outside the project");
                }
            } catch (IOException e) {
                throw new MigrationException(Problem.IO_FAILED, "cannot resolve " + prefix + ": " + describe(e), e);
            }
        }
        return missing;
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "an unreadable target";
        }
    }

    /** Says a file changed on disk between the plan and its rename; the apply rolls back. */
    private static final class ChangedDuringApply extends IOException {
        private static final long serialVersionUID = 1L;

        private final String path;

        ChangedDuringApply(String path) {
            super(path + " changed on disk during the migration");
            this.path = path;
        }
    }

    private MigrationResult write(Project project, JournalSeal seal, Checked checked, Optional<RestoreResult> recovered,
            InterruptGuard guard) throws MigrationException, IOException {
        if (checked.secretFiles().isEmpty() && checked.edits().isEmpty()) {
            return new MigrationResult(Optional.empty(), List.of(), names(checked.reused()), List.of(), checked.warnings(),
                    recovered);
        }
        Journal journal = newJournal(project, checked);
        List<FileEdit> ignoreRules = checked.edits().stream().filter(edit -> Journal.isIgnoreRules(edit.path())).toList();
        List<FileEdit> others = checked.edits().stream().filter(edit -> !Journal.isIgnoreRules(edit.path())).toList();
        Set<String> written = new HashSet<>();
        boolean touched = false;
        guard.outcome("hush: interrupted; rolled back migration " + journal.id() + ", nothing changed");
        try {
            journal.write(project.journals(), seal);
            step("after-journal", guard);
            backUp(project, journal, ignoreRules, guard);
            touched = true;
            Set<String> secretDirs = new LinkedHashSet<>();
            checked.secretFiles().forEach(file -> secretDirs.add(file.dir()));
            for (String dir : checked.createdDirs()) {
                FileWrites.createFolder(project.base().resolve(dir),
                        secretDirs.contains(dir) ? FileWrites.PRIVATE_DIR : FileWrites.NEW_DIR);
                step("folder:" + dir, guard);
            }
            // The ignore rules go first, so git and docker ignore every secret file, and every backup of a
            // file holding secrets (.hush/backup/ is in the build context's .dockerignore), from the moment
            // it exists; .hush/.gitignore alone cannot keep docker from sending .hush/.
            for (FileEdit edit : ignoreRules) {
                writeEdit(project, journal, edit, written);
                step("ignore-rules:" + edit.path(), guard);
            }
            backUp(project, journal, others, guard);
            step("after-backup", guard);
            for (SecretFile file : checked.secretFiles()) {
                writeSecretFile(project, project.base().resolve(file.path()), file);
                step("secret:" + file.path(), guard);
            }
            step("after-secret-files", guard);
            boolean first = true;
            for (FileEdit edit : others) {
                writeEdit(project, journal, edit, written);
                step("edit:" + edit.path(), guard);
                if (first) {
                    step("mid-rename", guard);
                    first = false;
                }
            }
            step("before-journal-complete", guard);
            journal.in(Journal.State.COMPLETE).write(project.journals(), seal);
            guard.outcome("hush: interrupted after migration " + journal.id() + " had completed; nothing to roll back");
        } catch (IOException | RuntimeException e) {
            throw rollBack(project, seal, journal, e, touched, written, guard);
        }
        List<String> changed = checked.edits().stream().map(FileEdit::path).toList();
        return new MigrationResult(Optional.of(journal.id()), names(checked.secretFiles()), names(checked.reused()), changed,
                checked.warnings(), recovered);
    }

    /** Rolls back a failed apply and returns the exception that says so, in words true to what happened. */
    private MigrationException rollBack(Project project, JournalSeal seal, Journal journal, Exception e, boolean touched,
            Set<String> written, InterruptGuard guard) {
        if (!touched) {
            // Only .hush was written: remove the journal and backups so that no run rolls back what never happened.
            try {
                Files.deleteIfExists(journal.file(project.journals()));
                deleteTree(project.backup(journal.id()));
                cleanStaging(project);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            return failure(e, journal, "nothing was changed", List.of());
        }
        RestoreResult result;
        try {
            result = restore(project, journal, Restore.ROLLBACK, Optional.of(written), RestoreResult.Kind.ROLLED_BACK);
        } catch (IOException | RuntimeException again) {
            e.addSuppressed(again);
            guard.outcome("hush: interrupted, and rolling back failed (" + describe(again) + "); run hush migrate again");
            return new MigrationException(Problem.IO_FAILED, "migration failed (" + describe(e) + ") and so did its rollback ("
                    + describe(again) + "); run hush migrate again (it rolls back first), or restore by hand from "
                    + HUSH_DIR + "/backup/" + journal.id(), e);
        }
        try {
            journal.in(Journal.State.ROLLED_BACK).write(project.journals(), seal);
        } catch (IOException again) {
            // Everything is back; the journal still says started, so the next run checks again and finds nothing to do.
            e.addSuppressed(again);
        }
        String what = result.kept().isEmpty() ? "everything was rolled back, nothing changed"
                : "everything else was rolled back";
        guard.outcome("hush: interrupted; rolled back migration " + journal.id()
                + (result.kept().isEmpty() ? ", nothing changed" : "; " + String.join("; ", result.warnings())));
        return failure(e, journal, what, result.warnings());
    }

    private static MigrationException failure(Exception e, Journal journal, String what, List<String> warnings) {
        String kept = warnings.isEmpty() ? "" : "; " + String.join("; ", warnings);
        if (e instanceof ChangedDuringApply changed) {
            return new MigrationException(Problem.CHANGED_ON_DISK, changed.path + " changed on disk while hush was migrating"
                    + " it (your version is kept); " + what + kept + ". Run hush migrate again", e);
        }
        if (e instanceof InterruptGuard.TransactionInterrupted) {
            return new MigrationException(Problem.INTERRUPTED, "interrupted; migration " + journal.id() + ": " + what + kept, e);
        }
        return new MigrationException(Problem.IO_FAILED, "migration failed (" + describe(e) + "); " + what + kept, e);
    }

    /** Writes one edited file after checking, just before its rename, that nobody changed it since the plan. */
    private static void writeEdit(Project project, Journal journal, FileEdit edit, Set<String> written) throws IOException {
        Path target = project.base().resolve(edit.path());
        if (Files.isSymbolicLink(target)) {
            throw new ChangedDuringApply(edit.path());
        }
        Optional<byte[]> now = FileWrites.readIfExists(target);
        boolean unchanged = edit.modifiesExisting() ? now.isPresent() && edit.isOriginal(now.get()) : now.isEmpty();
        if (!unchanged) {
            throw new ChangedDuringApply(edit.path());
        }
        FileWrites.Attributes attributes = journal.entries().stream()
                .filter(entry -> entry.kind() == Journal.Kind.EDIT && entry.path().equals(edit.path()) && entry.existed())
                .findFirst().map(Journal.Entry::attributes)
                .orElse(FileWrites.Attributes.ofMode(FileWrites.NEW_FILE));
        written.add(edit.path());
        FileWrites.writeAtomically(target, edit.updated(), attributes, project.staging(edit.path()));
    }

    private static List<String> names(List<SecretFile> files) {
        return files.stream().map(SecretFile::path).toList();
    }

    private static void writeSecretFile(Project project, Path target, SecretFile file) throws IOException {
        byte[] bytes = file.bytes();
        byte[] back = new byte[0];
        try {
            FileWrites.writeAtomically(target, bytes, FileWrites.Attributes.ofMode(FileWrites.PRIVATE_FILE),
                    project.staging(file.path()));
            back = Files.readAllBytes(target);
            if (!Arrays.equals(bytes, back)) {
                throw new IOException(file.path() + " reads back different bytes than were written");
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(back, (byte) 0);
        }
    }

    private Journal newJournal(Project project, Checked checked) throws IOException {
        String salt = Journal.newSalt();
        Journal draft = new Journal(newId(project), Journal.State.STARTED, salt, List.of(), List.of());
        List<Journal.Entry> entries = new ArrayList<>();
        for (SecretFile file : checked.secretFiles()) {
            byte[] bytes = file.bytes();
            entries.add(new Journal.Entry(file.path(), Journal.Kind.SECRET, false, Optional.empty(), draft.hash(bytes),
                    Optional.empty(), Optional.empty(), Optional.empty()));
            Arrays.fill(bytes, (byte) 0);
        }
        for (FileEdit edit : checked.edits()) {
            Optional<String> before = edit.original().map(draft::hash);
            Optional<FileWrites.Attributes> attributes = edit.modifiesExisting()
                    ? Optional.of(FileWrites.Attributes.of(project.base().resolve(edit.path()), FileWrites.NEW_FILE))
                    : Optional.empty();
            entries.add(new Journal.Entry(edit.path(), Journal.Kind.EDIT, edit.modifiesExisting(), before,
                    draft.hash(edit.updated()),
                    attributes.flatMap(FileWrites.Attributes::permissions).map(PosixFilePermissions::toString),
                    attributes.flatMap(FileWrites.Attributes::owner), attributes.flatMap(FileWrites.Attributes::group)));
        }
        return new Journal(draft.id(), Journal.State.STARTED, salt, entries, checked.createdDirs());
    }

    /** Returns an id later than every existing journal's, from the current time. */
    private static String newId(Project project) throws IOException {
        Instant at = Instant.now();
        List<Path> files = Journal.files(project.journals());
        if (!files.isEmpty()) {
            String name = files.get(0).getFileName().toString();
            try {
                Instant last = Instant.from(ID_FORMAT.parse(name.substring(0, name.length() - ".json".length())));
                if (!at.isAfter(last)) {
                    at = last.plusMillis(1);
                }
            } catch (RuntimeException e) {
                // A file hush did not name: ids still sort after it by time unless it claims the future.
            }
        }
        String id = ID_FORMAT.format(at);
        while (Files.exists(project.journals().resolve(id + ".json")) || Files.exists(project.backup(id))) {
            at = at.plusMillis(1);
            id = ID_FORMAT.format(at);
        }
        return id;
    }

    /** Returns the files that changed since {@code journal}'s migration and that undo would overwrite. */
    private static List<String> changedSince(Project project, Journal journal) throws IOException {
        List<String> changed = new ArrayList<>();
        for (Journal.Entry entry : journal.entries()) {
            if (entry.kind() != Journal.Kind.EDIT) {
                continue;
            }
            Optional<String> now = FileWrites.readIfExists(project.base().resolve(entry.path())).map(journal::hash);
            boolean asMigrated = now.isPresent() && now.get().equals(entry.after());
            boolean alreadyRestored = entry.existed() ? now.equals(entry.before()) : now.isEmpty();
            if (!asMigrated && !alreadyRestored) {
                changed.add(entry.path());
            }
        }
        return changed;
    }

    /** How a restore treats a file that holds neither its old bytes nor the bytes hush wrote. */
    private enum Restore {
        /** Rolling back an apply (or finishing an undo): such a file is the user's; keep it. */
        ROLLBACK,
        /** An undo: the same. */
        UNDO,
        /** An undo with force: keep the user's version under {@code .undone/}, then restore. */
        FORCED_UNDO
    }

    /** What a restore found and did, gathered as it goes. */
    private record Restored(List<String> restored, List<String> deleted, List<String> kept, List<String> warnings) {
        Restored() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * Puts back the state before {@code journal}'s migration, each file only while it holds what
     * hush wrote: edited files first (so every value is back in its file before its secret file
     * goes), then the secret files (only once every edited file is back), temp files, the ignore
     * rules (only once no secret file is left) and created folders.
     *
     * @param written the edits this process wrote, when known (an in-process rollback); a file
     *     hush never wrote is the user's and counts as back
     */
    private RestoreResult restore(Project project, Journal journal, Restore mode, Optional<Set<String>> written,
            RestoreResult.Kind kind) throws IOException {
        Restored done = new Restored();
        List<Journal.Entry> entries = new ArrayList<>(journal.entries());
        Collections.reverse(entries);
        boolean valuesBack = true;
        for (Journal.Entry entry : entries) {
            if (entry.kind() == Journal.Kind.EDIT && !entry.ignoreRules()) {
                boolean hushMayHaveWritten = written.map(set -> set.contains(entry.path())).orElse(true);
                valuesBack &= restoreEdit(project, journal, entry, mode, hushMayHaveWritten, done);
            }
        }
        for (Journal.Entry entry : entries) {
            if (entry.kind() != Journal.Kind.SECRET) {
                continue;
            }
            Path target = project.base().resolve(entry.path());
            Optional<byte[]> now = FileWrites.readIfExists(target);
            if (now.isEmpty()) {
                continue;
            }
            boolean asWritten = journal.hash(now.get()).equals(entry.after());
            Arrays.fill(now.get(), (byte) 0);
            if (asWritten && valuesBack) {
                step("delete:" + entry.path());
                Files.delete(target);
                done.deleted().add(entry.path());
            } else if (asWritten) {
                done.kept().add(entry.path());
                done.warnings().add(entry.path() + " kept: a file above that you changed may still read it");
            } else {
                done.kept().add(entry.path());
                done.warnings().add(entry.path() + " holds another value than migrate wrote (rotated?); kept so no secret is lost");
            }
        }
        cleanStaging(project);
        // A kill while a backup was being written leaves its temp file among the backups.
        FileWrites.deleteTemps(project.backups());
        for (Journal.Entry entry : entries) {
            Path target = project.base().resolve(entry.path());
            if (Files.isDirectory(target.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(FileWrites.tempFor(target));
            }
        }
        boolean secretsGone = done.kept().stream().noneMatch(path -> journal.entries().stream()
                .anyMatch(entry -> entry.kind() == Journal.Kind.SECRET && entry.path().equals(path)));
        for (Journal.Entry entry : entries) {
            if (!entry.ignoreRules()) {
                continue;
            }
            if (secretsGone) {
                restoreEdit(project, journal, entry, mode, written.map(set -> set.contains(entry.path())).orElse(true), done);
            } else {
                done.kept().add(entry.path());
                done.warnings().add(entry.path() + " kept as migrate wrote it, so that git still ignores the secret files kept");
            }
        }
        List<String> dirs = new ArrayList<>(journal.createdDirs());
        Collections.reverse(dirs);
        for (String dir : dirs) {
            Path folder = project.base().resolve(dir);
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && isEmptyFolder(folder)) {
                Files.delete(folder);
                FileWrites.syncFolder(folder.getParent());
            }
        }
        return new RestoreResult(journal.id(), done.restored(), done.deleted(), done.kept(), done.warnings(), kind);
    }

    /**
     * Puts back one edited file while it holds what hush wrote, keeping a file the user changed.
     * Returns whether the file is back as it was before the migration (or is the user's own,
     * never written by hush), so that its values are in it again.
     */
    private boolean restoreEdit(Project project, Journal journal, Journal.Entry entry, Restore mode, boolean hushMayHaveWritten,
            Restored done) throws IOException {
        Path target = project.base().resolve(entry.path());
        Optional<byte[]> now = FileWrites.readIfExists(target);
        Optional<String> hash = now.map(journal::hash);
        boolean asWritten = hash.isPresent() && hash.get().equals(entry.after());
        boolean asBefore = entry.existed() ? hash.equals(entry.before()) : now.isEmpty();
        if (asBefore) {
            return true;
        }
        if (!asWritten && mode != Restore.FORCED_UNDO) {
            if (!hushMayHaveWritten) {
                return true;
            }
            done.kept().add(entry.path());
            done.warnings().add(entry.path() + (now.isPresent() ? " changed" : " was deleted") + " since hush wrote it; kept"
                    + " your version" + (entry.existed() ? " (the one before the migration is in " + HUSH_DIR + "/backup/"
                    + journal.id() + "/" + entry.path() + ")" : ""));
            return false;
        }
        step("restore:" + entry.path());
        if (!asWritten && now.isPresent()) {
            keepUserVersion(project, journal, entry.path(), now.get());
            done.warnings().add(entry.path() + " had changed since the migration; that version is in " + HUSH_DIR
                    + "/backup/" + journal.id() + ".undone/" + entry.path());
        }
        if (entry.existed()) {
            byte[] original = Files.readAllBytes(project.backup(journal.id()).resolve(entry.path()));
            if (!Optional.of(journal.hash(original)).equals(entry.before())) {
                throw new IOException("the backup of " + entry.path() + " in " + HUSH_DIR + "/backup/" + journal.id()
                        + " does not hold the original bytes");
            }
            FileWrites.writeAtomically(target, original, entry.attributes(), project.staging(entry.path()));
            done.restored().add(entry.path());
        } else if (now.isPresent()) {
            Files.delete(target);
            done.deleted().add(entry.path());
        }
        return true;
    }

    private static void keepUserVersion(Project project, Journal journal, String path, byte[] bytes) throws IOException {
        Path copy = project.backups().resolve(journal.id() + ".undone").resolve(path);
        createPrivateFolders(project.backups(), copy.getParent());
        FileWrites.writeAtomically(copy, bytes, FileWrites.PRIVATE_FILE);
    }

    /** Removes every temp file in {@code .hush/tmp}; only hush writes there, under the lock. */
    private static void cleanStaging(Project project) throws IOException {
        Path staging = project.hush().resolve(Project.STAGING);
        if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(staging)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(child);
                } else {
                    Files.delete(child);
                }
            }
        }
        Files.delete(folder);
    }

    private static boolean isEmptyFolder(Path folder) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        }
    }

    /** Creates {@code folder} and its parents below {@code base} (which exists), each {@code rwx------}. */
    private static void createPrivateFolders(Path base, Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !p.equals(base) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            FileWrites.createFolder(p, FileWrites.PRIVATE_DIR);
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Tells the step hook, then stops an apply that a signal interrupted. */
    private void step(String name, InterruptGuard guard) {
        steps.reached(name);
        guard.check();
    }

    /** Tells the step hook of a restore, which a signal does not stop: it only puts the old state back. */
    private void step(String name) {
        steps.reached(name);
    }

    /** Describes an exception in one line without a stack trace; messages of I/O errors name files only. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The project's real root and the places under {@code .hush}. */
    private record Project(Path base) {
        /** The folder of temp files, which {@code .hush/.gitignore} makes git ignore. */
        static final String STAGING = "tmp";

        static Project of(Path root) throws MigrationException {
            try {
                Path base = root.toRealPath();
                if (!Files.isDirectory(base)) {
                    throw new MigrationException(Problem.UNSAFE_PATH, root + " is not a folder");
                }
                return new Project(base);
            } catch (IOException e) {
                throw new MigrationException(Problem.IO_FAILED, "cannot open the project " + root + ": " + describe(e), e);
            }
        }

        Path hush() {
            return base.resolve(HUSH_DIR);
        }

        Path journals() {
            return hush().resolve("journal");
        }

        Path backups() {
            return hush().resolve("backup");
        }

        Path backup(String id) {
            return backups().resolve(id);
        }

        /**
         * Returns the temp file that {@code path} is written through: in {@code .hush/tmp}, so
         * it is ignored by git while it holds a value, and named by a hash, so it stays short.
         */
        Path staging(String path) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
                return hush().resolve(STAGING).resolve(HexFormat.of().formatHex(digest, 0, 12) + ".tmp");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        void createHushFolders() throws IOException {
            FileWrites.createFolder(hush(), FileWrites.PRIVATE_DIR);
            Path ignore = hush().resolve(".gitignore");
            if (!Files.exists(ignore, LinkOption.NOFOLLOW_LINKS)) {
                // Ignores all of .hush (backups hold the old values) even where the root .gitignore does not.
                FileWrites.writeAtomically(ignore, "# written by hush: nothing in .hush is ever committed\n*\n"
                        .getBytes(StandardCharsets.UTF_8), FileWrites.NEW_FILE);
            }
            FileWrites.createFolder(journals(), FileWrites.PRIVATE_DIR);
            FileWrites.createFolder(backups(), FileWrites.PRIVATE_DIR);
            FileWrites.createFolder(hush().resolve(STAGING), FileWrites.PRIVATE_DIR);
        }
    }
}

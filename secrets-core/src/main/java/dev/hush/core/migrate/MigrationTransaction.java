package dev.hush.core.migrate;

import dev.hush.core.migrate.MigrationException.Problem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a {@link MigrationPlan} as a transaction, undoes the last migration, and recovers
 * from a migration that was interrupted. An apply writes, in this order: the journal (state
 * {@code started}), a backup of every file it will change, the secret files (read back),
 * the edited files (temp file, fsync, atomic rename), then the journal's state {@code complete}.
 * So a secret value is on disk in the secrets folder before it leaves any file, and after a
 * crash at any point {@link #recover(Path)} restores the whole old state. A failure while
 * writing rolls everything back before the exception is thrown.
 *
 * <p>Nothing is written when a safety check fails: a symbolic link where hush writes, a file
 * changed since the plan was made, a secret file holding another value, a read-only target,
 * or another migration holding {@code .hush/lock}.
 */
public final class MigrationTransaction {
    /** The folder holding the lock, journals and backups, relative to the project root. */
    public static final String HUSH_DIR = ".hush";
    /** The system property naming a step at which the process halts, for crash tests of the built jar. */
    static final String CRASH_AT_PROPERTY = "hush.test.crashAt";

    private static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Step CRASH_AT = crashAt(System.getProperty(CRASH_AT_PROPERTY));

    /** Is told each step boundary of an apply, so a test can simulate a crash there. */
    interface Step {
        /** Called when an apply reaches {@code stepName}; throwing an {@link Error} here leaves the journal {@code started}. */
        void reached(String stepName);
    }

    private String secretsDir = SecretFile.DEFAULT_DIR;
    private boolean force;
    private Step steps = CRASH_AT;

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

    /** Replaces the step hook; for tests. */
    MigrationTransaction steps(Step steps) {
        this.steps = Objects.requireNonNull(steps, "steps == null");
        return this;
    }

    /**
     * Applies {@code plan} to the project at {@code root}, after recovering an interrupted migration.
     * An empty plan writes nothing, not even a journal.
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
            if (!interrupted(project)) {
                check(project, plan);
            }
            project.createHushFolders();
            try (ProjectLock lock = ProjectLock.acquire(project.hush())) {
                Optional<RestoreResult> recovered = recoverLocked(project);
                Checked checked = check(project, plan);
                return write(project, checked, recovered);
            }
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "cannot prepare " + HUSH_DIR + ": " + describe(e), e);
        }
    }

    /**
     * Restores the newest complete migration byte for byte: edited files from the backup,
     * created files deleted, secret files deleted only while they hold what migrate wrote.
     * If an interrupted migration is found first, it is rolled back and nothing else is undone.
     *
     * @throws MigrationException when there is nothing to undo, a file changed since the migration
     *     (unless {@link #force(boolean)}), or writing failed
     */
    public RestoreResult undo(Path root) throws MigrationException {
        Objects.requireNonNull(root, "root == null");
        Project project = Project.of(root);
        checkHushFolders(project);
        if (!Files.isDirectory(project.journals(), LinkOption.NOFOLLOW_LINKS)) {
            throw new MigrationException(Problem.NOTHING_TO_UNDO, "no migration to undo in " + root);
        }
        try (ProjectLock lock = ProjectLock.acquire(project.hush())) {
            Optional<RestoreResult> recovered = recoverLocked(project);
            if (recovered.isPresent()) {
                return recovered.get();
            }
            Journal journal = Journal.all(project.journals()).stream()
                    .filter(j -> j.state() == Journal.State.COMPLETE)
                    .findFirst()
                    .orElseThrow(() -> new MigrationException(Problem.NOTHING_TO_UNDO,
                            "no complete migration to undo in " + root));
            checkJournalTargets(project, journal);
            List<String> changed = changedSince(project, journal);
            if (!changed.isEmpty() && !force) {
                throw new MigrationException(Problem.CHANGED_SINCE_MIGRATION, String.join(", ", changed)
                        + " changed since migration " + journal.id() + "; undo would overwrite that. Undo with force"
                        + " to restore anyway (your versions go to " + HUSH_DIR + "/backup/" + journal.id() + ".undone/)");
            }
            RestoreResult result = restore(project, journal, true);
            journal.in(Journal.State.UNDONE).write(project.journals());
            return result;
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "undo failed: " + describe(e)
                    + "; run it again, or restore by hand from " + HUSH_DIR + "/backup/", e);
        }
    }

    /**
     * Rolls back a migration that was interrupted (its journal still says {@code started}):
     * originals come back from the backup, files it created are deleted while they hold what
     * it wrote. Returns what was restored, or empty when nothing was interrupted.
     *
     * @throws MigrationException when another migration runs or restoring failed
     */
    public Optional<RestoreResult> recover(Path root) throws MigrationException {
        Objects.requireNonNull(root, "root == null");
        Project project = Project.of(root);
        checkHushFolders(project);
        if (!Files.isDirectory(project.journals(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (ProjectLock lock = ProjectLock.acquire(project.hush())) {
            return recoverLocked(project);
        } catch (IOException e) {
            throw new MigrationException(Problem.IO_FAILED, "recovery failed: " + describe(e)
                    + "; restore by hand from " + HUSH_DIR + "/backup/", e);
        }
    }

    private static boolean interrupted(Project project) throws IOException {
        return Journal.newest(project.journals()).map(j -> j.state() == Journal.State.STARTED).orElse(false);
    }

    private Optional<RestoreResult> recoverLocked(Project project) throws IOException, MigrationException {
        Optional<Journal> newest = Journal.newest(project.journals());
        if (newest.isEmpty() || newest.get().state() != Journal.State.STARTED) {
            return Optional.empty();
        }
        checkJournalTargets(project, newest.get());
        RestoreResult result = restore(project, newest.get(), false);
        newest.get().in(Journal.State.ROLLED_BACK).write(project.journals());
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

    /** Checks that {@code .hush} and its journal and backup folders are real folders inside the project. */
    private static void checkHushFolders(Project project) throws MigrationException {
        checkFolder(project, HUSH_DIR + "/journal");
        checkFolder(project, HUSH_DIR + "/backup");
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
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
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

    private MigrationResult write(Project project, Checked checked, Optional<RestoreResult> recovered)
            throws MigrationException, IOException {
        if (checked.secretFiles().isEmpty() && checked.edits().isEmpty()) {
            return new MigrationResult(Optional.empty(), List.of(), names(checked.reused()), List.of(), checked.warnings(),
                    recovered);
        }
        Journal journal = newJournal(project, checked);
        try {
            journal.write(project.journals());
            steps.reached("after-journal");
            for (FileEdit edit : checked.edits()) {
                if (edit.modifiesExisting()) {
                    Path copy = project.backup(journal.id()).resolve(edit.path());
                    createPrivateFolders(project.backups(), copy.getParent());
                    FileWrites.writeAtomically(copy, edit.originalBytes(), FileWrites.PRIVATE_FILE);
                }
            }
            steps.reached("after-backup");
            Set<String> secretDirs = new LinkedHashSet<>();
            checked.secretFiles().forEach(file -> secretDirs.add(file.dir()));
            for (String dir : checked.createdDirs()) {
                FileWrites.createFolder(project.base().resolve(dir),
                        secretDirs.contains(dir) ? FileWrites.PRIVATE_DIR : FileWrites.NEW_DIR);
            }
            for (SecretFile file : checked.secretFiles()) {
                writeSecretFile(project.base().resolve(file.path()), file);
            }
            steps.reached("after-secret-files");
            boolean first = true;
            for (FileEdit edit : checked.edits()) {
                Path target = project.base().resolve(edit.path());
                Set<PosixFilePermission> mode = edit.modifiesExisting()
                        ? FileWrites.mode(target).orElse(FileWrites.NEW_FILE) : FileWrites.NEW_FILE;
                FileWrites.writeAtomically(target, edit.updatedBytes(), mode);
                if (first) {
                    steps.reached("mid-rename");
                    first = false;
                }
            }
            steps.reached("before-journal-complete");
            journal.in(Journal.State.COMPLETE).write(project.journals());
        } catch (IOException | RuntimeException e) {
            try {
                restore(project, journal, false);
                journal.in(Journal.State.ROLLED_BACK).write(project.journals());
            } catch (IOException | RuntimeException again) {
                e.addSuppressed(again);
                throw new MigrationException(Problem.IO_FAILED, "migration failed (" + describe(e) + ") and so did its rollback ("
                        + describe(again) + "); run hush migrate --undo, or restore by hand from " + HUSH_DIR + "/backup/"
                        + journal.id(), e);
            }
            throw new MigrationException(Problem.IO_FAILED, "migration failed and was rolled back, nothing changed: "
                    + describe(e), e);
        }
        List<String> changed = checked.edits().stream().map(FileEdit::path).toList();
        return new MigrationResult(Optional.of(journal.id()), names(checked.secretFiles()), names(checked.reused()), changed,
                checked.warnings(), recovered);
    }

    private static List<String> names(List<SecretFile> files) {
        return files.stream().map(SecretFile::path).toList();
    }

    private static void writeSecretFile(Path target, SecretFile file) throws IOException {
        byte[] bytes = file.bytes();
        byte[] back = new byte[0];
        try {
            FileWrites.writeAtomically(target, bytes, FileWrites.PRIVATE_FILE);
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
                    Optional.empty()));
            Arrays.fill(bytes, (byte) 0);
        }
        for (FileEdit edit : checked.edits()) {
            Optional<String> before = edit.original().map(draft::hash);
            Optional<String> mode = edit.modifiesExisting()
                    ? FileWrites.mode(project.base().resolve(edit.path())).map(PosixFilePermissions::toString)
                    : Optional.empty();
            entries.add(new Journal.Entry(edit.path(), Journal.Kind.EDIT, edit.modifiesExisting(), before,
                    draft.hash(edit.updatedBytes()), mode));
        }
        return new Journal(draft.id(), Journal.State.STARTED, salt, entries, checked.createdDirs());
    }

    /** Returns an id later than every existing journal's, from the current time. */
    private static String newId(Project project) throws IOException {
        Instant at = Instant.now();
        Optional<String> newest = Journal.newest(project.journals()).map(Journal::id);
        if (newest.isPresent()) {
            Instant last = Instant.from(ID_FORMAT.parse(newest.get()));
            if (!at.isAfter(last)) {
                at = last.plusMillis(1);
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

    /**
     * Puts back the state before {@code journal}'s migration: edited files first (so every
     * value is back in its file before its secret file goes), then the created secret files
     * that still hold what was written, then temp files and created folders.
     *
     * @param undo whether this is a user's undo (changed files were approved with force)
     *     rather than a rollback or recovery
     */
    private RestoreResult restore(Project project, Journal journal, boolean undo) throws IOException {
        List<String> restored = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Journal.Entry> entries = new ArrayList<>(journal.entries());
        java.util.Collections.reverse(entries);
        for (Journal.Entry entry : entries) {
            if (entry.kind() != Journal.Kind.EDIT) {
                continue;
            }
            Path target = project.base().resolve(entry.path());
            Optional<byte[]> now = FileWrites.readIfExists(target);
            Optional<String> hash = now.map(journal::hash);
            boolean asMigrated = hash.isPresent() && hash.get().equals(entry.after());
            if (entry.existed()) {
                if (hash.equals(entry.before())) {
                    continue;
                }
                byte[] original = Files.readAllBytes(project.backup(journal.id()).resolve(entry.path()));
                if (!Optional.of(journal.hash(original)).equals(entry.before())) {
                    throw new IOException("the backup of " + entry.path() + " in " + HUSH_DIR + "/backup/" + journal.id()
                            + " does not hold the original bytes");
                }
                if (undo && now.isPresent() && !asMigrated) {
                    keepUserVersion(project, journal, entry.path(), now.get());
                    warnings.add(entry.path() + " had changed since the migration; that version is in " + HUSH_DIR
                            + "/backup/" + journal.id() + ".undone/");
                }
                Set<PosixFilePermission> mode = entry.mode().map(PosixFilePermissions::fromString)
                        .orElse(FileWrites.NEW_FILE);
                FileWrites.writeAtomically(target, original, mode);
                restored.add(entry.path());
            } else if (now.isPresent()) {
                if (asMigrated || undo) {
                    if (!asMigrated) {
                        keepUserVersion(project, journal, entry.path(), now.get());
                    }
                    Files.delete(target);
                    deleted.add(entry.path());
                } else {
                    kept.add(entry.path());
                    warnings.add(entry.path() + " was created by the migration but changed since; kept");
                }
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
            if (asWritten) {
                Files.delete(target);
                deleted.add(entry.path());
            } else {
                kept.add(entry.path());
                warnings.add(entry.path() + " holds another value than migrate wrote (rotated?); kept so no secret is lost");
            }
        }
        for (Journal.Entry entry : entries) {
            Path target = project.base().resolve(entry.path());
            if (Files.isDirectory(target.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(FileWrites.tempFor(target));
            }
        }
        List<String> dirs = new ArrayList<>(journal.createdDirs());
        java.util.Collections.reverse(dirs);
        for (String dir : dirs) {
            Path folder = project.base().resolve(dir);
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && isEmptyFolder(folder)) {
                Files.delete(folder);
                FileWrites.syncFolder(folder.getParent());
            }
        }
        return new RestoreResult(journal.id(), restored, deleted, kept, warnings);
    }

    private static void keepUserVersion(Project project, Journal journal, String path, byte[] bytes) throws IOException {
        Path copy = project.backups().resolve(journal.id() + ".undone").resolve(path);
        createPrivateFolders(project.backups(), copy.getParent());
        FileWrites.writeAtomically(copy, bytes, FileWrites.PRIVATE_FILE);
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

    /** Describes an exception in one line without a stack trace; messages of I/O errors name files only. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static Step crashAt(String step) {
        if (step == null || step.isBlank()) {
            return name -> { };
        }
        return name -> {
            if (name.equals(step)) {
                Runtime.getRuntime().halt(137);
            }
        };
    }

    /** The project's real root and the places under {@code .hush}. */
    private record Project(Path base) {
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

        void createHushFolders() throws IOException {
            FileWrites.createFolder(hush(), FileWrites.PRIVATE_DIR);
            FileWrites.createFolder(journals(), FileWrites.PRIVATE_DIR);
            FileWrites.createFolder(backups(), FileWrites.PRIVATE_DIR);
        }
    }
}

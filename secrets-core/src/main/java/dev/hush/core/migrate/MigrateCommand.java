package dev.hush.core.migrate;

import dev.hush.core.config.HushConfig;
import dev.hush.core.git.GitRepositories;
import dev.hush.core.model.CallGuard;
import dev.hush.core.migrate.apply.MigrationTransaction;
import dev.hush.core.migrate.plan.MigrationPlanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RmCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * Plans and applies the migration of a project's inline secrets into Compose secrets:
 * {@code Hush.migrate().root(path).plan()} returns the plan and a decision per finding, which
 * {@link #apply(MigrationPlan)} writes as one transaction and {@link #undo()} takes back.
 * Planning reads only; it never writes a file.
 *
 * <p>A command is one run, as the other commands are one call: its steps go forward, each at
 * most once: an optional {@link #recover()}, {@link #plan()}, {@link #apply(MigrationPlan)},
 * {@link #undo()} (an undo alone takes back the last migration). The options are fixed once a
 * step has run; a step run twice, or one after a later step (a plan after the apply, an apply
 * after the undo), is an error. {@link #interrupted()} and {@link #untrack(List)} read or
 * follow up and may be asked any time.
 */
public final class MigrateCommand {
    private static final String NAME = "MigrateCommand";
    private final CallGuard planned = new CallGuard(NAME, "plan");
    private final CallGuard applied = new CallGuard(NAME, "apply");
    private final CallGuard undone = new CallGuard(NAME, "undo");
    private Path root = Path.of(".");
    private Optional<HushConfig> config = Optional.empty();
    private String secretsDir = SecretFile.DEFAULT_DIR;
    private Optional<String> only = Optional.empty();
    private boolean harden;
    private Set<String> readsFileVariables = Set.of();
    private Map<String, String> rename = Map.of();
    private Set<String> skip = Set.of();
    private boolean generateWeak;
    private Set<String> generate = Set.of();
    private Map<String, DeliveryKind> deliveries = Map.of();
    private String checklist = RotationChecklist.DEFAULT_PATH;
    private Map<String, RotationChecklist.Exposure> history = Map.of();
    private Consumer<String> onInterrupt = line -> { };

    /** Creates a migration of the current folder; prefer {@code Hush.migrate()}. */
    public MigrateCommand() {
    }

    /** Sets the project folder. */
    public MigrateCommand root(Path root) {
        checkOptions();
        this.root = Objects.requireNonNull(root, "root == null");
        return this;
    }

    /** Sets the settings; without this call, {@code .hush.yaml} at the root is read if present. */
    public MigrateCommand config(HushConfig config) {
        checkOptions();
        this.config = Optional.of(Objects.requireNonNull(config, "config == null"));
        return this;
    }

    /** Sets the folder, relative to the root, that secret files go into; {@code .secrets} by default. */
    public MigrateCommand secretsDir(String secretsDir) {
        checkOptions();
        this.secretsDir = ProjectPaths.checkRelative(Objects.requireNonNull(secretsDir, "secretsDir == null"));
        return this;
    }

    /** Migrates only the findings of rule {@code ruleOrPath}, or those in that file or folder. */
    public MigrateCommand only(String ruleOrPath) {
        checkOptions();
        this.only = Optional.of(Objects.requireNonNull(ruleOrPath, "ruleOrPath == null"));
        return this;
    }

    /** Replaces {@code privileged: true} with {@code cap_drop: [ALL]} and {@code no-new-privileges} when true. */
    public MigrateCommand harden(boolean harden) {
        checkOptions();
        this.harden = harden;
        return this;
    }

    /**
     * Names the compose services whose app reads {@code <KEY>_FILE} variables (for example with
     * secrets-runtime), so they get {@code <KEY>_FILE: /run/secrets/<name>} whatever their image.
     */
    public MigrateCommand readsFileVariables(Set<String> services) {
        checkOptions();
        this.readsFileVariables = Set.copyOf(Objects.requireNonNull(services, "services == null"));
        return this;
    }

    /**
     * Renames secrets: each key is a finding's fingerprint or a proposed secret name, each value
     * the name the user chose.
     *
     * @throws IllegalArgumentException from {@link #plan()} when a chosen name is invalid or holds another value
     */
    public MigrateCommand rename(Map<String, String> rename) {
        checkOptions();
        this.rename = Map.copyOf(Objects.requireNonNull(rename, "rename == null"));
        return this;
    }

    /** Leaves the findings with these fingerprints, or of these keys (such as {@code DB_PASSWORD}), as they are. */
    public MigrateCommand skip(Set<String> fingerprintsOrKeys) {
        checkOptions();
        this.skip = Set.copyOf(Objects.requireNonNull(fingerprintsOrKeys, "fingerprintsOrKeys == null"));
        return this;
    }

    /**
     * Puts a generated value in place of every weak default ({@code changeme}, {@code example},
     * {@code admin}) that moves, in every place it is delivered, when true; by default such a
     * value moves as it is, so that the running service keeps working.
     */
    public MigrateCommand generateWeak(boolean generateWeak) {
        this.generateWeak = generateWeak;
        return this;
    }

    /**
     * Puts a generated value in place of the values of the findings with these fingerprints, or
     * of these keys, weak or not, in every place the value is delivered.
     */
    public MigrateCommand generate(Set<String> fingerprintsOrKeys) {
        this.generate = Set.copyOf(Objects.requireNonNull(fingerprintsOrKeys, "fingerprintsOrKeys == null"));
        return this;
    }

    /**
     * Chooses how some values reach their services, instead of the plan's choice: each key is a
     * finding's fingerprint or a variable's key. {@link DeliveryKind#FILE_VARIABLE} and {@link
     * DeliveryKind#MOUNTED_SECRET} need an app that reads the file; the checklist says so.
     */
    public MigrateCommand delivery(Map<String, DeliveryKind> deliveries) {
        this.deliveries = Map.copyOf(Objects.requireNonNull(deliveries, "deliveries == null"));
        return this;
    }

    /** Sets where the rotation checklist goes, relative to the root; {@code SECRETS-ROTATION.md} by default. */
    public MigrateCommand checklist(String path) {
        checkOptions();
        this.checklist = ProjectPaths.checkRelative(Objects.requireNonNull(path, "path == null"));
        return this;
    }

    /** Tells, by fingerprint, where a history scan saw each secret, so the checklist says which ones leaked. */
    public MigrateCommand history(Map<String, RotationChecklist.Exposure> exposures) {
        checkOptions();
        this.history = Map.copyOf(Objects.requireNonNull(exposures, "exposures == null"));
        return this;
    }

    /**
     * Scans the project and returns the plan with a decision per finding; writes nothing.
     *
     * @throws IOException when the project cannot be read
     * @throws IllegalArgumentException when a rename is invalid
     */
    public PlannedMigration plan() throws IOException {
        undone.checkCallable();
        applied.checkCallable();
        planned.markCalled();
        HushConfig settings = config.isPresent() ? config.get() : HushConfig.forProject(root);
        MigrationPlanner.Options options = new MigrationPlanner.Options(settings, secretsDir, only, harden,
                readsFileVariables, rename, skip, checklist, history, generateWeak, generate, deliveries);
        return new MigrationPlanner(root, options).plan();
    }

    /**
     * Applies {@code plan} as one transaction.
     *
     * @throws MigrationException when a safety check fails (nothing written) or writing failed (rolled back)
     */
    public MigrationResult apply(MigrationPlan plan) throws MigrationException {
        Objects.requireNonNull(plan, "plan == null");
        undone.checkCallable();
        applied.markCalled();
        return transaction().apply(root, plan);
    }

    /** Sets who is told, in one line, how a migration ended after SIGTERM or SIGINT stopped it. */
    public MigrateCommand onInterrupt(Consumer<String> report) {
        checkOptions();
        this.onInterrupt = Objects.requireNonNull(report, "report == null");
        return this;
    }

    /**
     * Rolls back an interrupted migration, or finishes an interrupted undo, before anything is
     * planned: a half-migrated tree would otherwise plan as "nothing to migrate".
     *
     * @throws MigrationException when its journal is not trusted, another run holds the lock, or restoring failed
     */
    public Optional<RestoreResult> recover() throws MigrationException {
        checkOptions();
        return transaction().recover(root);
    }

    /**
     * Returns the interrupted migration or undo waiting in the project, if any; reads only.
     *
     * @throws IOException when its journal cannot be read
     */
    public Optional<UnfinishedMigration> interrupted() throws IOException {
        return MigrationTransaction.interrupted(root);
    }

    /** Checks that no step has run yet, so that an option or a recovery still counts. */
    private void checkOptions() {
        planned.checkCallable();
        applied.checkCallable();
        undone.checkCallable();
    }

    private MigrationTransaction transaction() {
        return MigrationTransaction.create().secretsDir(secretsDir).onInterrupt(onInterrupt);
    }

    /**
     * Restores the project as it was before the last migration.
     *
     * @throws MigrationException when there is nothing to undo or a file changed since
     */
    public RestoreResult undo() throws MigrationException {
        return undo(false);
    }

    /**
     * Restores the project as it was before the last migration; with {@code force}, also the
     * files changed since, whose current versions are kept under {@code .hush/backup/}.
     *
     * @throws MigrationException when there is nothing to undo, or a file changed since and not {@code force}
     */
    public RestoreResult undo(boolean force) throws MigrationException {
        undone.markCalled();
        return transaction().force(force).undo(root);
    }

    /**
     * Removes {@code paths} (relative to the root) from git's index, as {@code git rm --cached}
     * does, keeping the files on disk: the dotenv files a migration emptied of secrets and that
     * {@code .gitignore} now covers. The user commits the removal.
     *
     * @throws IOException when the repository cannot be read or its index written
     */
    public List<String> untrack(List<String> paths) throws IOException {
        if (paths.isEmpty()) {
            return List.of();
        }
        try (Repository repository = GitRepositories.openEnclosing(root); Git git = Git.wrap(repository)) {
            Path top = repository.getWorkTree().toPath().toAbsolutePath().normalize();
            Path base = root.toAbsolutePath().normalize();
            RmCommand rm = git.rm().setCached(true);
            List<String> untracked = new ArrayList<>();
            for (String path : paths) {
                String inRepository = top.relativize(base.resolve(path)).toString().replace('\\', '/');
                rm.addFilepattern(inRepository);
                untracked.add(inRepository);
            }
            rm.call();
            return untracked;
        } catch (GitAPIException e) {
            throw new IOException("git rm --cached failed: " + e.getMessage(), e);
        }
    }
}

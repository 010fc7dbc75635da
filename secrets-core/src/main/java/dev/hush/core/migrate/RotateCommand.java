package dev.hush.core.migrate;

import dev.hush.core.git.GitRepositories;
import dev.hush.core.history.HistoryCommand;
import dev.hush.core.history.ValueSighting;
import dev.hush.core.migrate.MigrationException.Problem;
import dev.hush.core.migrate.apply.MigrationTransaction;
import dev.hush.core.migrate.plan.RotationPlanner;
import dev.hush.core.model.CallGuard;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;

/**
 * Rotates a migrated secret: {@code Hush.rotate().root(path).secret("db_password").value(v).call()}
 * writes the new value everywhere the project delivers it (its secret file, every git-ignored
 * env-file entry holding the old value, the password part of every URL that embeds it) as one
 * transaction, the same one a migration uses: a backup, a journal, rollback on failure or signal,
 * recovery after a crash, and {@link #undo(boolean)}. {@link #list()} shows every secret with its
 * deliveries, its services and whether its value was ever committed. The deliveries are found
 * in the project's files each time, never in a record that could go stale.
 */
public final class RotateCommand {
    private final CallGuard guard = new CallGuard("RotateCommand");
    private Path root = Path.of(".");
    private String secretsDir = SecretFile.DEFAULT_DIR;
    private Optional<String> secret = Optional.empty();
    private Optional<SecretValue> value = Optional.empty();
    private Consumer<String> onInterrupt = line -> { };

    /** Creates a rotation in the current folder; prefer {@code Hush.rotate()}. */
    public RotateCommand() {
    }

    /** Sets the project folder. */
    public RotateCommand root(Path root) {
        guard.checkCallable();
        this.root = Objects.requireNonNull(root, "root == null");
        return this;
    }

    /** Sets the folder, relative to the root, that holds the secret files; {@code .secrets} by default. */
    public RotateCommand secretsDir(String secretsDir) {
        guard.checkCallable();
        this.secretsDir = ProjectPaths.checkRelative(Objects.requireNonNull(secretsDir, "secretsDir == null"));
        return this;
    }

    /** Names the secret to rotate: its name, as {@link #list()} shows it. */
    public RotateCommand secret(String name) {
        guard.checkCallable();
        this.secret = Optional.of(Objects.requireNonNull(name, "name == null"));
        return this;
    }

    /** Sets the new value; see {@link SecretRotation#generate()} for a random one. */
    public RotateCommand value(SecretValue value) {
        guard.checkCallable();
        this.value = Optional.of(Objects.requireNonNull(value, "value == null"));
        return this;
    }

    /** Sets who is told, in one line, how a rotation ended after SIGTERM or SIGINT stopped it. */
    public RotateCommand onInterrupt(Consumer<String> report) {
        guard.checkCallable();
        this.onInterrupt = Objects.requireNonNull(report, "report == null");
        return this;
    }

    /**
     * Returns the secret named by {@link #secret(String)} with its deliveries; reads only, so a
     * caller can check the name before asking for a value.
     *
     * @throws MigrationException when there is no such secret
     * @throws IOException when the project cannot be read
     */
    public RotatableSecret find() throws IOException, MigrationException {
        guard.checkCallable();
        try {
            return planner().find(secret.orElseThrow(() -> new IllegalStateException("secret(name) was not called")));
        } catch (IllegalArgumentException e) {
            throw new MigrationException(Problem.NOT_ROTATABLE, e.getMessage(), e);
        }
    }

    /**
     * Returns the plan of the rotation: the files it writes; writes nothing.
     *
     * @throws MigrationException when there is no such secret, or the value cannot be written where it is delivered
     * @throws IOException when the project cannot be read
     */
    public PlannedRotation plan() throws IOException, MigrationException {
        guard.checkCallable();
        try {
            return planner().plan(secret.orElseThrow(() -> new IllegalStateException("secret(name) was not called")),
                    value.orElseThrow(() -> new IllegalStateException("value(value) was not called")));
        } catch (IllegalArgumentException e) {
            throw new MigrationException(Problem.NOT_ROTATABLE, e.getMessage(), e);
        }
    }

    /**
     * Finishes or rolls back an interrupted migration or rotation first, then plans the rotation
     * and applies it as one transaction.
     *
     * @throws MigrationException when there is no such secret, the value cannot be written, a
     *     safety check fails (nothing written) or writing failed (rolled back)
     * @throws IOException when the project cannot be read
     * @throws IllegalStateException when called a second time
     */
    public RotationResult call() throws IOException, MigrationException {
        guard.checkCallable();
        Optional<RestoreResult> recovered = transaction().recover(root);
        PlannedRotation planned = plan();
        guard.markCalled();
        MigrationResult result = transaction().apply(root, planned.plan());
        return new RotationResult(planned, result, recovered);
    }

    /**
     * Returns the interrupted migration, rotation or undo waiting in the project, if any; reads
     * only. The next {@link #call()} rolls it back (or finishes it) first.
     *
     * @throws IOException when its journal cannot be read
     */
    public Optional<UnfinishedMigration> interrupted() throws IOException {
        return MigrationTransaction.interrupted(root);
    }

    /**
     * Restores the project as it was before the newest transaction, a rotation or a migration;
     * with {@code force}, also the files changed since.
     *
     * @throws MigrationException when there is nothing to undo, or a file changed since and not {@code force}
     * @throws IllegalStateException when the command was called before
     */
    public RestoreResult undo(boolean force) throws MigrationException {
        guard.markCalled();
        return transaction().force(force).undo(root);
    }

    /**
     * Returns every secret of the project with its deliveries and services, and, when the
     * project is in a git repository, whether each value was committed on any ref.
     *
     * @throws IOException when the project or its repository cannot be read
     * @throws IllegalStateException when the command was called before
     */
    public SecretInventory list() throws IOException {
        guard.markCalled();
        RotationPlanner planner = planner();
        List<String> problems = new ArrayList<>();
        List<RotatableSecret> secrets = planner.secrets(problems);
        Optional<Path> workTree = workTree();
        if (workTree.isEmpty() || secrets.isEmpty()) {
            return new SecretInventory(secrets, workTree.isPresent(), problems);
        }
        Map<SecretName, SecretValue> values = planner.values();
        Map<SecretValue, ValueSighting> seen = new HistoryCommand().repository(workTree.get()).sightings(values.values());
        List<RotatableSecret> known = new ArrayList<>();
        for (RotatableSecret found : secrets) {
            Optional<ValueSighting> sighting = Optional.ofNullable(values.get(found.name())).map(seen::get);
            known.add(found.withCommitted(sighting.map(s -> new RotationChecklist.Exposure(s.commit(), s.inHead(), s.pushed()))));
        }
        return new SecretInventory(known, true, problems);
    }

    private Optional<Path> workTree() throws IOException {
        try (Repository repository = GitRepositories.openEnclosing(root)) {
            return Optional.ofNullable(repository.getWorkTree()).map(java.io.File::toPath);
        } catch (RepositoryNotFoundException e) {
            return Optional.empty();
        }
    }

    private RotationPlanner planner() {
        return new RotationPlanner(root, secretsDir);
    }

    private MigrationTransaction transaction() {
        return MigrationTransaction.create().secretsDir(secretsDir).onInterrupt(onInterrupt);
    }
}

package dev.hush.core.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Opens repositories without starting {@code git}. JGit finds the
 * system-wide configuration by running {@code git --version} and {@code git config --system
 * --show-origin --list} once per JVM, which costs a pre-commit hook more than the whole scan;
 * on POSIX systems the conventional {@code /etc/gitconfig} is named instead (an absent file
 * is an empty configuration), and {@code GIT_CONFIG_NOSYSTEM} is respected as git does.
 */
public final class GitRepositories {
    private static final File POSIX_SYSTEM_CONFIG = new File("/etc/gitconfig");
    private static final File NO_SYSTEM_CONFIG = new File("/dev/null/hush-no-system-gitconfig");
    private static volatile boolean systemConfigNamed;
    private static volatile FutureTask<Void> preparation;

    private GitRepositories() {
    }

    /**
     * Starts, on a background thread, the set-up JGit does once per JVM before its first repository
     * opens, so that a command line can be parsed meanwhile: in a fresh JVM it is a fifth of a
     * pre-commit scan (the system reader; the file-store attributes, whose shutdown hook is
     * {@link JGitCleanup}'s; the object checker). The next repository to open waits
     * for it first, so no two threads ever initialise JGit's classes at once. The two slow parts of
     * the JDK that the set-up meets, the default time zone and SHA-1's provider, run on threads of
     * their own beside it. A failure here is left for that opening to meet and report.
     */
    public static synchronized void prepare() {
        if (preparation != null) {
            return;
        }
        // Two parts of the JDK that the set-up meets one after the other, each on a thread of its own
        // meanwhile: FileSnapshot's formatter reads the default time zone (tzdb.dat, twice), and
        // Constants asks for SHA-1 (java.security's properties, the SUN provider). Only the JDK's
        // classes initialise on those threads, so JGit's are still initialised by one thread.
        warmUp("hush-time-zone", ZoneId::systemDefault);
        warmUp("hush-sha1", () -> MessageDigest.getInstance("SHA-1"));
        FutureTask<Void> task = new FutureTask<>(() -> {
            nameSystemConfig();
            SystemReader.getInstance();
            new FileBasedConfig(null, FS.DETECTED);
            new ObjectChecker();
            Constants.newMessageDigest();
            return null;
        });
        Thread thread = new Thread(task, "hush-git-setup");
        thread.setDaemon(true);
        preparation = task;
        thread.start();
    }

    /** Runs {@code part} on a daemon thread named {@code name}; what it throws is met again by whoever needs it. */
    private static void warmUp(String name, Callable<?> part) {
        Thread thread = new Thread(() -> {
            try {
                part.call();
            } catch (Exception | LinkageError e) {
                // JGit's set-up asks for the same and reports it.
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for what {@link #prepare()} started, if anything; what it threw is left for the caller to meet. */
    private static void awaitPreparation() {
        FutureTask<Void> task = preparation;
        if (task == null) {
            return;
        }
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // The opening that follows meets the same problem on its own thread and reports it.
        }
    }

    /**
     * Opens the repository whose work tree holds {@code folder}, honouring {@code GIT_DIR} and
     * {@code GIT_INDEX_FILE} as git sets them for hooks (a partial {@code git commit FILE}
     * stages into a temporary index that only that variable names).
     *
     * @throws RepositoryNotFoundException when no repository encloses {@code folder}
     */
    public static Repository openEnclosing(Path folder) throws IOException {
        awaitPreparation();
        nameSystemConfig();
        File start = folder.toAbsolutePath().normalize().toFile();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setFS(FS.DETECTED).readEnvironment();
        if (builder.getGitDir() == null) {
            builder.findGitDir(start);
        }
        if (builder.getGitDir() == null) {
            throw new RepositoryNotFoundException(start);
        }
        return readable(builder.setMustExist(true).build());
    }

    /**
     * Opens the repository at {@code path}: a work tree (whose {@code .git} is a folder or a
     * file naming one), a bare repository, or a {@code .git} folder itself.
     *
     * @throws RepositoryNotFoundException when {@code path} is none of these
     */
    public static Repository open(Path path) throws IOException {
        awaitPreparation();
        nameSystemConfig();
        File folder = path.toAbsolutePath().normalize().toFile();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setFS(FS.DETECTED).setMustExist(true);
        if (Files.exists(path.resolve(".git"))) {
            builder.setWorkTree(folder);
        } else if (RepositoryCache.FileKey.isGitRepository(folder, FS.DETECTED)) {
            builder.setGitDir(folder);
        } else {
            throw new RepositoryNotFoundException(folder);
        }
        return readable(builder.build());
    }

    /**
     * Returns {@code repository} when JGit can read its objects; closes it and throws when it
     * names its objects with SHA-256 ({@code git init --object-format=sha256}). JGit 7.8 opens
     * such a repository but reads every object id as SHA-1, so each ref would look like a
     * missing object and the index like garbage (eclipse-jgit/jgit#73 tracks SHA-256 support).
     *
     * @throws GitScanException naming the repository and what still works
     */
    private static Repository readable(Repository repository) {
        String format = repository.getConfig().getString("extensions", null, "objectFormat");
        if (format == null || format.equalsIgnoreCase("sha1")) {
            return repository;
        }
        File gitDir = repository.getDirectory();
        repository.close();
        throw new GitScanException(gitDir + ": this repository names its objects with "
                + format.toUpperCase(Locale.ROOT) + " (extensions.objectFormat), which JGit, the git library inside"
                + " hush, cannot read yet; history, --staged, --diff, hooks and --untrack need a SHA-1 repository"
                + " ('hush scan' of the files still works)");
    }

    /**
     * Returns the remote that a partial clone ({@code git clone --filter}) leaves its missing
     * objects on: the one named by {@code extensions.partialClone}, else the first remote with
     * {@code promisor = true}; nothing for a full clone. JGit cannot fetch those objects.
     */
    public static Optional<String> promisorRemote(Repository repository) {
        Config config = repository.getConfig();
        String named = config.getString("extensions", null, "partialClone");
        if (named != null && !named.isBlank()) {
            return Optional.of(named);
        }
        return config.getSubsections("remote").stream()
                .filter(remote -> config.getBoolean("remote", remote, "promisor", false)).sorted().findFirst();
    }

    /** Returns the work tree of {@code repository}, or nothing when it is bare. */
    public static Optional<Path> workTree(Repository repository) {
        return repository.isBare() ? Optional.empty() : Optional.of(repository.getWorkTree().toPath());
    }

    private static void nameSystemConfig() {
        JGitCleanup.install();
        if (systemConfigNamed || SystemReader.getInstance().isWindows()) {
            return;
        }
        // FS.DETECTED caches the location it discovers; naming it first means nothing is discovered.
        String noSystem = SystemReader.getInstance().getenv("GIT_CONFIG_NOSYSTEM");
        FS.DETECTED.setGitSystemConfig(noSystem != null && !noSystem.isEmpty() ? NO_SYSTEM_CONFIG : POSIX_SYSTEM_CONFIG);
        systemConfigNamed = true;
    }
}

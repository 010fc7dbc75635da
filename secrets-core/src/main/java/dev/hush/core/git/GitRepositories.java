package dev.hush.core.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
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

    private GitRepositories() {
    }

    /**
     * Opens the repository whose work tree holds {@code folder}, honouring {@code GIT_DIR} and
     * {@code GIT_INDEX_FILE} as git sets them for hooks (a partial {@code git commit FILE}
     * stages into a temporary index that only that variable names).
     *
     * @throws RepositoryNotFoundException when no repository encloses {@code folder}
     */
    public static Repository openEnclosing(Path folder) throws IOException {
        nameSystemConfig();
        File start = folder.toAbsolutePath().normalize().toFile();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setFS(FS.DETECTED).readEnvironment();
        if (builder.getGitDir() == null) {
            builder.findGitDir(start);
        }
        if (builder.getGitDir() == null) {
            throw new RepositoryNotFoundException(start);
        }
        return builder.setMustExist(true).build();
    }

    /**
     * Opens the repository at {@code path}: a work tree (whose {@code .git} is a folder or a
     * file naming one), a bare repository, or a {@code .git} folder itself.
     *
     * @throws RepositoryNotFoundException when {@code path} is none of these
     */
    public static Repository open(Path path) throws IOException {
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
        return builder.build();
    }

    /** Returns the work tree of {@code repository}, or nothing when it is bare. */
    public static Optional<Path> workTree(Repository repository) {
        return repository.isBare() ? Optional.empty() : Optional.of(repository.getWorkTree().toPath());
    }

    private static void nameSystemConfig() {
        if (systemConfigNamed || SystemReader.getInstance().isWindows()) {
            return;
        }
        // FS.DETECTED caches the location it discovers; naming it first means nothing is discovered.
        String noSystem = SystemReader.getInstance().getenv("GIT_CONFIG_NOSYSTEM");
        FS.DETECTED.setGitSystemConfig(noSystem != null && !noSystem.isEmpty() ? NO_SYSTEM_CONFIG : POSIX_SYSTEM_CONFIG);
        systemConfigNamed = true;
    }
}

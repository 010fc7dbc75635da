package dev.hush.core.scan;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Opens the repository around a folder without starting {@code git}. JGit finds the
 * system-wide configuration by running {@code git --version} and {@code git config --system
 * --show-origin --list} once per JVM, which costs a pre-commit hook more than the whole scan;
 * on POSIX systems the conventional {@code /etc/gitconfig} is named instead (an absent file
 * is an empty configuration), and {@code GIT_CONFIG_NOSYSTEM} is respected as git does.
 */
final class GitRepositories {
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
    static Repository open(Path folder) throws IOException {
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

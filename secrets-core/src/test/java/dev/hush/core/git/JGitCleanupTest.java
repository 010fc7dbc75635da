package dev.hush.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.internal.storage.file.LockFile;
import org.eclipse.jgit.internal.util.CleanupService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitCleanupTest {
    @TempDir
    Path folder;

    @Test
    void deletesALockFileLeftAtExitWithoutLoadingJGitsMessages() throws Exception {
        String output = exitHoldingALock("hush");

        assertThat(output).contains("installed true").doesNotContainPattern("\\bJGitText\\b");
    }

    @Test
    void leavesTheCleanUpToJGitWhenItsServiceIsMadeAlready() throws Exception {
        String output = exitHoldingALock("jgit-first");

        // JGit's own hook loads its messages: the check above would see them.
        assertThat(output).contains("installed false").containsPattern("\\bJGitText\\b");
    }

    /** Runs {@link #main} in a child JVM, which exits holding a lock on a file here; returns what it printed. */
    private String exitHoldingALock(String mode) throws Exception {
        String output = runChild(folder.resolve("config"), mode);
        assertThat(output).containsPattern("(?m)^locked$");
        assertThat(Files.exists(folder.resolve("config.lock"))).as("the lock file, deleted at exit").isFalse();
        return output;
    }

    private static String runChild(Path ref, String mode) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xlog:class+load=info:stdout", "-cp",
                System.getProperty("java.class.path"), JGitCleanupTest.class.getName(), ref.toString(), mode)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** Takes a lock and exits holding it, as a command interrupted mid-write would; JGit's listener removes it. */
    public static void main(String[] args) throws Exception {
        if (args[1].equals("jgit-first")) {
            CleanupService.getInstance();
        }
        System.out.println("installed " + JGitCleanup.install());
        LockFile lock = new LockFile(new File(args[0]));
        System.out.println(lock.lock() ? "locked" : "not locked");
        System.exit(0);
    }
}

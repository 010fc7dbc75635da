package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitScanIT {
    @TempDir
    Path repo;

    private static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setSign(false)
                .setAuthor("Test", "test@example.com").setCommitter("Test", "test@example.com").call();
    }

    @Test
    void stagedScanCatchesASecretStagedThenRemovedFromTheWorkTree() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            Files.writeString(repo.resolve("Dockerfile"), "FROM alpine\nENV ADMIN_PASSWORD=hushTest-admin-93b1f0\n");
            git.add().addFilepattern("Dockerfile").call();
            Files.delete(repo.resolve("Dockerfile"));
        }
        ProcessRun.Result result = HushProcess.run(repo, "scan", "--staged");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out()).contains("Dockerfile").contains("ADMIN_PASSWORD").doesNotContain("hushTest-admin-93b1f0");
        assertThat(HushProcess.run(repo, "scan", ".").exitCode()).isZero();
    }

    @Test
    void diffScansOnlyFilesChangedSinceTheRevision() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("old.env"), "DB_PASSWORD=hushTest-Pg-9c41e7aa02\n");
            commit(git, "old secret, accepted long ago");
            git.branchCreate().setName("base").call();
            Files.writeString(repo.resolve("new.env"), "API_TOKEN=hushTest-token-51d0c2\n");
            commit(git, "new secret");
        }
        ProcessRun.Result result = HushProcess.run(repo, "scan", "--diff", "base", "--format", "json");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out()).contains("new.env").doesNotContain("old.env");
        assertThat(HushProcess.run(repo, "scan", "--diff", "HEAD").exitCode()).isZero();
    }

    @Test
    void namesAnUnknownRevisionInOneLine() throws Exception {
        Git.init().setDirectory(repo.toFile()).call().close();
        ProcessRun.Result result = HushProcess.run(repo, "scan", "--diff", "origin/main");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("hush: origin/main: unknown revision");
    }

    @Test
    void theHookLineSaysWhatTheParsedCommandSays(@TempDir Path outside) throws Exception {
        // "scan --staged" exactly skips picocli; with the folder named, picocli parses it: same output, same exit code.
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            Files.writeString(repo.resolve("README.md"), "# clean\n");
            git.add().addFilepattern("README.md").call();
            assertSame(repo, 0);
            Files.writeString(repo.resolve(".env"), "DB_PASSWORD=hushTest-Pg-7d20b4e1\n");
            git.add().addFilepattern(".env").call();
            assertSame(repo, 1);
        }
        assertSame(outside, 2);
    }

    private static void assertSame(Path folder, int exitCode) throws Exception {
        ProcessRun.Result hook = HushProcess.run(folder, "scan", "--staged");
        ProcessRun.Result parsed = HushProcess.run(folder, "scan", "--staged", ".");
        assertThat(hook.exitCode()).as(hook.all()).isEqualTo(exitCode).isEqualTo(parsed.exitCode());
        // The text report ends with the time the scan took.
        assertThat(hook.out().replaceAll("\\d+ ms", "N ms")).isEqualTo(parsed.out().replaceAll("\\d+ ms", "N ms"));
        assertThat(hook.err()).isEqualTo(parsed.err());
        assertThat(hook.out()).doesNotContain("hushTest-Pg-7d20b4e1");
    }
}

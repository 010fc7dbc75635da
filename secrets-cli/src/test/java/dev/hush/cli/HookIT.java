package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookIT {
    private static final String VALUE = "hushTest-Pg-9c41e7aa02";

    @TempDir
    Path repo;

    /** Runs a hook as git would, from the top of the work tree, and returns its exit code and output. */
    private static ProcessRun.Result runHook(Path repo, String hook) throws Exception {
        Path out = Files.createTempFile("hook-out", ".txt");
        Process process = new ProcessBuilder("bash", ".git/hooks/" + hook).directory(repo.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new ProcessRun.Result(process.exitValue(), text, "");
    }

    @Test
    void preCommitHookFailsOnAStagedSecretWithoutPrintingItAndPassesOnceItIsUnstaged() throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            ProcessRun.Result install = HushProcess.run(repo, "hook", "install");
            assertThat(install.exitCode()).as(install.all()).isZero();
            assertThat(install.out()).contains("installed").contains("pre-commit");

            Files.writeString(repo.resolve("app.env"), "DB_PASSWORD=" + VALUE + "\n");
            git.add().addFilepattern("app.env").call();
            // Edited away in the work tree: the hook must still see what is staged.
            Files.writeString(repo.resolve("app.env"), "DB_PASSWORD=${DB_PASSWORD}\n");

            ProcessRun.Result blocked = runHook(repo, "pre-commit");
            assertThat(blocked.exitCode()).as(blocked.out()).isEqualTo(1);
            assertThat(blocked.out()).contains("app.env").contains("dotenv-secret").doesNotContain(VALUE);

            git.rm().setCached(true).addFilepattern("app.env").call();
            ProcessRun.Result passed = runHook(repo, "pre-commit");
            assertThat(passed.exitCode()).as(passed.out()).isZero();
        }
    }

    @Test
    void chainedHookRunsFirstAndItsFailureStopsTheCommitWithItsExitCode() throws Exception {
        Git.init().setDirectory(repo.toFile()).call().close();
        Path hooks = Files.createDirectories(repo.resolve(".git/hooks"));
        Files.writeString(hooks.resolve("pre-commit"), "#!/bin/sh\necho team-check-ran\nexit 7\n");
        hooks.resolve("pre-commit").toFile().setExecutable(true);

        assertThat(HushProcess.run(repo, "hook", "install").out()).contains("pre-commit.hush-chained");
        ProcessRun.Result result = runHook(repo, "pre-commit");
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.out()).contains("team-check-ran");

        assertThat(HushProcess.run(repo, "hook", "uninstall").out()).contains("restored");
        assertThat(Files.readString(hooks.resolve("pre-commit"))).isEqualTo("#!/bin/sh\necho team-check-ran\nexit 7\n");
    }

    @Test
    void refusesOutsideARepositoryWithOneLine() throws Exception {
        ProcessRun.Result result = HushProcess.run(repo, "hook", "install");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("hush: ").contains("not inside a git repository").doesNotContain("\n");
    }

    @Test
    void buildShipsCompletionScripts() throws Exception {
        Path folder = HushProcess.jar().resolveSibling("completion");
        assertThat(Files.readString(folder.resolve("hush.bash"))).contains("_complete_hush").contains("scan");
        assertThat(Files.readString(folder.resolve("hush.zsh"))).contains("bashcompinit").contains("scan");
    }
}

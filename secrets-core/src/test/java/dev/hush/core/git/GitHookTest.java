package dev.hush.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.Hush;
import dev.hush.core.git.GitHook.Kind;
import dev.hush.core.git.GitHook.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHookTest {
    private static final String LAUNCHER = "'/opt/hush/bin/hush'";
    private static final String FOREIGN_HOOK = "#!/bin/sh\n# the team's own checks\nexit 0\n";

    @TempDir
    Path root;

    private Path hooks;

    @BeforeEach
    void initRepository() throws Exception {
        Git.init().setDirectory(root.toFile()).call().close();
        hooks = root.resolve(".git/hooks");
    }

    @Test
    void writesAnExecutablePreCommitHookThatRunsTheStagedScan() throws Exception {
        GitHook.Result result = Hush.hook(Kind.PRE_COMMIT).root(root).install(LAUNCHER);
        Path hook = hooks.resolve("pre-commit");
        assertThat(result).isEqualTo(new GitHook.Result(Outcome.INSTALLED, hook));
        assertThat(Files.readString(hook)).startsWith("#!/bin/sh\n").contains("exec '/opt/hush/bin/hush' scan --staged\n");
        assertThat(Files.isExecutable(hook)).isTrue();
    }

    @Test
    void writesAPrePushHookThatScansThePushedRange() throws Exception {
        Hush.hook(Kind.PRE_PUSH).root(root).install(LAUNCHER);
        assertThat(Files.readString(hooks.resolve("pre-push")))
                .contains("'/opt/hush/bin/hush' scan --diff \"$remote_id..$local_id\"");
        assertThat(hooks.resolve("pre-commit")).doesNotExist();
    }

    @Test
    void chainsAnExistingHookAndRestoresItExactlyOnUninstall() throws Exception {
        Path hook = hooks.resolve("pre-commit");
        Files.createDirectories(hooks);
        Files.writeString(hook, FOREIGN_HOOK);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-x---"));

        assertThat(Hush.hook(Kind.PRE_COMMIT).root(root).install(LAUNCHER).outcome()).isEqualTo(Outcome.CHAINED);
        Path chained = hooks.resolve("pre-commit.hush-chained");
        assertThat(Files.readString(chained)).isEqualTo(FOREIGN_HOOK);
        assertThat(Files.readString(hook)).contains("pre-commit.hush-chained").contains("|| exit $?");

        assertThat(Hush.hook(Kind.PRE_COMMIT).root(root).uninstall().outcome()).isEqualTo(Outcome.RESTORED);
        assertThat(Files.readString(hook)).isEqualTo(FOREIGN_HOOK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hook))).isEqualTo("rwxr-x---");
        assertThat(chained).doesNotExist();
    }

    @Test
    void installingTwiceKeepsOneHookAndOneChainedHook() throws Exception {
        Files.createDirectories(hooks);
        Files.writeString(hooks.resolve("pre-commit"), FOREIGN_HOOK);
        Hush.hook(Kind.PRE_COMMIT).root(root).install(LAUNCHER);
        String first = Files.readString(hooks.resolve("pre-commit"));

        assertThat(Hush.hook(Kind.PRE_COMMIT).root(root).install(LAUNCHER).outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(Files.readString(hooks.resolve("pre-commit"))).isEqualTo(first);
        assertThat(Files.readString(hooks.resolve("pre-commit.hush-chained"))).isEqualTo(FOREIGN_HOOK);
        try (var files = Files.list(hooks)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pre-commit")))
                    .containsExactlyInAnyOrder("pre-commit", "pre-commit.hush-chained");
        }
    }

    @Test
    void refusesToOverwriteWhenAForeignHookAndAChainedHookBothExist() throws Exception {
        Files.createDirectories(hooks);
        Files.writeString(hooks.resolve("pre-commit"), FOREIGN_HOOK);
        Files.writeString(hooks.resolve("pre-commit.hush-chained"), "#!/bin/sh\nexit 3\n");
        assertThatThrownBy(() -> Hush.hook(Kind.PRE_COMMIT).root(root).install(LAUNCHER))
                .isInstanceOf(GitScanException.class).hasMessageContaining("both exist");
        assertThat(Files.readString(hooks.resolve("pre-commit"))).isEqualTo(FOREIGN_HOOK);
    }

    @Test
    void uninstallLeavesAForeignHookAlone() throws Exception {
        Files.createDirectories(hooks);
        Files.writeString(hooks.resolve("pre-commit"), FOREIGN_HOOK);
        assertThat(Hush.hook(Kind.PRE_COMMIT).root(root).uninstall().outcome()).isEqualTo(Outcome.NOT_INSTALLED);
        assertThat(Files.readString(hooks.resolve("pre-commit"))).isEqualTo(FOREIGN_HOOK);
    }

    @Test
    void uninstallRemovesAHookThatChainedNothing() throws Exception {
        Hush.hook(Kind.PRE_COMMIT).root(root).install(LAUNCHER);
        assertThat(Hush.hook(Kind.PRE_COMMIT).root(root).uninstall().outcome()).isEqualTo(Outcome.REMOVED);
        assertThat(hooks.resolve("pre-commit")).doesNotExist();
    }

    @Test
    void installsIntoCoreHooksPathRelativeToTheWorkTree() throws Exception {
        try (Git git = Git.open(root.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("core", null, "hooksPath", ".githooks");
            config.save();
        }
        GitHook.Result result = Hush.hook(Kind.PRE_COMMIT).root(root.resolve(".")).install(LAUNCHER);
        assertThat(result.hook()).isEqualTo(root.resolve(".githooks/pre-commit"));
        assertThat(hooks.resolve("pre-commit")).doesNotExist();
    }

    @Test
    void installsIntoTheCommonHooksFolderFromALinkedWorktree() throws Exception {
        try (Git git = Git.open(root.toFile())) {
            Files.writeString(root.resolve("README"), "hello\n");
            git.add().addFilepattern("README").call();
            git.commit().setMessage("first").setSign(false)
                    .setAuthor("Test", "test@example.com").setCommitter("Test", "test@example.com").call();
        }
        // What 'git worktree add ../linked' leaves: a .git file, and a private folder naming the common one.
        Path linked = root.resolveSibling(root.getFileName() + "-linked");
        Path admin = root.resolve(".git/worktrees/linked");
        Files.createDirectories(admin);
        Files.createDirectories(linked);
        Files.writeString(admin.resolve("commondir"), "../..\n");
        Files.writeString(admin.resolve("gitdir"), linked.resolve(".git") + "\n");
        Files.writeString(admin.resolve("HEAD"), "ref: refs/heads/master\n");
        Files.writeString(linked.resolve(".git"), "gitdir: " + admin + "\n");
        try {
            GitHook.Result result = Hush.hook(Kind.PRE_COMMIT).root(linked).install(LAUNCHER);
            assertThat(result.hook()).isEqualTo(hooks.resolve("pre-commit"));
            assertThat(hooks.resolve("pre-commit")).exists();
        } finally {
            Files.delete(linked.resolve(".git"));
            Files.delete(linked);
        }
    }

    @Test
    void refusesAFolderOutsideGit(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> Hush.hook(Kind.PRE_COMMIT).root(elsewhere).install(LAUNCHER))
                .isInstanceOf(GitScanException.class).hasMessageContaining("not inside a git repository");
    }
}

package dev.hush.core.scan;

import dev.hush.core.git.GitScanException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.Hush;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitScanCommandTest {
    private static final String STAGED_SECRET = "DB_PASSWORD=hushTest-Pg-9c41e7aa02\n";
    private static final String OTHER_SECRET = "API_TOKEN=hushTest-token-51d0c2\n";
    private static final String NO_SECRET = "DB_PASSWORD=${DB_PASSWORD}\n";

    @TempDir
    Path root;

    private static RevCommit commit(Git git, String message) throws Exception {
        return git.commit().setMessage(message).setSign(false)
                .setAuthor("Test", "test@example.com").setCommitter("Test", "test@example.com").call();
    }

    private void write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Returns the files with a secret finding; a staged dotenv file also gets a dotenv-tracked one. */
    private static List<String> paths(ScanReport report) {
        return secrets(report).stream().map(f -> f.location().path()).distinct().toList();
    }

    private static List<Finding> secrets(ScanReport report) {
        return report.findings().stream().filter(f -> f.ruleId().equals("dotenv-secret")).toList();
    }

    @Test
    void refusesASecondCallOfTheSameCommand() throws Exception {
        Git.init().setDirectory(root.toFile()).call().close();
        GitScanCommand staged = Hush.stagedScan().root(root);
        staged.call();
        assertThatThrownBy(staged::call).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GitScanCommand.call() was already called");
    }

    @Test
    void catchesASecretThatWasStagedThenEditedAwayInTheWorkTree() throws Exception {
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            write("app.env", STAGED_SECRET);
            git.add().addFilepattern("app.env").call();
            write("app.env", NO_SECRET);
        }
        ScanReport report = Hush.stagedScan().root(root).call();
        assertThat(secrets(report)).extracting(f -> f.location().path()).containsExactly("app.env");
        // The work-tree scan sees the edited file, so the two scans really read different content.
        assertThat(Hush.scan().root(root).call().findings()).isEmpty();
    }

    @Test
    void ignoresASecretOnlyInTheWorkTree() throws Exception {
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            write("app.env", NO_SECRET);
            git.add().addFilepattern("app.env").call();
            write("app.env", STAGED_SECRET);
        }
        assertThat(Hush.stagedScan().root(root).call().findings()).isEmpty();
    }

    @Test
    void readsOnlyFilesThatDifferFromHead() throws Exception {
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            write("committed.env", STAGED_SECRET);
            git.add().addFilepattern(".").call();
            commit(git, "first");
            write("new.env", OTHER_SECRET);
            write("clean.env", NO_SECRET);
            git.add().addFilepattern(".").call();
        }
        ScanReport report = Hush.stagedScan().root(root).call();
        assertThat(paths(report)).containsExactly("new.env");
        assertThat(report.stats().files()).isEqualTo(2);
    }

    @Test
    void leavesOutStagedAndCommittedVendoredFoldersUnlessAsked() throws Exception {
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            write("app/vendor/github.com/acme/db/fixture.env", STAGED_SECRET);
            write("app/node_modules/pad/test.env", STAGED_SECRET);
            write("app/app.env", OTHER_SECRET);
            git.add().addFilepattern(".").call();
            ScanReport staged = Hush.stagedScan().root(root.resolve("app")).call();
            assertThat(paths(staged)).containsExactly("app.env");
            assertThat(staged.skipped()).extracting(s -> s.path())
                    .containsExactly("node_modules/", "vendor/github.com/");
            assertThat(paths(Hush.stagedScan().root(root.resolve("app")).includeVendored().call()))
                    .containsExactlyInAnyOrder("app.env", "node_modules/pad/test.env", "vendor/github.com/acme/db/fixture.env");

            RevCommit first = commit(git, "vendored");
            ScanReport emptyTreeRange = Hush.diffScan(".." + first.name()).root(root).call();
            assertThat(paths(emptyTreeRange)).containsExactly("app/app.env");
            assertThat(emptyTreeRange.skipped()).extracting(s -> s.path())
                    .containsExactly("app/node_modules/", "app/vendor/github.com/");
        }
    }

    @Test
    void reportsPathsRelativeToASubfolderAndReadsOnlyUnderIt() throws Exception {
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            write("app/app.env", STAGED_SECRET);
            write("other/app.env", OTHER_SECRET);
            git.add().addFilepattern(".").call();
        }
        assertThat(paths(Hush.stagedScan().root(root.resolve("app")).call())).containsExactly("app.env");
    }

    @Test
    void diffScansOnlyFilesChangedSinceTheRevisionFromTheWorkTree() throws Exception {
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            write("old.env", STAGED_SECRET);
            git.add().addFilepattern(".").call();
            commit(git, "first");
            write("changed.env", OTHER_SECRET);
            git.add().addFilepattern(".").call();
            commit(git, "second");
            write("edited.env", NO_SECRET);
            git.add().addFilepattern(".").call();
            commit(git, "third");
            write("edited.env", "SESSION_SECRET=hushTest-session-7d2e\n");
            write("untracked.env", OTHER_SECRET);
        }
        ScanReport report = Hush.diffScan("HEAD~2").root(root).call();
        assertThat(paths(report)).containsExactly("changed.env", "edited.env");
    }

    @Test
    void diffOfARangeScansTheCommitsInItAndNamesEachCommit() throws Exception {
        RevCommit base;
        RevCommit leak;
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            write("old.env", STAGED_SECRET);
            git.add().addFilepattern(".").call();
            base = commit(git, "first");
            write("leak.env", OTHER_SECRET);
            git.add().addFilepattern(".").call();
            leak = commit(git, "leak");
            // Removed again before the push: the secret is still in the pushed history.
            git.rm().addFilepattern("leak.env").call();
            commit(git, "remove");
        }
        ScanReport report = Hush.diffScan(base.name() + "..HEAD").root(root).call();
        assertThat(secrets(report)).hasSize(1);
        Finding finding = secrets(report).get(0);
        assertThat(finding.location().path()).isEqualTo("leak.env");
        assertThat(finding.location().commit()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(leak.name()));
    }

    @Test
    void namesAnUnknownRevision() throws Exception {
        Git.init().setDirectory(root.toFile()).call().close();
        assertThatThrownBy(() -> Hush.diffScan("no-such-branch").root(root).call())
                .isInstanceOf(GitScanException.class).hasMessageStartingWith("no-such-branch: unknown revision");
    }

    @Test
    void saysARevisionBeyondAShallowCloneNeedsMoreHistory() throws Exception {
        Path origin = root.resolve("origin");
        try (Git git = Git.init().setDirectory(origin.toFile()).call()) {
            Files.writeString(origin.resolve("app.env"), NO_SECRET);
            git.add().addFilepattern(".").call();
            commit(git, "first");
            Files.writeString(origin.resolve("app.env"), STAGED_SECRET);
            git.add().addFilepattern(".").call();
            commit(git, "second");
        }
        Path clone = root.resolve("clone");
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).setDepth(1).call().close();

        assertThatThrownBy(() -> Hush.diffScan("HEAD~1").root(clone).call()).isInstanceOf(GitScanException.class)
                .hasMessageStartingWith("HEAD~1: unknown revision in this shallow clone").hasMessageContaining("--deepen");
    }

    @Test
    void saysARepositoryWithoutCommitsHasNoHeadToDiffAgainst() throws Exception {
        Git.init().setDirectory(root.toFile()).call().close();
        assertThatThrownBy(() -> Hush.diffScan("HEAD").root(root).call()).isInstanceOf(GitScanException.class)
                .hasMessage("HEAD: the repository has no commit yet; use --staged before the first commit");
    }

    @Test
    void refusesAStagedScanOfABareRepositoryNamingIt() throws Exception {
        Git.init().setBare(true).setDirectory(root.toFile()).call().close();
        assertThatThrownBy(() -> Hush.stagedScan().root(root).call()).isInstanceOf(GitScanException.class)
                .hasMessageStartingWith(root.toString()).hasMessageContaining("bare repository has nothing staged");
    }

    @Test
    void refusesAFolderOutsideGit() {
        assertThatThrownBy(() -> Hush.stagedScan().root(root).call())
                .isInstanceOf(GitScanException.class).hasMessageContaining("not inside a git work tree");
    }
}

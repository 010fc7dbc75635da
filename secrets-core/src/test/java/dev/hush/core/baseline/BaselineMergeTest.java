package dev.hush.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.model.ScanReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineMergeTest {
    @TempDir
    Path root;

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setSign(false)
                .setAuthor("Test", "test@example.com").setCommitter("Test", "test@example.com").call();
    }

    /** Regenerates the baseline as 'hush baseline' does: scan, then accept with the committed salt. */
    private void regenerate() throws Exception {
        Path file = root.resolve(".hush-baseline");
        ScanReport report = Hush.scan().root(root).call();
        Baseline previous = Files.isRegularFile(file) ? Baseline.read(file) : Baseline.create();
        previous.accepting(report.findings()).write(file);
        Baseline.declareUnionMerge(file);
    }

    /** Adds {@code path} with a secret on a new branch from main, then regenerates the baseline. */
    private RevCommit acceptOnBranch(Git git, String branch, String path, String line) throws Exception {
        git.checkout().setName("main").call();
        git.checkout().setCreateBranch(true).setName(branch).call();
        Files.writeString(root.resolve(path), line);
        commit(git, "add " + path);
        regenerate();
        return commit(git, branch + " accepts " + path);
    }

    @Test
    void twoBranchesAcceptingDifferentFindingsMergeWithoutConflict() throws Exception {
        try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
            Files.writeString(root.resolve("b.env"), "DB_PASSWORD=hushTest-Pg-9c41e7aa02\n");
            commit(git, "b.env");
            regenerate();
            commit(git, "baseline");
            // Each branch adds a 'dotenv-secret' entry and a 'dotenv-tracked' one; c.env's and a.env's
            // tracked entries land on both sides of b.env's, and the secret entries between them.
            acceptOnBranch(git, "left", "a.env", "API_TOKEN=hushTest-token-51d0c2\n");
            RevCommit right = acceptOnBranch(git, "right", "c.env", "SESSION_SECRET=hushTest-session-7d2e\n");

            git.checkout().setName("left").call();
            MergeResult merge = git.merge().include(right).setMessage("merge right").call();

            assertThat(merge.getMergeStatus().isSuccessful()).as(String.valueOf(merge.getConflicts())).isTrue();
            Baseline merged = Baseline.read(root.resolve(".hush-baseline"));
            assertThat(merged.size()).isEqualTo(6);
            ScanReport rescan = Hush.scan().root(root).baseline(merged).call();
            assertThat(rescan.findings()).isEmpty();
            assertThat(rescan.staleBaselineEntries()).isEmpty();
        }
    }

    @Test
    void declaresTheUnionMergeOnceAndKeepsOtherAttributes() throws Exception {
        Path attributes = root.resolve(".gitattributes");
        Files.writeString(attributes, "*.sh text eol=lf\n");
        assertThat(Baseline.declareUnionMerge(root.resolve(".hush-baseline"))).isTrue();
        assertThat(Baseline.declareUnionMerge(root.resolve(".hush-baseline"))).isFalse();
        assertThat(Files.readString(attributes)).isEqualTo("*.sh text eol=lf\n/.hush-baseline merge=union\n");
    }
}

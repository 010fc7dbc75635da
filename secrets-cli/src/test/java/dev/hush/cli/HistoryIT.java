package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryIT {
    private static final String PASSWORD = "hushTest-Pg-9c41e7aa02";

    @TempDir
    Path tmp;

    private Path repo;
    private RevCommit introduced;

    /** A repository whose second commit adds an inline password and whose third removes it. */
    @BeforeEach
    void commitAndRemoveASecret() throws Exception {
        repo = tmp.resolve("repo");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("README.md"), "# app\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("start").setAuthor("Dev", "dev@example.test").setSign(false).call();
            Files.writeString(repo.resolve("compose.yaml"),
                    "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: " + PASSWORD + "\n");
            git.add().addFilepattern(".").call();
            introduced = git.commit().setMessage("add db").setAuthor("Dev", "dev@example.test").setSign(false).call();
            Files.writeString(repo.resolve("compose.yaml"), "services:\n  db:\n    image: postgres\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("remove the password").setAuthor("Dev", "dev@example.test").setSign(false).call();
        }
    }

    @Test
    void reportsASecretRemovedFromHeadWithItsIntroducingCommit() throws Exception {
        ProcessRun.Result result = HushProcess.run(repo, "history", "--format", "json");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out()).contains("\"commit\": {").contains(introduced.getName())
                .contains("\"inHead\": false").contains("\"pushed\": false");
        assertThat(result.all()).doesNotContain(PASSWORD);
    }

    @Test
    void printsATextReportWithoutTheValue() throws Exception {
        ProcessRun.Result result = HushProcess.run(repo, "history");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("compose.yaml").contains(introduced.getName().substring(0, 12));
        assertThat(result.all()).doesNotContain(PASSWORD);
    }

    @Test
    void writesAPurgePlanOutsideTheWorkTreeWithMode0600() throws Exception {
        Path plan = tmp.resolve("repo-purge-replacements.txt");
        ProcessRun.Result result = HushProcess.run(repo, "history", "--purge-plan", plan.toString());
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(Files.readString(plan)).contains(PASSWORD + "==>***REMOVED***");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plan))).isEqualTo("rw-------");
        assertThat(result.err()).contains("git filter-repo").doesNotContain(PASSWORD);
    }

    @Test
    void refusesToWriteThePurgePlanInsideTheWorkTree() throws Exception {
        ProcessRun.Result result = HushProcess.run(repo, "history", "--purge-plan", "plan.txt");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("hush: ");
        assertThat(repo.resolve("plan.txt")).doesNotExist();
    }

    @Test
    void saysWhenThePathIsNotARepository() throws Exception {
        ProcessRun.Result result = HushProcess.run(tmp, "history", tmp.resolve("nothing-here").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not a git repository");
    }

    @Test
    void doesNotCallAHistoryCleanWhenItCouldNotReadIt() throws Exception {
        Path clean = tmp.resolve("clean");
        RevCommit head;
        try (Git git = Git.init().setDirectory(clean.toFile()).setInitialBranch("main").call()) {
            Files.writeString(clean.resolve("README.md"), "# nothing secret here\n");
            git.add().addFilepattern(".").call();
            head = git.commit().setMessage("start").setAuthor("Dev", "dev@example.test").setSign(false).call();
        }
        assertThat(HushProcess.run(clean, "history").exitCode()).isZero();
        String id = head.getName();
        Files.delete(clean.resolve(".git/objects/" + id.substring(0, 2) + "/" + id.substring(2)));

        ProcessRun.Result result = HushProcess.run(clean, "history");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("partial");
    }
}

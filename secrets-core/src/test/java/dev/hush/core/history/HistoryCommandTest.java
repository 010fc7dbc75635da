package dev.hush.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.Hush;
import dev.hush.core.baseline.Baseline;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Location;
import dev.hush.core.model.ScanError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest {
    @TempDir
    Path temp;

    private final GitFixture.FakeAnalyzer analyzer = new GitFixture.FakeAnalyzer();

    private HistoryReport scan(Path repository) throws IOException {
        return Hush.history().repository(repository).config(HushConfig.defaults()).analyzer(analyzer).call();
    }

    private static HistoryFinding only(HistoryReport report) {
        assertThat(report.findings()).hasSize(1);
        return report.findings().get(0);
    }

    private static String commitOf(HistoryFinding finding) {
        return finding.finding().location().commit().orElseThrow().id();
    }

    @Test
    void refusesASecondCallOfTheSameCommand() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("README.md", "hello\n").commit("start");
            HistoryCommand history = Hush.history().repository(repo.workTree).config(HushConfig.defaults()).analyzer(analyzer);
            history.call();
            assertThatThrownBy(history::call).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HistoryCommand.call() was already called");
        }
    }

    @Test
    void findsASecretAddedThenRemovedAtTheCommitThatIntroducedIt() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("README.md", "hello\n").commit("start");
            RevCommit added = repo.write("app/config.yml", "user: app\ntoken: FAKE_SECRET_ADDED1\n").commit("add config");
            repo.write("app/config.yml", "user: app\n").commit("remove the token");

            HistoryFinding finding = only(scan(repo.workTree));

            assertThat(commitOf(finding)).isEqualTo(added.name());
            assertThat(finding.finding().location().path()).isEqualTo("app/config.yml");
            assertThat(finding.finding().location().line()).isEqualTo(2);
            assertThat(finding.finding().location().column()).isEqualTo(8);
            assertThat(finding.finding().location().commit().orElseThrow().author()).isEqualTo("Ada Lovelace");
            assertThat(finding.finding().location().commit().orElseThrow().date())
                    .isEqualTo(GitFixture.EPOCH.plusSeconds(7200));
            assertThat(finding.inHead()).isFalse();
            assertThat(finding.pushed()).isFalse();
            assertThat(finding.occurrences()).isEqualTo(1);
        }
    }

    @Test
    void reportsTheSameSecretInManyCommitsBranchesAndFilesOnce() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            RevCommit first = repo.write("a.env", "KEY=FAKE_SECRET_SAME\n").commit("one");
            for (int i = 0; i < 5; i++) {
                repo.write("a.env", "KEY=FAKE_SECRET_SAME\nN=" + i + "\n").commit("edit " + i);
            }
            repo.git.checkout().setCreateBranch(true).setName("feature").call();
            repo.write("copy/b.env", "OTHER=FAKE_SECRET_SAME\n").commit("copy it");
            repo.git.checkout().setName("main").call();

            HistoryFinding finding = only(scan(repo.workTree));

            assertThat(commitOf(finding)).isEqualTo(first.name());
            assertThat(finding.occurrences()).isEqualTo(7);
            assertThat(finding.otherPlaces()).hasSize(5);
            assertThat(finding.otherPlaces()).extracting(Location::path).containsOnly("a.env");
            assertThat(finding.inHead()).isTrue();
        }
    }

    @Test
    void leavesOutVendoredFoldersAndListsThemUnlessTheSettingsScanThem() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("app/config.yml", "token: FAKE_SECRET_OWN\n")
                    .write("vendor/github.com/acme/db/fixture.yml", "token: FAKE_SECRET_VENDORED\n").commit("vendor");
            repo.write("web/node_modules/pad/test.yml", "token: FAKE_SECRET_NPM\n").commit("npm");

            HistoryReport report = scan(repo.workTree);
            assertThat(report.findings()).extracting(f -> f.finding().location().path()).containsExactly("app/config.yml");
            assertThat(report.skipped()).extracting(s -> s.path())
                    .containsExactly("vendor/github.com/", "web/node_modules/");
            assertThat(report.toScanReport().skipped()).hasSize(2);

            HistoryReport all = Hush.history().repository(repo.workTree).config(HushConfig.defaults().withVendoredScanned())
                    .analyzer(new GitFixture.FakeAnalyzer()).call();
            assertThat(all.findings()).hasSize(3);
            assertThat(all.skipped()).isEmpty();
        }
    }

    @Test
    void readsEachDistinctBlobOnceAtTheFirstPathItAppearedAt() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("first.txt", "same content\n").commit("one");
            repo.write("second.txt", "same content\n").commit("two");
            repo.git.checkout().setCreateBranch(true).setName("other").call();
            repo.write("third.txt", "same content\n").commit("three");

            HistoryReport report = scan(repo.workTree);

            assertThat(analyzer.paths).containsExactly("first.txt");
            assertThat(report.stats().blobsScanned()).isEqualTo(1);
            assertThat(report.stats().commitsWalked()).isEqualTo(3);
        }
    }

    @Test
    void findsASecretOnlyOnAnUnmergedBranch() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("README.md", "hello\n").commit("start");
            repo.git.checkout().setCreateBranch(true).setName("wip").call();
            RevCommit wip = repo.write("notes.txt", "FAKE_SECRET_BRANCH\n").commit("wip");
            repo.git.checkout().setName("main").call();
            repo.write("README.md", "hello again\n").commit("more");

            HistoryFinding finding = only(scan(repo.workTree));

            assertThat(commitOf(finding)).isEqualTo(wip.name());
            assertThat(finding.inHead()).isFalse();
        }
    }

    @Test
    void findsASecretOnlyInATag() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("README.md", "hello\n").commit("start");
            repo.git.checkout().setCreateBranch(true).setName("release").call();
            RevCommit tagged = repo.write("deploy.sh", "export T=FAKE_SECRET_TAGGED\n").commit("release");
            repo.git.tag().setName("v1.0").setAnnotated(true).setMessage("v1").setTagger(repo.nextPerson()).call();
            repo.git.checkout().setName("main").call();
            repo.git.branchDelete().setBranchNames("release").setForce(true).call();

            HistoryFinding finding = only(scan(repo.workTree));

            assertThat(commitOf(finding)).isEqualTo(tagged.name());
        }
    }

    @Test
    void findsSecretsOnlyInTheStashIndexAndUntrackedFiles() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("app.conf", "x=1\n").commit("start");
            repo.write("app.conf", "x=1\ny=FAKE_SECRET_STAGED\n");
            repo.git.add().addFilepattern("app.conf").call();
            repo.write("scratch.txt", "FAKE_SECRET_UNTRACKED\n");
            RevCommit stash = repo.git.stashCreate().setPerson(repo.nextPerson()).setIncludeUntracked(true).call();

            HistoryReport report = scan(repo.workTree);

            assertThat(report.findings()).extracting(f -> f.finding().secret().orElseThrow().reveal())
                    .containsExactlyInAnyOrder("FAKE_SECRET_STAGED", "FAKE_SECRET_UNTRACKED");
            assertThat(report.findings()).allMatch(f -> !f.inHead());
            // The untracked files live in the stash's third parent, the staged ones in its second.
            assertThat(report.findings()).extracting(HistoryCommandTest::commitOf)
                    .contains(stash.getParent(2).name());
        }
    }

    @Test
    void findsASecretInAnOlderStashThatOnlyTheReflogKeeps() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("app.conf", "x=1\n").commit("start");
            repo.write("app.conf", "x=FAKE_SECRET_OLDSTASH\n");
            repo.git.stashCreate().setPerson(repo.nextPerson()).call();
            repo.write("app.conf", "x=2\n");
            repo.git.stashCreate().setPerson(repo.nextPerson()).call();

            HistoryFinding finding = only(scan(repo.workTree));

            assertThat(finding.finding().secret().orElseThrow().reveal()).isEqualTo("FAKE_SECRET_OLDSTASH");
        }
    }

    @Test
    void marksWhatARemoteTrackingRefReachesAsPushedAndSortsItFirst() throws Exception {
        Path remote = temp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(remote.toUri().toString())).call();
            repo.write("pushed.txt", "FAKE_SECRET_PUSHED\n").commit("pushed");
            repo.git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
            repo.git.fetch().setRemote("origin").call();
            repo.write("local.txt", "FAKE_SECRET_LOCAL\n").commit("local only");

            HistoryReport report = scan(repo.workTree);

            assertThat(report.findings()).extracting(f -> f.finding().secret().orElseThrow().reveal(),
                            HistoryFinding::pushed, HistoryFinding::inHead)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("FAKE_SECRET_PUSHED", true, true),
                            org.assertj.core.groups.Tuple.tuple("FAKE_SECRET_LOCAL", false, true));
        }
    }

    @Test
    void marksPushedEvenWhenOnlyChosenRefsAreWalked() throws Exception {
        Path remote = temp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(remote.toUri().toString())).call();
            repo.write("pushed.txt", "FAKE_SECRET_PUSHED\n").commit("pushed");
            repo.git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
            repo.git.fetch().setRemote("origin").call();
            repo.git.checkout().setCreateBranch(true).setName("topic").call();
            repo.write("more.txt", "FAKE_SECRET_TOPIC\n").commit("topic");

            HistoryReport report = Hush.history().repository(repo.workTree).refs(List.of("topic"))
                    .config(HushConfig.defaults()).analyzer(analyzer).call();

            assertThat(report.findings()).filteredOn(HistoryFinding::pushed)
                    .extracting(f -> f.finding().secret().orElseThrow().reveal())
                    .containsExactly("FAKE_SECRET_PUSHED");
        }
    }

    @Test
    void scansABareRepositoryAndItsGitFolder() throws Exception {
        Path bare = temp.resolve("bare.git");
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("a.txt", "FAKE_SECRET_BARE\n").commit("one");
            Git.cloneRepository().setURI(repo.workTree.toUri().toString()).setBare(true)
                    .setDirectory(bare.toFile()).call().close();

            assertThat(only(scan(bare)).inHead()).isTrue();
            assertThat(only(scan(repo.workTree.resolve(".git"))).inHead()).isTrue();
        }
    }

    @Test
    void scansAShallowCloneAsFarAsItGoes() throws Exception {
        Path shallow = temp.resolve("shallow");
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("old.txt", "FAKE_SECRET_BEYONDDEPTH\n").commit("old");
            repo.delete("old.txt").commit("drop it");
            repo.write("new.txt", "FAKE_SECRET_WITHINDEPTH\n").commit("new");
            Git.cloneRepository().setURI(repo.workTree.toUri().toString()).setDepth(1)
                    .setDirectory(shallow.toFile()).call().close();

            HistoryReport report = scan(shallow);

            HistoryFinding finding = only(report);
            assertThat(finding.finding().secret().orElseThrow().reveal()).isEqualTo("FAKE_SECRET_WITHINDEPTH");
            assertThat(report.stats().commitsWalked()).isEqualTo(1);
            assertThat(report.errors()).isEmpty();
        }
    }

    @Test
    void reportsAMissingBlobByIdAndPathAndScansTheRest() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("lost.txt", "FAKE_SECRET_LOST\n").write("kept.txt", "FAKE_SECRET_KEPT\n").commit("one");
            ObjectId lost = repo.git.getRepository().resolve("HEAD:lost.txt");
            Path object = repo.workTree.resolve(".git/objects").resolve(lost.name().substring(0, 2))
                    .resolve(lost.name().substring(2));
            Files.delete(object);

            HistoryReport report = scan(repo.workTree);

            assertThat(only(report).finding().secret().orElseThrow().reveal()).isEqualTo("FAKE_SECRET_KEPT");
            assertThat(report.errors()).singleElement().satisfies(error -> {
                assertThat(error.path()).isEqualTo("lost.txt");
                assertThat(error.message()).contains(lost.name()).contains("git fsck");
            });
        }
    }

    @Test
    void reportsATruncatedBlobAndScansTheRest() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("broken.txt", "FAKE_SECRET_BROKEN\n" + "padding ".repeat(200))
                    .write("kept.txt", "FAKE_SECRET_KEPT\n").commit("one");
            ObjectId broken = repo.git.getRepository().resolve("HEAD:broken.txt");
            Path object = repo.workTree.resolve(".git/objects").resolve(broken.name().substring(0, 2))
                    .resolve(broken.name().substring(2));
            byte[] bytes = Files.readAllBytes(object);
            object.toFile().setWritable(true);
            Files.write(object, java.util.Arrays.copyOf(bytes, bytes.length / 2));

            HistoryReport report = scan(repo.workTree);

            assertThat(only(report).finding().secret().orElseThrow().reveal()).isEqualTo("FAKE_SECRET_KEPT");
            assertThat(report.errors()).extracting(ScanError::path).containsExactly("broken.txt");
            assertThat(report.errors().get(0).message()).contains(broken.name());
        }
    }

    @Test
    void stopsWhenCancelledAndMarksTheReportPartial() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            for (int i = 0; i < 20; i++) {
                repo.write("f" + i + ".txt", "FAKE_SECRET_N" + i + "\n").commit("c" + i);
            }
            AtomicInteger asked = new AtomicInteger();

            HistoryReport report = Hush.history().repository(repo.workTree).config(HushConfig.defaults())
                    .analyzer(analyzer).cancelled(() -> asked.incrementAndGet() > 5).call();

            assertThat(report.partial()).isTrue();
            assertThat(report.stats().commitsWalked()).isLessThan(20);
            assertThat(report.findings()).isEmpty();
        }
    }

    @Test
    void isNotPartialWhenNothingCancels() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("f.txt", "FAKE_SECRET_ONE\n").commit("c");

            assertThat(scan(repo.workTree).partial()).isFalse();
        }
    }

    @Test
    void leavesOutWhatTheBaselineAccepts() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("a.txt", "FAKE_SECRET_ACCEPTED\n").write("b.txt", "FAKE_SECRET_NEW\n").commit("one");
            HistoryReport before = scan(repo.workTree);
            HistoryFinding accepted = before.findings().stream()
                    .filter(f -> f.finding().secret().orElseThrow().reveal().equals("FAKE_SECRET_ACCEPTED"))
                    .findFirst().orElseThrow();

            HistoryReport after = Hush.history().repository(repo.workTree).config(HushConfig.defaults())
                    .analyzer(new GitFixture.FakeAnalyzer())
                    .baseline(Baseline.create().accepting(List.of(accepted.finding()))).call();

            assertThat(only(after).finding().secret().orElseThrow().reveal()).isEqualTo("FAKE_SECRET_NEW");
        }
    }

    @Test
    void walksOnlyTheChosenRefs() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("a.txt", "FAKE_SECRET_MAIN\n").commit("one");
            repo.git.checkout().setCreateBranch(true).setName("side").call();
            repo.write("b.txt", "FAKE_SECRET_SIDE\n").commit("two");
            repo.git.checkout().setName("main").call();

            HistoryReport report = Hush.history().repository(repo.workTree).refs(List.of("main"))
                    .config(HushConfig.defaults()).analyzer(analyzer).call();

            assertThat(only(report).finding().secret().orElseThrow().reveal()).isEqualTo("FAKE_SECRET_MAIN");
        }
    }

    @Test
    void refusesARefThatDoesNotExist() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("a.txt", "x\n").commit("one");

            assertThatThrownBy(() -> Hush.history().repository(repo.workTree).refs(List.of("nope")).call())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'nope'");
        }
    }

    @Test
    void readsOnlyTheChangesOfCommitsSinceTheDate() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("a.txt", "FAKE_SECRET_OLD\n").commit("one");
            repo.write("b.txt", "FAKE_SECRET_RECENT\n").commit("two");

            HistoryReport report = Hush.history().repository(repo.workTree).since(GitFixture.EPOCH.plusSeconds(5400))
                    .config(HushConfig.defaults()).analyzer(analyzer).call();

            assertThat(only(report).finding().secret().orElseThrow().reveal()).isEqualTo("FAKE_SECRET_RECENT");
            assertThat(report.stats().commitsWalked()).isEqualTo(1);
        }
    }

    @Test
    void countsBinaryAndOversizedBlobsWithoutAnalysingThem() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("small.txt", "FAKE_SECRET_SMALL\n").write("big.txt", "FAKE_SECRET_BIG " + "x".repeat(200))
                    .commit("one");
            Files.write(repo.workTree.resolve("image.bin"), new byte[] {1, 0, 2, 'F'});
            repo.commit("two");

            HistoryReport report = Hush.history().repository(repo.workTree)
                    .config(HushConfig.parse("maxFileSize: 100", "test")).analyzer(analyzer).call();

            assertThat(only(report).finding().secret().orElseThrow().reveal()).isEqualTo("FAKE_SECRET_SMALL");
            assertThat(report.stats().oversizedSkipped()).isEqualTo(1);
            assertThat(report.stats().binarySkipped()).isEqualTo(1);
            assertThat(report.stats().blobsScanned()).isEqualTo(1);
            assertThat(analyzer.paths).doesNotContain("big.txt");
        }
    }

    @Test
    void sendsProgressThatEndsWithEveryBlobScanned() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("a.txt", "a\n").commit("one");
            repo.write("b.txt", "bb\n").commit("two");
            List<HistoryProgress.Status> updates = new ArrayList<>();

            Hush.history().repository(repo.workTree).config(HushConfig.defaults()).analyzer(analyzer)
                    .progress(updates::add).call();

            assertThat(updates).last().isEqualTo(
                    new HistoryProgress.Status(HistoryProgress.Phase.SCANNING, 2, 2, 2, 5));
            assertThat(updates).anyMatch(s -> s.phase() == HistoryProgress.Phase.WALKING);
        }
    }

    @Test
    void refusesAFolderThatIsNotARepository() {
        assertThatThrownBy(() -> Hush.history().repository(temp).call())
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void runsOnlyOnce() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("a.txt", "a\n").commit("one");
            HistoryCommand command = Hush.history().repository(repo.workTree).analyzer(analyzer);
            command.call();

            assertThatThrownBy(command::call).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void turnsIntoAScanReportWithEachFindingAtItsIntroducingCommit() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            RevCommit added = repo.write("a.txt", "FAKE_SECRET_CONVERTED\n").commit("one");

            var scanReport = scan(repo.workTree).toScanReport();

            assertThat(scanReport.findings()).singleElement()
                    .satisfies(f -> assertThat(f.location().commit().orElseThrow().id()).isEqualTo(added.name()));
            assertThat(scanReport.fingerprint(scanReport.findings().get(0))).isNotBlank();
            assertThat(scanReport.stats().files()).isEqualTo(1);
        }
    }
}

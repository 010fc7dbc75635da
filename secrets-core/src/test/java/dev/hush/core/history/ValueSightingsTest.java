package dev.hush.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.Hush;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.SecretValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Was this value ever committed?": a byte search of every distinct blob of every ref, whatever a rule would say. */
class ValueSightingsTest {
    @TempDir
    Path temp;

    private static Map<SecretValue, ValueSighting> sightings(GitFixture repo, String... values) throws Exception {
        return Hush.history().repository(repo.workTree).config(HushConfig.defaults())
                .sightings(java.util.Arrays.stream(values).map(SecretValue::of).toList());
    }

    @Test
    void findsAValueAtTheOldestCommitThatAddedItEvenAfterItWasRemoved() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("README.md", "hello\n").commit("start");
            RevCommit added = repo.write("compose.yaml", "x: {password: admin-hushTest-1}\n").commit("inline");
            repo.write("other.txt", "again admin-hushTest-1\n").commit("copied");
            repo.write("compose.yaml", "x: {}\n").delete("other.txt").commit("moved out");

            Map<SecretValue, ValueSighting> seen = sightings(repo, "admin-hushTest-1", "example-never-committed");

            assertThat(seen).containsOnlyKeys(SecretValue.of("admin-hushTest-1"));
            ValueSighting sighting = seen.get(SecretValue.of("admin-hushTest-1"));
            assertThat(sighting.commit().id()).isEqualTo(added.name());
            assertThat(sighting.path()).isEqualTo("compose.yaml");
            assertThat(sighting.inHead()).isFalse();
            assertThat(sighting.pushed()).isFalse();
            assertThat(sighting.toString()).doesNotContain("admin-hushTest-1");
        }
    }

    @Test
    void looksOnEveryRefAndSaysWhatWasPushedAndWhatIsStillInHead() throws Exception {
        Path remote = temp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(remote.toUri().toString())).call();
            repo.write("a.env", "KEY=pushed-hushTest-2\n").commit("pushed");
            repo.git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
            repo.git.fetch().setRemote("origin").call();
            repo.git.checkout().setCreateBranch(true).setName("side").call();
            repo.write("b.env", "KEY=branch-hushTest-3\n").commit("on a branch");
            repo.git.checkout().setName("main").call();

            Map<SecretValue, ValueSighting> seen = sightings(repo, "pushed-hushTest-2", "branch-hushTest-3", "");

            assertThat(seen.get(SecretValue.of("pushed-hushTest-2"))).extracting(ValueSighting::pushed, ValueSighting::inHead)
                    .containsExactly(true, true);
            assertThat(seen.get(SecretValue.of("branch-hushTest-3"))).extracting(ValueSighting::pushed, ValueSighting::inHead)
                    .containsExactly(false, false);
            assertThat(seen).hasSize(2);
        }
    }

    @Test
    void isOneShot() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("README.md", "hello\n").commit("start");
            HistoryCommand history = Hush.history().repository(repo.workTree).config(HushConfig.defaults());
            history.sightings(List.of(SecretValue.of("x-hushTest")));
            assertThatThrownBy(() -> history.sightings(List.of())).isInstanceOf(IllegalStateException.class);
        }
    }
}

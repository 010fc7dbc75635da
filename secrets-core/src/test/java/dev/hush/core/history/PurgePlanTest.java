package dev.hush.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.model.Card;
import dev.hush.core.model.Commit;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurgePlanTest {
    private static final Commit COMMIT = new Commit("0123456789abcdef0123456789abcdef01234567", "Ada", Instant.EPOCH);

    @TempDir
    Path temp;

    private static HistoryFinding found(String value) {
        Finding finding = Finding.builder("fake-secret", Card.INLINE_SECRET, Location.of("app.env", 1, 5).in(COMMIT))
                .secret(value).message("A fake secret is committed.").build();
        return new HistoryFinding(finding, false, false, 1, List.of());
    }

    private static PurgePlan planFor(String... values) {
        List<HistoryFinding> findings = java.util.Arrays.stream(values).map(PurgePlanTest::found).toList();
        return PurgePlan.of(new HistoryReport(findings, List.of(), new HistoryReport.Stats(1, 1, 1, 0, 0, 1), false));
    }

    private Path repository() throws Exception {
        Path work = temp.resolve("repo");
        GitFixture.init(work).close();
        return work;
    }

    @Test
    void replacesEachValueWithRemovedLongestFirst() {
        PurgePlan plan = planFor("fake-password-1234", "fake-password-1234-and-more", "fake-password-1234");

        assertThat(plan.lines()).containsExactly(
                "fake-password-1234-and-more==>***REMOVED***",
                "fake-password-1234==>***REMOVED***");
    }

    @Test
    void marksAValueThatLooksLikeARuleKindAsLiteral() {
        assertThat(planFor("regex:fake.*value").lines()).containsExactly("literal:regex:fake.*value==>***REMOVED***");
        assertThat(planFor("fake.*(value)[x]").lines()).containsExactly("fake.*(value)[x]==>***REMOVED***");
    }

    @Test
    void replacesEachLineOfAMultiLineKeyButNotItsArmour() {
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nFAKEb3BlbnNzaC1rZXktdjEAAAAA\nFAKEAAAABG5vbmUAAAAEbm9uZQ\n"
                + "-----END OPENSSH PRIVATE KEY-----";

        assertThat(planFor(key).lines()).containsExactly(
                "FAKEb3BlbnNzaC1rZXktdjEAAAAA==>***REMOVED***",
                "FAKEAAAABG5vbmUAAAAEbm9uZQ==>***REMOVED***");
    }

    @Test
    void leavesOutValuesTooShortToReplaceEverywhereAndNamesThemWithoutTheValue() {
        PurgePlan plan = planFor("admin1");

        assertThat(plan.lines()).isEmpty();
        String instructions = plan.instructions(temp.resolve("purge.txt"));
        assertThat(instructions).contains("too short").contains("fake-secret app.env:1:5@0123456789ab")
                .doesNotContain("admin1");
    }

    @Test
    void givesTheCommandsAndWarningsWithoutAnySecret() {
        PurgePlan plan = planFor("fake-password-1234");

        String instructions = plan.instructions(temp.resolve("purge.txt"));

        assertThat(instructions)
                .contains("git filter-repo --replace-text '" + temp.resolve("purge.txt") + "'")
                .contains("bfg.jar --replace-text")
                .contains("git push --force --all origin")
                .contains("must re-clone")
                .contains("Forks")
                .contains("Rotate first")
                .doesNotContain("fake-password-1234");
    }

    @Test
    void writesTheFileOwnerOnlyFromItsCreation() throws Exception {
        Path file = temp.resolve("outside").resolve("purge.txt");
        Files.createDirectories(file.getParent());

        planFor("fake-password-1234").writeReplacements(file, repository(), false);

        assertThat(Files.readString(file)).isEqualTo("fake-password-1234==>***REMOVED***\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void refusesAFileInsideTheWorkTreeThatIsNotIgnored() throws Exception {
        Path repository = repository();
        Path file = repository.resolve("purge.txt");

        assertThatThrownBy(() -> planFor("fake-password-1234").writeReplacements(file, repository, false))
                .isInstanceOf(UnsafePurgePlanPathException.class)
                .hasMessageContaining("not ignored by .gitignore")
                .hasMessageContaining(temp.toRealPath().resolve("repo-purge-replacements.txt").toString());
        assertThat(file).doesNotExist();
    }

    @Test
    void writesInsideTheWorkTreeWhenGitignoreIgnoresTheFileOrItsFolder() throws Exception {
        Path repository = repository();
        Files.writeString(repository.resolve(".gitignore"), "/secret-stuff/\n*.purge\n");
        Files.createDirectories(repository.resolve("secret-stuff"));
        Files.createDirectories(repository.resolve("sub"));

        planFor("fake-password-1234").writeReplacements(repository.resolve("secret-stuff/plan.txt"), repository, false);
        planFor("fake-password-1234").writeReplacements(repository.resolve("sub/x.purge"), repository, false);

        assertThat(repository.resolve("secret-stuff/plan.txt")).exists();
        assertThat(repository.resolve("sub/x.purge")).exists();
    }

    @Test
    void refusesAFileThatANegatedRuleUnignores() throws Exception {
        Path repository = repository();
        Files.writeString(repository.resolve(".gitignore"), "*.txt\n!keep.txt\n");

        assertThatThrownBy(() -> planFor("fake-password-1234")
                        .writeReplacements(repository.resolve("keep.txt"), repository, false))
                .isInstanceOf(UnsafePurgePlanPathException.class);
    }

    @Test
    void writesAnywhereForABareRepository() throws Exception {
        Path bare = temp.resolve("bare.git");
        org.eclipse.jgit.api.Git.init().setBare(true).setDirectory(bare.toFile()).call().close();

        planFor("fake-password-1234").writeReplacements(bare.resolve("purge.txt"), bare, false);

        assertThat(bare.resolve("purge.txt")).exists();
    }

    @Test
    void neverOverwritesAnExistingFileUnlessAsked() throws Exception {
        Path repository = repository();
        Path file = temp.resolve("purge.txt");
        Files.writeString(file, "keep me\n");

        assertThatThrownBy(() -> planFor("fake-password-1234").writeReplacements(file, repository, false))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("keep me\n");

        planFor("fake-password-1234").writeReplacements(file, repository, true);

        assertThat(Files.readString(file)).isEqualTo("fake-password-1234==>***REMOVED***\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var siblings = Files.list(temp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".hush-purge-"));
        }
    }
}

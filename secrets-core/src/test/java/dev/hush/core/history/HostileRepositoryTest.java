package dev.hush.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hush.core.Hush;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import dev.hush.core.git.GitScanException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the history scan and the staged scan on repositories that are damaged, huge or
 * unusual: each gives a report (with errors where something cannot be read) or an
 * {@link IOException}, never another exception or an {@link Error}.
 */
class HostileRepositoryTest {
    private static final String SECRET_LINE = "DB_PASSWORD=hushTest-Pg-9c41e7aa02\n";

    @TempDir
    Path temp;

    private static HistoryReport history(Path repository) throws IOException {
        return Hush.history().repository(repository).config(HushConfig.defaults()).call();
    }

    private static ScanReport staged(Path workTree) throws IOException {
        return Hush.stagedScan().root(workTree).config(HushConfig.defaults()).call();
    }

    private static List<String> paths(ScanReport report) {
        return report.findings().stream().map(f -> f.location().path()).distinct().toList();
    }

    /** Runs git, failing the test when it fails. */
    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Ada", "-c", "user.email=ada@example.com",
                "-c", "protocol.file.allow=always", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("git %s: %s", String.join(" ", args), output).isZero();
        return output.strip();
    }

    private GitFixture repositoryWithSecrets() throws Exception {
        GitFixture repo = GitFixture.init(temp.resolve("repo"));
        for (int i = 0; i < 20; i++) {
            repo.write("app" + i + ".env", "DB_PASSWORD=hushTest-Pg-" + (1000 + i) + "c41e7aa02\n" + "# filler line\n".repeat(50))
                    .commit("commit " + i);
        }
        return repo;
    }

    private static Path onlyPack(Path repo) throws IOException {
        try (Stream<Path> files = Files.list(repo.resolve(".git/objects/pack"))) {
            return files.filter(p -> p.toString().endsWith(".pack")).findFirst().orElseThrow();
        }
    }

    @Test
    void reportsObjectsOfAPackWithFlippedBytesAndScansTheRest() throws Exception {
        try (GitFixture repo = repositoryWithSecrets()) {
            git(repo.workTree, "gc", "--quiet");
            Path pack = onlyPack(repo.workTree);
            byte[] bytes = Files.readAllBytes(pack);
            for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
                bytes[i] ^= 0x5A;
            }
            pack.toFile().setWritable(true);
            Files.write(pack, bytes);

            Throwable thrown = catchThrowable(() -> {
                HistoryReport report = history(repo.workTree);
                assertThat(report.errors()).isNotEmpty();
                assertThat(report.errors()).allSatisfy(e -> assertThat(e.message()).contains("git fsck"));
            });
            assertThat(thrown).isNull();
        }
    }

    @Test
    void reportsATruncatedPackAsUnreadableRefsWithoutThrowing() throws Exception {
        try (GitFixture repo = repositoryWithSecrets()) {
            git(repo.workTree, "gc", "--quiet");
            Path pack = onlyPack(repo.workTree);
            byte[] bytes = Files.readAllBytes(pack);
            pack.toFile().setWritable(true);
            Files.write(pack, java.util.Arrays.copyOf(bytes, bytes.length / 2));

            HistoryReport report = history(repo.workTree);

            assertThat(report.errors()).isNotEmpty();
            assertThat(report.partial()).isTrue();
        }
    }

    @Test
    void stagedScanOfACorruptPackFailsWithAnIoError() throws Exception {
        try (GitFixture repo = repositoryWithSecrets()) {
            git(repo.workTree, "gc", "--quiet");
            Path pack = onlyPack(repo.workTree);
            byte[] bytes = Files.readAllBytes(pack);
            pack.toFile().setWritable(true);
            Files.write(pack, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            repo.write("new.env", SECRET_LINE);
            git(repo.workTree, "add", "new.env");

            Throwable thrown = catchThrowable(() -> staged(repo.workTree));

            assertThat(thrown == null || thrown instanceof IOException).as("%s", thrown).isTrue();
        }
    }

    @Test
    void reportsAMissingTreeAndScansTheOtherCommits() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("a/kept.env", SECRET_LINE).commit("one");
            RevCommit lost = repo.write("b/lost.env", "API_TOKEN=hushTest-Tok-77aa88bb99cc\n").commit("two");
            ObjectId tree = repo.git.getRepository().resolve(lost.name() + ":b");
            Files.delete(repo.workTree.resolve(".git/objects").resolve(tree.name().substring(0, 2)).resolve(tree.name().substring(2)));

            HistoryReport report = history(repo.workTree);

            assertThat(report.findings()).extracting(f -> f.finding().location().path()).contains("a/kept.env");
            assertThat(report.errors()).extracting(ScanError::message).anySatisfy(m -> assertThat(m).contains(lost.name()));
            assertThat(report.partial()).as("the blobs under the lost tree were never read").isTrue();
        }
    }

    @Test
    void walksARepositoryWithAHundredThousandRefsQuickly() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            RevCommit first = repo.write("a.env", SECRET_LINE).commit("one");
            RevCommit second = repo.write("b.txt", "hello\n").commit("two");
            try (BufferedWriter refs = Files.newBufferedWriter(repo.workTree.resolve(".git/packed-refs"))) {
                refs.write("# pack-refs with: peeled fully-peeled sorted \n");
                for (int i = 0; i < 100_000; i++) {
                    refs.write((i % 2 == 0 ? first : second).name() + " refs/heads/b" + String.format("%06d", i) + "\n");
                }
            }

            long start = System.nanoTime();
            HistoryReport report = history(repo.workTree);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(report.errors()).isEmpty();
            assertThat(report.stats().commitsWalked()).isEqualTo(2);
            assertThat(report.findings()).extracting(f -> f.finding().location().path()).containsExactly("a.env");
        }
    }

    @Test
    void skipsAFiftyMegabyteBlobBySizeAndCountsIt() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            Path big = repo.workTree.resolve("dump.sql");
            byte[] line = "INSERT INTO t VALUES ('some ordinary text of a dump');\n".getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = Files.newOutputStream(big)) {
                for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
                    out.write(line);
                }
            }
            repo.write("a.env", SECRET_LINE).commit("one");

            HistoryReport report = history(repo.workTree);

            assertThat(report.stats().oversizedSkipped()).isEqualTo(1);
            assertThat(report.findings()).extracting(f -> f.finding().location().path()).containsExactly("a.env");

            Files.writeString(big, "changed\n", java.nio.file.StandardOpenOption.APPEND);
            repo.write("b.env", SECRET_LINE);
            git(repo.workTree, "add", "-A");
            ScanReport stagedReport = staged(repo.workTree);
            assertThat(stagedReport.skipped()).extracting(s -> s.path()).containsExactly("dump.sql");
            assertThat(paths(stagedReport)).containsExactly("b.env");
        }
    }

    @Test
    void treatsASubmoduleAsNoContent() throws Exception {
        Path sub = Files.createDirectories(temp.resolve("sub"));
        git(sub, "init", "--quiet");
        Files.writeString(sub.resolve("inner.env"), SECRET_LINE);
        git(sub, "add", "-A");
        git(sub, "commit", "--quiet", "-m", "inner");
        Path main = Files.createDirectories(temp.resolve("main"));
        git(main, "init", "--quiet");
        Files.writeString(main.resolve("README.md"), "hello\n");
        git(main, "add", "-A");
        git(main, "commit", "--quiet", "-m", "start");
        git(main, "submodule", "--quiet", "add", sub.toString(), "modules/sub");
        Files.writeString(main.resolve("top.env"), SECRET_LINE);
        git(main, "add", "-A");

        ScanReport stagedReport = staged(main);
        assertThat(stagedReport.errors()).isEmpty();
        assertThat(paths(stagedReport)).containsExactly("top.env");

        git(main, "commit", "--quiet", "-m", "add the submodule");
        HistoryReport report = history(main);
        assertThat(report.errors()).isEmpty();
        assertThat(report.findings()).extracting(f -> f.finding().location().path()).containsExactly("top.env");
    }

    @Test
    void scansFromALinkedWorktree() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("a.env", SECRET_LINE).commit("one");
            Path linked = temp.resolve("linked");
            git(repo.workTree, "worktree", "add", "--quiet", "-b", "side", linked.toString());
            Files.writeString(linked.resolve("b.env"), "API_TOKEN=hushTest-Tok-77aa88bb99cc\n");
            git(linked, "add", "b.env");

            ScanReport stagedReport = staged(linked);
            assertThat(paths(stagedReport)).containsExactly("b.env");

            git(linked, "commit", "--quiet", "-m", "two");
            HistoryReport report = history(linked);
            assertThat(report.errors()).isEmpty();
            assertThat(report.findings()).extracting(f -> f.finding().location().path())
                    .containsExactlyInAnyOrder("a.env", "b.env");
            assertThat(report.findings()).allSatisfy(f -> assertThat(f.inHead()).isTrue());
        }
    }

    @Test
    void scansARepositoryOnADetachedHead() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            RevCommit first = repo.write("a.env", SECRET_LINE).commit("one");
            repo.write("b.env", "API_TOKEN=hushTest-Tok-77aa88bb99cc\n").commit("two");
            git(repo.workTree, "checkout", "--quiet", "--detach", first.name());
            repo.write("c.env", "SECRET_KEY=hushTest-Key-0a1b2c3d4e5f\n");
            git(repo.workTree, "add", "c.env");

            ScanReport stagedReport = staged(repo.workTree);
            assertThat(paths(stagedReport)).containsExactly("c.env");

            HistoryReport report = history(repo.workTree);
            assertThat(report.errors()).isEmpty();
            assertThat(report.findings()).extracting(f -> f.finding().location().path()).containsExactlyInAnyOrder("a.env", "b.env");
            assertThat(report.findings()).filteredOn(f -> f.finding().location().path().equals("a.env"))
                    .singleElement().satisfies(f -> assertThat(f.inHead()).isTrue());
            assertThat(report.findings()).filteredOn(f -> f.finding().location().path().equals("b.env"))
                    .singleElement().satisfies(f -> assertThat(f.inHead()).isFalse());
        }
    }

    /** Returns the file of loose object {@code id} in {@code repo}'s work tree. */
    private static Path looseObject(Path workTree, ObjectId id) {
        return workTree.resolve(".git/objects").resolve(id.name().substring(0, 2)).resolve(id.name().substring(2));
    }

    /** Rewrites loose object {@code id} as {@code type size\0content}: a header that may lie about the content. */
    private static void rewriteLooseObject(Path workTree, ObjectId id, String type, long size, byte[] content)
            throws IOException {
        Path object = looseObject(workTree, id);
        object.toFile().setWritable(true);
        try (OutputStream out = new DeflaterOutputStream(Files.newOutputStream(object))) {
            out.write((type + " " + size + "\0").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
        }
    }

    @Test
    void marksTheHistoryPartialWhenALooseBlobIsMissingOrCorrupt() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("lost.env", SECRET_LINE).write("flipped.env", "API_TOKEN=hushTest-Tok-77aa88bb99cc\n")
                    .write("lying.env", "SECRET_KEY=hushTest-Key-0a1b2c3d4e5f\n")
                    .write("kept.env", "JWT_SECRET=hushTest-jwt-4c9e1b7a3f\n").commit("one");
            ObjectId lost = repo.git.getRepository().resolve("HEAD:lost.env");
            ObjectId flipped = repo.git.getRepository().resolve("HEAD:flipped.env");
            ObjectId lying = repo.git.getRepository().resolve("HEAD:lying.env");
            Files.delete(looseObject(repo.workTree, lost));
            Path object = looseObject(repo.workTree, flipped);
            byte[] bytes = Files.readAllBytes(object);
            for (int i = 2; i < bytes.length - 4; i++) {
                bytes[i] ^= 0x5A;
            }
            object.toFile().setWritable(true);
            Files.write(object, bytes);
            byte[] content = Files.readAllBytes(repo.workTree.resolve("lying.env"));
            rewriteLooseObject(repo.workTree, lying, "blob", 5, content);

            HistoryReport report = history(repo.workTree);

            assertThat(report.partial()).isTrue();
            assertThat(report.findings()).extracting(f -> f.finding().location().path()).containsExactly("kept.env");
            assertThat(report.errors()).extracting(ScanError::path)
                    .containsExactlyInAnyOrder("flipped.env", "lost.env", "lying.env");
            assertThat(report.errors()).extracting(ScanError::message).anySatisfy(m -> assertThat(m).contains(lost.name()))
                    .anySatisfy(m -> assertThat(m).contains(flipped.name())).anySatisfy(m -> assertThat(m).contains(lying.name()))
                    .allSatisfy(m -> assertThat(m).contains("git fsck"));
        }
    }

    @Test
    void marksTheHistoryOfABloblessPartialCloneAsPartialAndNamesWhatItCouldNotRead() throws Exception {
        try (GitFixture origin = GitFixture.init(temp.resolve("origin"))) {
            origin.write("app.env", SECRET_LINE).commit("secret");
            origin.write("app.env", "DB_PASSWORD=${DB_PASSWORD}\n").write("README.md", "# demo\n").commit("moved out");
            git(origin.workTree, "config", "uploadpack.allowFilter", "true");
        }
        git(temp, "clone", "--quiet", "--filter=blob:none", temp.resolve("origin").toUri().toString(), "clone");
        Path clone = temp.resolve("clone");
        // Only the checkout's blobs were fetched: the first app.env stays on the remote.
        assertThat(git(clone, "config", "remote.origin.promisor")).isEqualTo("true");

        HistoryReport report = history(clone);

        assertThat(report.partial()).isTrue();
        assertThat(report.findings()).isEmpty();
        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("(partial clone)");
            assertThat(error.message()).startsWith("1 blob is not in this partial clone").contains("origin")
                    .contains("app.env").contains("without --filter");
        });
    }

    @Test
    void refusesASha256RepositoryWithAnErrorSayingWhyAndStillScansItsFiles() throws Exception {
        Path repo = temp.resolve("sha256");
        Files.createDirectories(repo);
        git(repo, "init", "--quiet", "--object-format=sha256");
        Files.writeString(repo.resolve("app.env"), SECRET_LINE);
        git(repo, "add", "app.env");
        git(repo, "commit", "--quiet", "-m", "one");

        for (Throwable thrown : List.of(catchThrowable(() -> history(repo)), catchThrowable(() -> staged(repo)),
                catchThrowable(() -> Hush.diffScan("HEAD").root(repo).config(HushConfig.defaults()).call()))) {
            assertThat(thrown).isInstanceOf(GitScanException.class).hasMessageContaining("SHA256")
                    .hasMessageContaining("JGit").hasMessageContaining("cannot read");
        }
        ScanReport files = Hush.scan().root(repo).config(HushConfig.defaults()).call();
        assertThat(paths(files)).containsExactly("app.env");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"blob, 5", "blob, 0", "blob, 9999", "tree, -1", "commit, -1", "blob, -2"})
    void stagedScanRefusesALooseObjectWhoseHeaderOrContentLies(String type, long declared) throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("new.env", SECRET_LINE);
            git(repo.workTree, "add", "new.env");
            ObjectId staged = ObjectId.fromString(git(repo.workTree, "rev-parse", ":new.env"));
            byte[] content = SECRET_LINE.getBytes(StandardCharsets.UTF_8);
            if (declared == -2) {
                // An honest header on other content of the same size: only the id tells.
                content = SECRET_LINE.replace("DB_PASSWORD=", "DB_PASSWORD_").getBytes(StandardCharsets.UTF_8);
            }
            rewriteLooseObject(repo.workTree, staged, type, declared < 0 ? content.length : declared, content);

            Throwable thrown = catchThrowable(() -> staged(repo.workTree));

            assertThat(thrown).isInstanceOf(IOException.class).hasMessageStartingWith("new.env: git object " + staged.name())
                    .hasMessageContaining("git fsck").hasMessageNotContaining("hushTest");
        }
    }
}

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
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}

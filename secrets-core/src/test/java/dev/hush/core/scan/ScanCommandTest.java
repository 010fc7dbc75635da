package dev.hush.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hush.core.Hush;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanReport;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans real folders, including the hostile and broken inputs a vetted repository may hold. */
class ScanCommandTest {
    private static final String PASSWORD_LINE = "DB_PASSWORD=hushTest-Pg-9c41e7aa02\n";

    @TempDir
    Path root;

    private ScanReport scan() throws IOException {
        return Hush.scan().root(root).config(HushConfig.defaults()).call();
    }

    private static List<String> paths(ScanReport report) {
        return report.findings().stream().map(f -> f.location().path()).distinct().toList();
    }

    @Test
    void refusesASecondCallOfTheSameCommand() throws IOException {
        ScanCommand scan = Hush.scan().root(root);
        scan.call();
        assertThatThrownBy(scan::call).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ScanCommand.call() was already called");
    }

    @Test
    void findsASecretInAFileWhosePathHasSpacesAndNonAsciiNames() throws IOException {
        Path dir = Files.createDirectories(root.resolve("my app/設定"));
        Files.writeString(dir.resolve("prod env.env"), PASSWORD_LINE);
        assertThat(paths(scan())).containsExactly("my app/設定/prod env.env");
    }

    @Test
    void findsASecretInAFileWhoseNameHasANewline() throws IOException {
        Files.writeString(root.resolve("odd\nname.env"), PASSWORD_LINE);
        assertThat(paths(scan())).containsExactly("odd\nname.env");
    }

    @Test
    void skipsABinaryFileNamedLikeADotenvFile() throws IOException {
        byte[] binary = (PASSWORD_LINE + "\0\1\2").getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve(".env"), binary);
        ScanReport report = scan();
        assertThat(report.findings()).isEmpty();
        assertThat(report.stats().binaryFiles()).isEqualTo(1);
    }

    @Test
    void skipsVendoredDependenciesAndListsEachFolderUnlessAsked() throws IOException {
        Files.createDirectories(root.resolve("web/node_modules/left-pad"));
        Files.writeString(root.resolve("web/node_modules/left-pad/test.env"), PASSWORD_LINE);
        Files.createDirectories(root.resolve("vendor/github.com/acme/db"));
        Files.writeString(root.resolve("vendor/github.com/acme/db/fixture.env"), PASSWORD_LINE);
        Files.createDirectories(root.resolve("vendor/acme"));
        Files.writeString(root.resolve("vendor/acme/app.env"), PASSWORD_LINE);
        Files.writeString(root.resolve("app.env"), PASSWORD_LINE);

        ScanReport report = scan();
        assertThat(paths(report)).containsExactlyInAnyOrder("app.env", "vendor/acme/app.env");
        assertThat(report.skipped()).extracting(s -> s.path())
                .containsExactlyInAnyOrder("web/node_modules/", "vendor/github.com/");

        ScanReport all = Hush.scan().root(root).config(HushConfig.defaults()).includeVendored().call();
        assertThat(paths(all)).containsExactlyInAnyOrder("app.env", "vendor/acme/app.env",
                "web/node_modules/left-pad/test.env", "vendor/github.com/acme/db/fixture.env");
        assertThat(all.skipped()).isEmpty();
        ScanReport configured = Hush.scan().root(root).config(HushConfig.parse("scanVendored: true\n", ".hush.yaml")).call();
        assertThat(paths(configured)).hasSize(4);
    }

    @Test
    void scansAVendoredFolderGivenAsTheRoot() throws IOException {
        Path modules = Files.createDirectories(root.resolve("node_modules/left-pad"));
        Files.writeString(modules.resolve("test.env"), PASSWORD_LINE);
        ScanReport report = Hush.scan().root(root.resolve("node_modules")).config(HushConfig.defaults()).call();
        assertThat(paths(report)).containsExactly("left-pad/test.env");
    }

    @Test
    void skipsAFileOverTheSizeLimitWithANotice() throws IOException {
        try (RandomAccessFile big = new RandomAccessFile(root.resolve("dump.env").toFile(), "rw")) {
            big.setLength(20L * 1024 * 1024);
        }
        ScanReport report = scan();
        assertThat(report.skipped()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("dump.env");
            assertThat(s.reason()).contains("larger than");
        });
    }

    @Test
    void neverFollowsASymlinkOutOfTheRoot(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("stolen.env"), PASSWORD_LINE);
        Files.createSymbolicLink(root.resolve("link.env"), outside.resolve("stolen.env"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        ScanReport report = scan();
        assertThat(report.findings()).isEmpty();
        assertThat(report.skipped()).extracting(s -> s.path()).contains("link.env", "linkdir");
    }

    @Test
    void survivesASymlinkLoop() throws IOException {
        Files.createDirectories(root.resolve("a"));
        Files.createSymbolicLink(root.resolve("a/loop"), root.resolve("a"));
        Files.writeString(root.resolve("a/.env"), PASSWORD_LINE);
        assertThat(paths(scan())).containsExactly("a/.env");
    }

    @Test
    void skipsAFifoWithANotice() throws Exception {
        Path fifo = root.resolve("pipe.env");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        ScanReport report = scan();
        assertThat(report.skipped()).anySatisfy(s -> assertThat(s.reason()).isEqualTo("not a regular file"));
    }

    @Test
    void reportsAnUnreadableFileAndGoesOn() throws IOException {
        Path locked = root.resolve("locked.env");
        Files.writeString(locked, PASSWORD_LINE);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.writeString(root.resolve("open.env"), PASSWORD_LINE);
        ScanReport report = scan();
        assertThat(paths(report)).contains("open.env");
        if (!Files.isReadable(locked)) {
            // Only a non-root user is refused; root reads everything.
            assertThat(report.errors()).anySatisfy(e -> assertThat(e.path()).isEqualTo("locked.env"));
        }
    }

    @Test
    void readsGitignoredDotenvFilesButNotOtherIgnoredFiles() throws IOException {
        Files.writeString(root.resolve(".gitignore"), ".env\nbuild/\nnotes.txt\n");
        Files.writeString(root.resolve(".env"), PASSWORD_LINE);
        Files.writeString(root.resolve("notes.txt"), "token: ghp_hushTESTonlyAbCdEfGhIjKlMnOpQrStUvWx\n");
        Files.createDirectories(root.resolve("build"));
        Files.writeString(root.resolve("build/.env"), PASSWORD_LINE);
        assertThat(paths(scan())).containsExactly(".env");
    }

    @Test
    void honoursHushignore() throws IOException {
        Files.writeString(root.resolve(".hushignore"), "fixtures/\n");
        Files.createDirectories(root.resolve("fixtures"));
        Files.writeString(root.resolve("fixtures/.env"), PASSWORD_LINE);
        assertThat(scan().findings()).isEmpty();
    }

    @Test
    void analysesAsDotenvTheFilesThatComposeLoadsWithEnvFile() throws IOException {
        Files.writeString(root.resolve("compose.yaml"), "services:\n  db:\n    image: postgres\n    env_file: config/db.conf\n");
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/db.conf"), "POSTGRES_PASSWORD=hushTest-Pg-9c41e7aa02\n");
        assertThat(scan().findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("dotenv-secret");
            assertThat(f.location().path()).isEqualTo("config/db.conf");
        });
    }

    @Test
    void doesNotReadAnEnvFileOutsideTheRoot() throws IOException {
        Files.writeString(root.resolve("compose.yaml"), "services:\n  db:\n    image: postgres\n    env_file: ../../etc/passwd\n");
        ScanReport report = scan();
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void keepsOneFindingWhenAStructuredAndAProviderRuleSeeTheSameValue() throws IOException {
        Files.writeString(root.resolve("compose.yaml"),
                "services:\n  ci:\n    image: alpine\n    environment:\n      GITHUB_TOKEN: ghp_hushTESTonlyAbCdEfGhIjKlMnOpQrStUvWx\n");
        assertThat(scan().findings()).extracting(Finding::ruleId).containsExactly("compose-inline-secret");
    }

    @Test
    void dropsAFindingWhoseLineSaysHushIgnore() throws IOException {
        Files.writeString(root.resolve("a.env"), "DB_PASSWORD=hushTest-Pg-9c41e7aa02 # hush:ignore\n");
        Files.writeString(root.resolve("b.env"), "DB_PASSWORD=hushTest-Pg-9c41e7aa02 # hush:ignore=some-other-rule\n");
        assertThat(paths(scan())).containsExactly("b.env");
    }

    @Test
    void appliesTheProjectsAllowlistAndDisabledRules() throws IOException {
        Files.writeString(root.resolve(".hush.yaml"), "disable: [dotenv-secret]\n");
        Files.writeString(root.resolve("a.env"), PASSWORD_LINE);
        assertThat(Hush.scan().root(root).call().findings()).isEmpty();
    }

    @Test
    void reportsAMalformedComposeFileAndStillScansTheRest() throws IOException {
        Files.writeString(root.resolve("compose.yaml"), "services:\n  web: [unclosed\n");
        Files.writeString(root.resolve("a.env"), PASSWORD_LINE);
        ScanReport report = scan();
        assertThat(report.errors()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("compose.yaml");
            assertThat(e.line()).isPositive();
        });
        assertThat(paths(report)).containsExactly("a.env");
    }

    @Test
    void scansASingleFileGivenAsTheRoot() throws IOException {
        Path file = root.resolve("a.env");
        Files.writeString(file, PASSWORD_LINE);
        ScanReport report = Hush.scan().root(file).config(HushConfig.defaults()).call();
        assertThat(paths(report)).containsExactly("a.env");
    }

    @Test
    void skipsAOneGigabyteSparseFileBySizeWithoutReadingIt() throws IOException {
        try (RandomAccessFile huge = new RandomAccessFile(root.resolve(".env").toFile(), "rw")) {
            huge.setLength(1L << 30);
        }
        Files.writeString(root.resolve("a.env"), PASSWORD_LINE);

        long start = System.nanoTime();
        ScanReport report = scan();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(report.skipped()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo(".env");
            assertThat(s.reason()).contains("larger than");
        });
        assertThat(paths(report)).containsExactly("a.env");
    }

    @Test
    void skipsACharacterDeviceWithANotice() throws Exception {
        Path device = root.resolve("null.env");
        Process mknod = new ProcessBuilder("mknod", device.toString(), "c", "1", "3").redirectErrorStream(true).start();
        assumeTrue(mknod.waitFor() == 0, "mknod needs root");
        Files.writeString(root.resolve("a.env"), PASSWORD_LINE);

        ScanReport report = scan();

        assertThat(report.skipped()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("null.env");
            assertThat(s.reason()).isEqualTo("not a regular file");
        });
        assertThat(paths(report)).containsExactly("a.env");
    }

    @Test
    void skipsASymlinkToADevice() throws IOException {
        Files.createSymbolicLink(root.resolve("zero.env"), Path.of("/dev/zero"));
        Files.writeString(root.resolve("a.env"), PASSWORD_LINE);
        ScanReport report = scan();
        assertThat(report.skipped()).extracting(s -> s.path()).containsExactly("zero.env");
        assertThat(paths(report)).containsExactly("a.env");
    }

    @Test
    void survivesALoopOfTwoLinksAndALinkToItself() throws IOException {
        Files.createSymbolicLink(root.resolve("x"), root.resolve("y"));
        Files.createSymbolicLink(root.resolve("y"), root.resolve("x"));
        Files.createSymbolicLink(root.resolve("self.env"), root.resolve("self.env"));
        Files.writeString(root.resolve("a.env"), PASSWORD_LINE);
        ScanReport report = scan();
        assertThat(paths(report)).containsExactly("a.env");
        assertThat(report.skipped()).extracting(s -> s.path()).containsExactlyInAnyOrder("x", "y", "self.env");
    }

    @Test
    void readsFilesWhoseNamesAreNotUtf8AndShowsTheBadBytesAsReplacementCharacters() throws Exception {
        // Java cannot create such names; a shell can.
        Process sh = new ProcessBuilder("sh", "-c",
                "printf 'DB_PASSWORD=hushTest-Pg-9c41e7aa02\\n' > \"$(printf 'bad\\377name.env')\"; "
                        + "mkdir \"$(printf 'dir\\376')\" && printf 'DB_PASSWORD=hushTest-Pg-9c41e7aa02\\n' > \"$(printf 'dir\\376')/.env\"")
                .directory(root.toFile()).redirectErrorStream(true).start();
        assertThat(sh.waitFor()).as(new String(sh.getInputStream().readAllBytes())).isZero();
        Files.writeString(root.resolve("a.env"), PASSWORD_LINE);

        ScanReport report = scan();

        assertThat(paths(report)).contains("a.env");
        // Java keeps a path's bytes, so the files are read; reports show the bad bytes as U+FFFD.
        assertThat(paths(report)).hasSize(3).contains("a.env");
        if (System.getProperty("sun.jnu.encoding", "").equalsIgnoreCase("UTF-8")) {
            assertThat(paths(report)).contains("bad\uFFFDname.env", "dir\uFFFD/.env");
        }
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void readsALargeTreeOnEveryCoreWithTheFindingsAndCountsOfOneThread() throws IOException {
        // Over a megabyte, so helper threads read while the walk goes on: ASCII files, files
        // that are not ASCII, a file with a byte order mark, one bigger than the read buffer.
        String filler = "    total += items.get(i).price(); // n\u00e9 " + "x".repeat(30) + "\n";
        String asciiFiller = "    total += items.get(i).price();\n";
        for (int i = 0; i < 60; i++) {
            Path dir = Files.createDirectories(root.resolve("pkg" + i % 7));
            String body = (i % 3 == 0 ? filler : asciiFiller).repeat(400 + i * 10);
            String prefix = i % 11 == 0 ? "\uFEFF" : "";
            Files.writeString(dir.resolve("file" + i + ".env"), prefix + body + "API_TOKEN=hushTest-Tk-" + (1000 + i) + "-q8Zr\n");
        }
        Files.writeString(root.resolve("big.env"), asciiFiller.repeat(10_000) + PASSWORD_LINE);

        ScanReport report = scan();

        assertThat(report.stats().files()).isEqualTo(61);
        assertThat(report.findings()).hasSize(61);
        assertThat(report.findings()).extracting(f -> f.location().path()).contains("big.env", "pkg0/file0.env");
        Finding big = report.findings().stream().filter(f -> f.location().path().equals("big.env")).findFirst().orElseThrow();
        assertThat(big.location().line()).isEqualTo(10_001);
        Finding bom = report.findings().stream().filter(f -> f.location().path().equals("pkg0/file0.env")).findFirst().orElseThrow();
        assertThat(bom.location().line()).isEqualTo(401);
        assertThat(bom.location().column()).isEqualTo(1);
    }
}

package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the jar on repositories hush cannot read whole, made with the real git: what could not
 * be read is named, and "no findings" never exits 0.
 */
class UnreadableRepositoryIT {
    private static final String PASSWORD = "hushTest-Pg-9c41e7aa02";
    private static final String SECRET_LINE = "DB_PASSWORD=" + PASSWORD + "\n";

    @TempDir
    Path tmp;

    /** Runs git in {@code dir}, failing the test when it fails, and returns its output. */
    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Dev", "-c", "user.email=dev@example.test",
                "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always", "-c", "commit.gpgSign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("git %s: %s", String.join(" ", args), output).isZero();
        return output.strip();
    }

    private Path repositoryWithARemovedSecret(String name) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve(name));
        git(repo, "init", "--quiet");
        Files.writeString(repo.resolve("app.env"), SECRET_LINE);
        git(repo, "add", ".");
        git(repo, "commit", "--quiet", "-m", "secret");
        Files.writeString(repo.resolve("app.env"), "DB_PASSWORD=${DB_PASSWORD}\n");
        git(repo, "commit", "--quiet", "-am", "moved out");
        return repo;
    }

    @Test
    void historyOfABloblessPartialCloneIsPartialAndExitsTwo() throws Exception {
        Path origin = repositoryWithARemovedSecret("origin");
        git(origin, "config", "uploadpack.allowFilter", "true");
        git(tmp, "clone", "--quiet", "--filter=blob:none", origin.toUri().toString(), "clone");

        ProcessRun.Result result = HushProcess.run(tmp.resolve("clone"), "history", "--format", "json", ".");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).contains("\"partial\": true").contains("\"path\": \"(partial clone)\"")
                .contains("1 blob is not in this partial clone").contains("app.env");
        assertThat(result.err()).contains("partial");
    }

    @Test
    void historyWithADeletedOrCorruptLooseBlobIsPartialAndExitsTwo() throws Exception {
        Path repo = repositoryWithARemovedSecret("repo");
        String first = git(repo, "rev-parse", "HEAD~1:app.env");
        String second = git(repo, "rev-parse", "HEAD:app.env");
        Files.delete(repo.resolve(".git/objects/" + first.substring(0, 2) + "/" + first.substring(2)));
        Path corrupt = repo.resolve(".git/objects/" + second.substring(0, 2) + "/" + second.substring(2));
        corrupt.toFile().setWritable(true);
        Files.write(corrupt, new byte[] {0x78, 0x01, 0x13, 0x37});

        ProcessRun.Result result = HushProcess.run(repo, "history", ".");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.all()).contains(first).contains(second).contains("(partial: ");
        assertThat(result.err()).contains("the history scan is partial");
    }

    @Test
    void sha256RepositoryIsRefusedWithAnErrorSayingWhy() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("sha256"));
        git(repo, "init", "--quiet", "--object-format=sha256");
        Files.writeString(repo.resolve("app.env"), SECRET_LINE);
        git(repo, "add", ".");
        git(repo, "commit", "--quiet", "-m", "secret");

        for (String[] args : List.of(new String[] {"history", "."}, new String[] {"scan", "--staged", "."},
                new String[] {"hook", "install", "."})) {
            ProcessRun.Result result = HushProcess.run(repo, args);
            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.ERROR);
            assertThat(result.err()).contains("SHA256 (extensions.objectFormat)").contains("JGit")
                    .doesNotContain("internal error").hasLineCount(1);
        }
        assertThat(repo.resolve(".git/hooks/pre-commit")).doesNotExist();
        ProcessRun.Result files = HushProcess.run(repo, "scan", ".");
        assertThat(files.exitCode()).as(files.all()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(files.out()).contains("app.env");
    }

    @Test
    void stagedScanOfALooseObjectWhoseHeaderLiesExitsTwo() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        git(repo, "init", "--quiet");
        Files.writeString(repo.resolve("app.env"), SECRET_LINE);
        git(repo, "add", "app.env");
        String staged = git(repo, "rev-parse", ":app.env");
        Path object = repo.resolve(".git/objects/" + staged.substring(0, 2) + "/" + staged.substring(2));
        object.toFile().setWritable(true);
        try (OutputStream out = new DeflaterOutputStream(Files.newOutputStream(object))) {
            out.write("blob 7\0".getBytes(StandardCharsets.US_ASCII));
            out.write(SECRET_LINE.getBytes(StandardCharsets.UTF_8));
        }

        ProcessRun.Result result = HushProcess.run(repo, "scan", "--staged");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).startsWith("hush: cannot read or write a file: app.env: git object " + staged)
                .contains("git fsck").doesNotContain("internal error").doesNotContain(PASSWORD);
    }

    @Test
    void stagedScanInABareRepositoryIsAUsageError() throws Exception {
        Path bare = Files.createDirectories(tmp.resolve("bare.git"));
        git(bare, "init", "--quiet", "--bare");

        ProcessRun.Result result = HushProcess.run(bare, "scan", "--staged");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("hush: .: a bare repository has nothing staged; run --staged in a work tree,"
                + " or give --diff a range A..B\n");
    }
}

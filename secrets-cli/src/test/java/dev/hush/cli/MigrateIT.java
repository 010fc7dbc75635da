package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateIT {
    private static final Map<String, String> LEAKY_SECRETS = Map.of(
            "jwt_secret", "hushDemo-jwt-5f2b8e19c4d7a603",
            "postgres_password", "hushDemo-Pg-0a7f3c91e4",
            "redis_password", "hushDemo-redis-41d2c8aa",
            "npm_token", "npm_hushDEMOonlyKLzdocJ2isAjIhKtJ0RlgLKO",
            "stripe_api_key", "sk_test_hushDEMOonlyIBXuDL7DxtpY");

    @TempDir
    Path tmp;

    /** Returns every file under {@code dir} with its bytes, for byte-for-byte comparisons. */

    @Test
    void dryRunPrintsTheDiffWithoutValuesAndWritesNothing() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        Map<String, String> before = Fixtures.snapshot(app);
        ProcessRun.Result result = HushProcess.run(app, "migrate", "--dry-run", ".");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("--- a/compose.yaml").contains("+++ b/compose.yaml")
                .contains("+      - jwt_secret").contains("+ .secrets/jwt_secret.txt (0600");
        LEAKY_SECRETS.values().forEach(value -> assertThat(result.all()).doesNotContain(value));
        assertThat(Fixtures.snapshot(app)).isEqualTo(before);
    }

    @Test
    void dryRunCanPrintThePlanAsJsonWithoutValues() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        ProcessRun.Result result = HushProcess.run(app, "migrate", "--dry-run", "--format", "json", ".");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"decisions\"").contains("\"action\": \"migrate\"").contains("\"secretFiles\"");
        LEAKY_SECRETS.values().forEach(value -> assertThat(result.all()).doesNotContain(value));
    }

    @Test
    void yesMigratesThenASecondRunChangesNothingAndUndoRestoresEveryByte() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        Map<String, String> before = Fixtures.snapshot(app);

        ProcessRun.Result migrated = HushProcess.run(app, "migrate", "--yes", ".");
        assertThat(migrated.exitCode()).as(migrated.all()).isZero();
        LEAKY_SECRETS.values().forEach(value -> assertThat(migrated.all()).doesNotContain(value));
        for (Map.Entry<String, String> secret : LEAKY_SECRETS.entrySet()) {
            Path file = app.resolve(".secrets/" + secret.getKey() + ".txt");
            assertThat(Files.readString(file)).isEqualTo(secret.getValue());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(app.resolve(".secrets"))))
                .isEqualTo("rwx------");
        assertThat(Files.readString(app.resolve(".gitignore"))).contains(".secrets/");
        assertThat(app.resolve("SECRETS-ROTATION.md")).exists();
        String compose = Files.readString(app.resolve("compose.yaml"));
        assertThat(compose).doesNotContain("hushDemo-jwt-5f2b8e19c4d7a603").contains("file: ./.secrets/jwt_secret.txt");

        ProcessRun.Result scan = HushProcess.run(app, "scan", "--format", "json", ".");
        assertThat(scan.out()).doesNotContain("\"rule\": \"compose-inline-secret\"")
                .doesNotContain("\"rule\": \"dotenv-secret\"");

        ProcessRun.Result again = HushProcess.run(app, "migrate", "--yes", ".");
        assertThat(again.exitCode()).isZero();
        // Issue 14, item 9: what is left is listed by location and reason, never as "nothing to migrate".
        assertThat(again.out()).contains("nothing hush can move in .; 2 findings to move by hand:")
                .contains("  Dockerfile:5:5: ENV ADMIN_PASSWORD").contains("  config/deploy.yaml:4:15: ")
                .doesNotContain("nothing to migrate");
        LEAKY_SECRETS.values().forEach(value -> assertThat(again.all()).doesNotContain(value));

        ProcessRun.Result undo = HushProcess.run(app, "migrate", "--undo", ".");
        assertThat(undo.exitCode()).as(undo.all()).isZero();
        assertThat(Fixtures.snapshot(app)).isEqualTo(before);
    }

    /**
     * Issue 14, item 8: a .env value that Compose interpolates moves resolved, as the service got
     * it; one that the environment decides stays, listed with its file, line and reason.
     */
    @Test
    void item8MovesTheResolvedDotenvValueAndListsWhatTheEnvironmentDecides() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("item8"));
        Files.writeString(app.resolve("compose.yaml"), """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                  cache:
                    image: redis:7
                    environment:
                      REDIS_PASSWORD: ${REDIS_PASSWORD}
                """);
        String dotenv = """
                DB_HOST_PART=zq
                DB_PASSWORD="base-${DB_HOST_PART}-Zq81vN3kLx"
                HUSH_IT_PART=from-the-file
                REDIS_PASSWORD=x-${HUSH_IT_PART}-Rt61nC2w
                """;
        Files.writeString(app.resolve(".env"), dotenv);
        Map<String, String> before = Fixtures.snapshot(app);
        // The shell hush runs in sets HUSH_IT_PART, and Compose looks there before the file.
        Map<String, String> env = Map.of("HUSH_IT_PART", "from-the-shell");

        ProcessRun.Result plan = HushProcess.run(app, env, "migrate", "--dry-run", "--format", "json", ".");
        ProcessRun.Result migrated = HushProcess.run(app, env, "migrate", "--yes", ".");

        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("\"action\": \"migrate\"").contains("\"action\": \"manual\"")
                .contains("REDIS_PASSWORD in .env (line 4) is interpolated by Compose")
                .contains("HUSH_IT_PART, which is set in the environment hush runs in");
        assertThat(migrated.exitCode()).as(migrated.all()).isZero();
        assertThat(Files.readString(app.resolve(".secrets/db_password.txt"))).isEqualTo("base-zq-Zq81vN3kLx");
        assertThat(app.resolve(".secrets/redis_password.txt")).doesNotExist();
        assertThat(Files.readString(app.resolve(".env"))).isEqualTo("""
                DB_HOST_PART=zq
                HUSH_IT_PART=from-the-file
                REDIS_PASSWORD=x-${HUSH_IT_PART}-Rt61nC2w
                """);
        assertThat(Files.readString(app.resolve("SECRETS-ROTATION.md"))).contains("Move REDIS_PASSWORD by hand (.env:4)")
                .contains("which is set in the environment hush runs in").doesNotContain("Rt61nC2w", "Zq81vN3kLx");
        for (ProcessRun.Result result : java.util.List.of(plan, migrated)) {
            assertThat(result.all()).doesNotContain("Zq81vN3kLx", "Rt61nC2w", "from-the-shell");
        }

        ProcessRun.Result undo = HushProcess.run(app, env, "migrate", "--undo", ".");
        assertThat(undo.exitCode()).as(undo.all()).isZero();
        assertThat(Files.readString(app.resolve(".env"))).isEqualTo(dotenv);
        assertThat(Fixtures.snapshot(app)).containsAllEntriesOf(before);
    }

    /** Issue 14, item 9: a secret hush cannot move is listed with its file, line and reason, never "nothing to migrate". */
    @Test
    void item9ListsWhatItCannotMoveWithFileLineAndReasonInsteadOfNothingToMigrate() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("item9"));
        Files.writeString(app.resolve("compose.yaml"), """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: hushTest-dup-Rt61nC2w
                      POSTGRES_PASSWORD: hushTest-dup-Mq27vB5k
                """);
        assertThat(HushProcess.run(app, "scan", ".").exitCode()).isEqualTo(ExitCodes.FINDINGS);

        ProcessRun.Result migrated = HushProcess.run(app, "migrate", "--yes", ".");

        assertThat(migrated.exitCode()).as(migrated.all()).isZero();
        assertThat(migrated.out()).doesNotContain("nothing to migrate")
                .contains("nothing hush can move in .; 2 findings to move by hand:")
                .contains("  compose.yaml:5:26: ").contains("  compose.yaml:6:26: ")
                .contains("duplicate key POSTGRES_PASSWORD (first on line 5)");
        assertThat(migrated.all()).doesNotContain("Rt61nC2w", "Mq27vB5k");
    }

    @Test
    void refusesToAskWithoutATerminalAndSaysWhatToRun() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        Map<String, String> before = Fixtures.snapshot(app);
        ProcessRun.Result result = HushProcess.run(app, "migrate", ".");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--dry-run").contains("--yes");
        assertThat(Fixtures.snapshot(app)).isEqualTo(before);
    }

    @Test
    void undoWithNothingToUndoExitsTwo() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        ProcessRun.Result result = HushProcess.run(app, "migrate", "--undo", ".");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("hush: ");
    }

    @Test
    void countsOneFindingInTheSingular() throws Exception {
        Path app = tmp.resolve("one");
        Files.createDirectories(app);
        Files.writeString(app.resolve("compose.yaml"), """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: hushTest-One-7d3a91c2
                """);

        ProcessRun.Result result = HushProcess.run(app, "migrate", "--yes", ".");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("hush: migrated 1 finding:\n").doesNotContain("1 findings")
                .doesNotContain("hushTest-One-7d3a91c2");
    }

    @Test
    void undoWithForceRestoresAFileEditedSinceAndLeavesGitStatusAsBefore() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        commitAll(app);
        Map<String, String> before = Fixtures.snapshot(app);
        String statusBefore = gitStatus(app);
        assertThat(HushProcess.run(app, "migrate", "--yes", ".").exitCode()).isZero();
        Path compose = app.resolve("compose.yaml");
        Files.writeString(compose, Files.readString(compose) + "# edited after the migration\n");

        ProcessRun.Result refused = HushProcess.run(app, "migrate", "--undo", ".");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("compose.yaml").contains("force");

        ProcessRun.Result forced = HushProcess.run(app, "migrate", "--undo", "--force", ".");
        assertThat(forced.exitCode()).as(forced.all()).isZero();
        Map<String, String> after = Fixtures.snapshot(app);
        after.keySet().removeIf(path -> path.startsWith(".hush/") || path.startsWith(".git/"));
        Map<String, String> original = new java.util.TreeMap<>(before);
        original.keySet().removeIf(path -> path.startsWith(".git/"));
        assertThat(after).isEqualTo(original);
        try (var undone = Files.walk(app.resolve(".hush/backup"))) {
            assertThat(undone.filter(p -> p.toString().contains(".undone") && p.endsWith("compose.yaml")))
                    .singleElement().satisfies(p -> assertThat(Files.readString(p)).endsWith("# edited after the migration\n"));
        }
        assertThat(gitStatus(app)).isEqualTo(statusBefore);
    }

    /** Makes {@code dir} a git repository with every file committed. */
    private static void commitAll(Path dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("leaky").setAuthor("Dev", "dev@example.test").setSign(false).call();
        }
    }

    /** Returns what {@code git status --porcelain --untracked-files=all} prints, the way the user sees the project. */
    private static String gitStatus(Path dir) throws Exception {
        Process git = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=all").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /**
     * Drives the interactive flow through a real pseudo-terminal with {@code script}: skip the
     * first finding, migrate all the others, confirm. JLine's dumb terminal on a pipe would not
     * exercise the raw-mode key reading.
     */
    @Test
    void interactiveRunThroughAPseudoTerminalSkipsOneAndMigratesTheRest() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        Path app = Fixtures.copyExample("leaky-app", tmp);
        String command = "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -jar '" + HushProcess.jar()
                + "' migrate --no-color .";
        Process process = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("session.txt").toFile())
                .start();
        try (var keys = process.getOutputStream()) {
            keys.write("sa".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            Thread.sleep(4000);
            // One key, like every other prompt: no Enter after it.
            keys.write("y".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        String session = Files.readString(tmp.resolve("session.txt"));
        assertThat(process.exitValue()).as(session).isZero();
        assertThat(session).contains("[1/").contains("hush: migrated");
        LEAKY_SECRETS.values().forEach(value -> assertThat(session).doesNotContain(value));
        // The first finding asked about is STRIPE_API_KEY in .env: skipped, so it stays inline.
        assertThat(app.resolve(".secrets/stripe_api_key.txt")).doesNotExist();
        assertThat(Files.readString(app.resolve(".env"))).contains("STRIPE_API_KEY=");
        assertThat(Files.readString(app.resolve(".secrets/jwt_secret.txt"))).isEqualTo(LEAKY_SECRETS.get("jwt_secret"));
    }

    @Test
    void untrackRemovesTheEmptiedDotenvFileFromGitsIndexAndKeepsItOnDisk() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        commitAll(app);
        ProcessRun.Result result = HushProcess.run(app, "migrate", "--yes", "--untrack", ".");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains(".env is no longer tracked");
        assertThat(app.resolve(".env")).exists();
        try (Git git = Git.open(app.toFile())) {
            DirCache index = git.getRepository().readDirCache();
            assertThat(index.findEntry(".env")).isNegative();
            assertThat(index.findEntry("compose.yaml")).isNotNegative();
        }
    }
}

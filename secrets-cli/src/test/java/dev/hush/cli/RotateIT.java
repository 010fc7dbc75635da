package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hush.core.migrate.apply.CrashingHush;
import dev.hush.core.migrate.apply.MigrationTransaction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hush rotate} through the built jar, on the leaky example after {@code migrate --yes}:
 * the Postgres password is delivered three ways (the database's {@code POSTGRES_PASSWORD_FILE},
 * the worker's ignored env file, and the password part of the web app's {@code DATABASE_URL}),
 * and one rotation changes all three, or none.
 */
class RotateIT {
    private static final String OLD = "hushDemo-Pg-0a7f3c91e4";
    private static final String SECRET = ".secrets/postgres_password.txt";
    private static final String ENV = ".secrets/worker.env";
    private static final String URL = ".secrets/database_url.txt";
    private static final Pattern URL_PASSWORD = Pattern.compile("^postgres://shop:([^@]*)@db:5432/shop$");
    private static final Pattern ENV_PASSWORD = Pattern.compile("(?m)^POSTGRES_PASSWORD='([^']*)'$");

    @TempDir
    Path tmp;

    /** Copies the leaky example into a git repository with everything committed, then migrates it. */
    private Path migrated(String name) throws Exception {
        Path app = Fixtures.copyExample("leaky-app", Files.createDirectories(tmp.resolve(name)));
        try (Git git = Git.init().setDirectory(app.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("leaky").setAuthor("Dev", "dev@example.test").setCommitter("Dev", "dev@example.test")
                    .setSign(false).call();
        }
        ProcessRun.Result migrate = HushProcess.run(app, "migrate", "--yes", ".");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        assertThat(passwords(app)).containsExactly(OLD, OLD, OLD);
        return app.toRealPath();
    }

    /** Returns the password as the secret file, the worker's env file and the URL hold it (the URL's decoded). */
    private static List<String> passwords(Path app) throws Exception {
        Matcher env = ENV_PASSWORD.matcher(Files.readString(app.resolve(ENV)));
        Matcher url = URL_PASSWORD.matcher(Files.readString(app.resolve(URL)));
        assertThat(env.find()).as(ENV).isTrue();
        assertThat(url.matches()).as(URL).isTrue();
        return List.of(Files.readString(app.resolve(SECRET)), env.group(1),
                java.net.URLDecoder.decode(url.group(1).replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    @Test
    void generatesOneNewValueForTheFileVariableTheEnvFileAndTheUrlAndPrintsNeither() throws Exception {
        Path app = migrated("generate");
        String compose = Files.readString(app.resolve("compose.yaml"));

        ProcessRun.Result rotate = HushProcess.run(app, "rotate", "--generate", "postgres_password", ".");

        assertThat(rotate.exitCode()).as(rotate.all()).isZero();
        List<String> now = passwords(app);
        String fresh = now.get(0);
        assertThat(fresh).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(OLD);
        assertThat(now).containsOnly(fresh);
        assertThat(rotate.all()).doesNotContain(OLD).doesNotContain(fresh)
                .contains("docker compose up -d --force-recreate db web worker")
                .contains("file variable POSTGRES_PASSWORD_FILE of service db")
                .contains("env file .secrets/worker.env: POSTGRES_PASSWORD of service worker")
                .contains("URL part in .secrets/database_url.txt (database_url) of service web")
                .contains("43 random characters");
        assertThat(Files.readString(app.resolve("compose.yaml"))).isEqualTo(compose);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(app.resolve(SECRET))))
                .isEqualTo("rw-------");
        // Nothing git would commit holds the new value.
        Process files = new ProcessBuilder("git", "ls-files", "--cached", "--others", "--exclude-standard")
                .directory(app.toFile()).start();
        for (String file : new String(files.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!file.isEmpty()) {
                assertThat(Files.readString(app.resolve(file), StandardCharsets.ISO_8859_1)).as(file).doesNotContain(fresh);
            }
        }
        assertThat(files.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void writesAValueFromAFileEncodedInTheUrlAndUndoPutsTheOldOneBack() throws Exception {
        Path app = migrated("from-file");
        Map<String, String> before = Fixtures.snapshot(app);
        // Real-looking words, and characters a URL must encode.
        Path value = Files.writeString(tmp.resolve("new-password.txt"), "example admin@2026/x\n");

        ProcessRun.Result rotate = HushProcess.run(app, "rotate", "--from-file", value.toString(), "postgres_password", ".");

        assertThat(rotate.exitCode()).as(rotate.all()).isZero();
        assertThat(passwords(app)).containsOnly("example admin@2026/x");
        assertThat(Files.readString(app.resolve(URL))).isEqualTo("postgres://shop:example%20admin%402026%2Fx@db:5432/shop");
        assertThat(rotate.all()).doesNotContain("admin@2026").doesNotContain("admin%402026").doesNotContain(OLD);

        ProcessRun.Result undo = HushProcess.run(app, "rotate", "--undo", ".");

        assertThat(undo.exitCode()).as(undo.all()).isZero();
        assertThat(undo.out()).contains("restored " + SECRET).contains("restored " + ENV).contains("restored " + URL);
        assertThat(Fixtures.snapshot(app)).isEqualTo(before);
        assertThat(undo.all()).doesNotContain(OLD).doesNotContain("admin@2026");
    }

    @Test
    void listsEverySecretItsDeliveriesServicesAndWhetherItWasCommitted() throws Exception {
        Path app = migrated("list");

        ProcessRun.Result list = HushProcess.run(app, "rotate", "--list", ".");
        ProcessRun.Result json = HushProcess.run(app, "rotate", "--list", "--format", "json", ".");

        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out()).contains("postgres_password  .secrets/postgres_password.txt  COMMITTED in ")
                .contains("  env file .secrets/cache.env: REDIS_PASSWORD of service cache")
                .contains("  build secret npm_token of service web (compose.yaml)")
                .contains("  services: db, web, worker")
                .contains("  rotate: hush rotate postgres_password");
        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(json.out().strip()).startsWith("{").endsWith("}");
        assertThat(json.out()).contains("\"historyRead\": true").contains("\"kind\": \"url_part\"")
                .contains("\"committed\": true").contains("\"inHead\": true");
        for (String value : Fixtures.snapshot(app.resolve(".secrets")).values()) {
            for (String line : value.split("\n")) {
                if (!line.startsWith("#") && line.length() > 8) {
                    String bare = line.contains("='") ? line.substring(line.indexOf("='") + 2, line.length() - 1) : line;
                    assertThat(list.all() + json.all()).doesNotContain(bare);
                }
            }
        }

        // A rotated value was never committed.
        assertThat(HushProcess.run(app, "rotate", "--generate", "redis_password", ".").exitCode()).isZero();
        assertThat(HushProcess.run(app, "rotate", "--list", ".").out())
                .contains("redis_password  .secrets/redis_password.txt  never committed");
    }

    /** Types the new value twice at the hidden prompt, through a real pseudo-terminal as a user would. */
    @Test
    void asksForTheValueHiddenTwiceOnATerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        Path app = migrated("typed");
        String typed = "hushTest-typed-9c1e admin";
        String command = "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -jar '" + HushProcess.jar()
                + "' rotate postgres_password .";
        Path session = tmp.resolve("session.txt");
        Process process = new ProcessBuilder("script", "-qec", command, "/dev/null").directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(session.toFile()).start();
        try (var keys = process.getOutputStream()) {
            // Typed only once hush asks: the terminal itself echoes what is typed before the prompt turns echo off.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(session).contains("New value for postgres_password") && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            for (int i = 0; i < 2; i++) {
                Thread.sleep(1500);
                keys.write((typed + "\r").getBytes(StandardCharsets.UTF_8));
                keys.flush();
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        String seen = Files.readString(session);
        assertThat(process.exitValue()).as(seen).isZero();
        assertThat(seen).contains("New value for postgres_password (3 deliveries)").contains("hush: rotated postgres_password")
                .doesNotContain("hushTest-typed").doesNotContain(OLD);
        assertThat(passwords(app)).containsOnly(typed);
    }

    @Test
    void refusesWithoutAValueSourceOffATerminalAndAnUnknownNameWritingNothing() throws Exception {
        Path app = migrated("refusals");
        Map<String, String> before = Fixtures.snapshot(app);

        ProcessRun.Result noValue = HushProcess.run(app, "rotate", "postgres_password", ".");
        ProcessRun.Result unknown = HushProcess.run(app, "rotate", "--generate", "postgres_pasword", ".");

        assertThat(noValue.exitCode()).isEqualTo(2);
        assertThat(noValue.err()).contains("--generate").contains("--from-file");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no secret named 'postgres_pasword'").contains("postgres_password");
        assertThat(Fixtures.snapshot(app)).isEqualTo(before);
    }

    @Test
    void aKillAtAnyStepOfARotationLeavesAllOldOrAllNewAndTheNextRunRecovers() throws Exception {
        Path scratch = migrated("steps");
        List<String> steps = CrashingHush.steps(() -> assertThat(cli(scratch, "rotate", "--generate", "postgres_password",
                ".")).startsWith("0"));
        assertThat(steps).contains("after-journal", "mid-rename", "before-journal-complete");
        List<String> outcomes = new ArrayList<>();
        for (int step = 1; step <= steps.size(); step++) {
            Path app = migrated("kill-" + step);
            Path marker = tmp.resolve("marker-" + step);
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dcrash.step=" + step, "-Dcrash.marker=" + marker, "-cp", HushProcess.jar() + java.io.File.pathSeparator
                            + Path.of(CrashingHush.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    CrashingHush.class.getName(), "rotate", "--generate", "postgres_password", ".")
                    .directory(app.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            while (process.isAlive() && !Files.exists(marker)) {
                Thread.sleep(2);
            }
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            boolean unfinished = MigrationTransaction.interrupted(app).isPresent();
            List<String> afterKill = passwords(app);
            if (!unfinished) {
                // Killed before the journal started or after it completed: all old or all new already.
                assertThat(afterKill).as("step " + steps.get(step - 1)).containsOnly(afterKill.get(0));
            }
            // The next run recovers first (all old again), then rotates; its undo shows what recovery left.
            String next = cli(app, "rotate", "--generate", "postgres_password", ".");
            assertThat(next).as(next).startsWith("0");
            assertThat(next.contains("first rolled back")).as(next).isEqualTo(unfinished);
            List<String> afterNext = passwords(app);
            assertThat(afterNext).containsOnly(afterNext.get(0));
            assertThat(afterNext.get(0)).isNotEqualTo(OLD).isNotEqualTo(afterKill.get(0));
            assertThat(next).doesNotContain(OLD).doesNotContain(afterNext.get(0));
            assertThat(cli(app, "rotate", "--undo", ".")).startsWith("0");
            List<String> recovered = passwords(app);
            assertThat(recovered).as("step " + steps.get(step - 1) + ": all old or all new").containsOnly(
                    unfinished ? OLD : afterKill.get(0));
            outcomes.add(steps.get(step - 1) + (unfinished ? ": rolled back" : afterKill.get(0).equals(OLD)
                    ? ": nothing written" : ": complete"));
        }
        System.out.println("RotateIT: a kill at each of " + steps.size() + " steps: " + outcomes);
        assertThat(outcomes).anyMatch(o -> o.endsWith("rolled back"));
    }

    /** Runs hush in this JVM, as the next run after a crash would; returns the exit code, stdout and stderr. */
    private static String cli(Path dir, String... args) {
        StringWriter out = new StringWriter();
        picocli.CommandLine commandLine = HushCommand.commandLine(args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        List<String> absolute = new ArrayList<>(List.of(args));
        absolute.set(absolute.size() - 1, dir.toString());
        int code = commandLine.execute(absolute.toArray(String[]::new));
        return code + " " + out;
    }
}

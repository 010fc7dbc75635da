package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.format.dockerfile.DockerIgnore;
import dev.hush.core.migrate.UnfinishedMigration;
import dev.hush.core.migrate.apply.CrashingHush;
import dev.hush.core.migrate.apply.MigrationTransaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: kills the built jar (SIGKILL, SIGTERM, SIGINT) at seeded random points of a whole
 * {@code migrate --yes} and a whole {@code migrate --undo}, with the user editing files between
 * the crash and the next run in some trials. While it runs, and after, every file holding a
 * secret that is not where the user had it is ignored by git and left out of every build context
 * that holds it by the context's docker-ignore file; after the next run no value and
 * no user edit is lost, and that run said what it recovered. {@code -Dhush.crashTrials=200}
 * (the {@code load} profile) runs more trials; {@code -Dhush.crashSeed} picks another seed.
 */
class CrashRecoveryIT {
    private static final int TRIALS = Integer.getInteger("hush.crashTrials", 20);
    private static final long SEED = Long.getLong("hush.crashSeed", 14L);
    /** Runs only this trial, to look into one that failed. */
    private static final int ONLY = Integer.getInteger("hush.crashTrial", -1);
    /** Signals drawn below this many milliseconds land at the step; the rest up to half as much again after it. */
    private static final long AT_STEP_MILLIS = 250;
    private static final String EDIT = "# edited by the user after the crash, trial ";

    @TempDir
    static Path tmp;

    private static List<String> values;
    private static Set<String> originalHolders;
    private static int applySteps;
    private static int undoSteps;
    private static final Map<String, Integer> STATS = new TreeMap<>();
    private static long started;

    enum Operation { APPLY, UNDO }

    enum Signal { KILL, TERM, INT }

    @BeforeAll
    static void countTheSteps() throws Exception {
        started = System.nanoTime();
        Path scratch = project("scratch");
        originalHolders = new HashSet<>();
        applySteps = CrashingHush.steps(() -> assertThat(cli(scratch, "migrate", "--yes")).startsWith("0")).size();
        values = new ArrayList<>();
        try (Stream<Path> secrets = Files.list(scratch.resolve(".secrets"))) {
            for (Path secret : (Iterable<Path>) secrets::iterator) {
                if (secret.getFileName().toString().endsWith(".env")) {
                    // A service's env file holds several values, each as KEY='value': each must survive on its own.
                    for (String line : Files.readAllLines(secret)) {
                        int equals = line.indexOf('=');
                        if (equals > 0 && !line.startsWith("#")) {
                            String value = line.substring(equals + 1);
                            values.add(value.length() > 1 && value.startsWith("'") && value.endsWith("'")
                                    ? value.substring(1, value.length() - 1) : value);
                        }
                    }
                } else {
                    values.add(Files.readString(secret));
                }
            }
        }
        undoSteps = CrashingHush.steps(() -> assertThat(cli(scratch, "migrate", "--undo")).startsWith("0")).size();
        originalHolders.addAll(holders(scratch));
        assertThat(values).isNotEmpty();
        assertThat(originalHolders).isNotEmpty();
        System.out.printf("CrashRecoveryIT: %d values, %d apply steps, %d undo steps, %d trials, seed %d%n",
                values.size(), applySteps, undoSteps, TRIALS, SEED);
    }

    @AfterAll
    static void printFigures() {
        System.out.printf("CrashRecoveryIT: %d trials in %.1f s: %s%n", TRIALS, (System.nanoTime() - started) / 1e9, STATS);
    }

    @TestFactory
    Stream<DynamicTest> recoversFromAKillAtAnyPointOfAnApplyOrAnUndo() {
        return IntStream.range(0, TRIALS).filter(trial -> ONLY < 0 || trial == ONLY).mapToObj(trial -> {
            Random random = new Random(SEED * 1_000_003 + trial);
            Operation operation = Operation.values()[(trial / Signal.values().length) % 2];
            Signal signal = Signal.values()[trial % Signal.values().length];
            int step = 1 + random.nextInt(operation == Operation.APPLY ? applySteps : undoSteps);
            long delay = random.nextInt((int) (AT_STEP_MILLIS * 3 / 2));
            boolean edit = random.nextInt(3) == 0;
            String name = "trial " + trial + ": " + signal + " during " + operation + " at step " + step + " + " + delay
                    + " ms" + (edit ? ", then the user edits" : "");
            return DynamicTest.dynamicTest(name, () -> trial(trial, operation, signal, step, delay, edit));
        });
    }

    @Test
    void scanAndDryRunMentionAMigrationThatWasKilled() throws Exception {
        Path dir = project("killed-then-scanned");
        Path marker = tmp.resolve("marker-scanned");
        // Past the journal's first write, before the last rename: the migration is half done.
        Process process = start(dir, Operation.APPLY, Math.max(2, applySteps / 2), marker, tmp.resolve("err-scanned"));
        while (process.isAlive() && !Files.exists(marker)) {
            Thread.sleep(2);
        }
        process.destroyForcibly().waitFor();

        ProcessRun.Result scan = HushProcess.run(dir, "scan", "--format", "json", ".");
        assertThat(scan.err()).contains("hush: note:").contains("interrupted");
        assertThat(scan.out().strip()).startsWith("{").endsWith("}");
        ProcessRun.Result dryRun = HushProcess.run(dir, "migrate", "--dry-run", ".");
        assertThat(dryRun.err()).contains("hush: note:").contains("interrupted");
    }

    private void trial(int trial, Operation operation, Signal signal, int step, long delay, boolean edit) throws Exception {
        Path dir = project("trial-" + trial);
        if (operation == Operation.UNDO) {
            assertThat(cli(dir, "migrate", "--yes")).startsWith("0");
        }
        Path marker = tmp.resolve("marker-" + trial);
        Path err = tmp.resolve("err-" + trial);
        Process process = start(dir, operation, step, marker, err);
        boolean sent = false;
        while (process.isAlive()) {
            assertIgnored(dir, "while hush runs");
            if (!sent && Files.exists(marker)) {
                // The driver waits at the step until told to go: a signal before that lands exactly there,
                // one after it lands somewhere in the work that follows.
                Path go = marker.resolveSibling(marker.getFileName() + ".go");
                if (delay < AT_STEP_MILLIS) {
                    Thread.sleep(delay);
                    send(process, signal);
                    awaitShutdown(marker, signal);
                    Files.writeString(go, "go");
                } else {
                    Files.writeString(go, "go");
                    Thread.sleep(delay - AT_STEP_MILLIS);
                    send(process, signal);
                }
                sent = true;
            }
            Thread.sleep(5);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        assertIgnored(dir, "after the " + signal);
        Optional<UnfinishedMigration> unfinished = MigrationTransaction.interrupted(dir);
        count(sent ? signal + " " + operation : "finished before the signal " + operation);
        if (sent && signal != Signal.KILL) {
            // The shutdown hook rolled back (or finished) the transaction and said so, once.
            assertThat(unfinished).as(errors).isEmpty();
            long lines = errors.lines().filter(line -> line.startsWith("hush: interrupted")).count();
            assertThat(lines).as(errors).isLessThanOrEqualTo(1);
            if (delay < AT_STEP_MILLIS) {
                assertThat(lines).as("the signal came during the transaction at " + Files.readString(marker) + "; exit "
                        + process.exitValue() + ", stderr: " + errors).isEqualTo(1);
                assertThat(process.exitValue()).isEqualTo(signal == Signal.TERM ? 143 : 130);
            }
        }
        if (unfinished.isPresent()) {
            count("left unfinished");
        }
        if (edit) {
            count("user edits");
            for (String file : List.of("compose.yaml", ".env")) {
                Files.writeString(dir.resolve(file), EDIT + trial + "\n", StandardOpenOption.APPEND);
            }
        }

        // The next run: the same command again after an interrupted undo, else a migrate (which also
        // takes over a lock that a kill left after the journal was closed).
        String next = cli(dir, "migrate", operation == Operation.UNDO && unfinished.isPresent() ? "--undo" : "--yes");

        assertThat(next).as(next).startsWith("0");
        if (unfinished.isPresent()) {
            assertThat(next).containsAnyOf("first rolled back an interrupted migration", "first finished an interrupted undo");
        }
        assertThat(MigrationTransaction.interrupted(dir)).isEmpty();
        assertIgnored(dir, "after the next run");
        String everything = workingFiles(dir);
        for (String value : values) {
            assertThat(everything.contains(value)).as("a value is still in a working file; " + next).isTrue();
        }
        if (edit) {
            for (String file : List.of("compose.yaml", ".env")) {
                assertThat(Files.readString(dir.resolve(file))).as(file + "; " + next).contains(EDIT + trial + "\n");
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).noneMatch(path -> path.endsWith(".hush-tmp") || path.endsWith("/.hush/lock"));
        }
        try (Stream<Path> temps = Files.list(dir.resolve(".hush/tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    private static Process start(Path dir, Operation operation, int step, Path marker, Path err) throws IOException {
        Path testClasses;
        try {
            testClasses = Path.of(CrashingHush.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> command = new ArrayList<>();
        if (defaultSignalWorks()) {
            // A JVM started with SIGINT ignored (as background jobs are) never handles it: give it the default back.
            command.addAll(List.of("env", "--default-signal=INT,TERM"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Dcrash.step=" + step, "-Dcrash.marker=" + marker, 
                "-cp", HushProcess.jar() + java.io.File.pathSeparator + testClasses,
                CrashingHush.class.getName(), "migrate", operation == Operation.APPLY ? "--yes" : "--undo", "."));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
    }

    private static Boolean defaultSignal;

    private static synchronized boolean defaultSignalWorks() {
        if (defaultSignal == null) {
            try {
                defaultSignal = new ProcessBuilder("env", "--default-signal=INT,TERM", "true").start().waitFor() == 0;
            } catch (IOException | InterruptedException e) {
                defaultSignal = false;
            }
        }
        return defaultSignal;
    }

    /** Waits until the JVM began its shutdown on {@code signal}, so the transaction sees it at this step. */
    private static void awaitShutdown(Path marker, Signal signal) throws InterruptedException {
        if (signal == Signal.KILL) {
            return;
        }
        Path signalled = marker.resolveSibling(marker.getFileName() + ".signalled");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(signalled) && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        // The guard's hook started with the driver's; give it a moment to mark the transaction.
        Thread.sleep(50);
    }

    private static void send(Process process, Signal signal) throws IOException, InterruptedException {
        switch (signal) {
            case KILL -> process.destroyForcibly();
            case TERM -> process.destroy();
            case INT -> new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        }
    }

    /**
     * Copies the leaky example into a new git repository, its Dockerfile copying the whole build
     * context ({@code COPY . .}), so that a secret file the context's {@code .dockerignore} missed
     * would be baked into the image.
     */
    private static Path project(String name) throws Exception {
        Path dir = Fixtures.copyExample("leaky-app", Files.createDirectories(tmp.resolve(name)));
        Path dockerfile = dir.resolve("Dockerfile");
        String text = Files.readString(dockerfile);
        assertThat(text).contains("COPY server.js ./");
        Files.writeString(dockerfile, text.replace("COPY server.js ./", "COPY . ."));
        Git.init().setDirectory(dir.toFile()).call().close();
        return dir.toRealPath();
    }

    @Test
    void theDockerIgnoreCheckSeesASecretFileThatABuildContextWouldSend() throws Exception {
        Path dir = project("docker-ignore-check");
        Files.createDirectories(dir.resolve(".secrets"));
        Files.writeString(dir.resolve(".secrets/planted.txt"), values.get(0));

        assertThat(notDockerIgnored(dir, List.of(".secrets/planted.txt"))).containsExactly(".secrets/planted.txt");
        Files.writeString(dir.resolve(".dockerignore"), "/.secrets/\n");
        assertThat(notDockerIgnored(dir, List.of(".secrets/planted.txt"))).isEmpty();
        // Docker reads <Dockerfile>.dockerignore instead of .dockerignore when there is one.
        Files.writeString(dir.resolve("Dockerfile.dockerignore"), "node_modules\n");
        assertThat(notDockerIgnored(dir, List.of(".secrets/planted.txt"))).containsExactly(".secrets/planted.txt");
    }

    /** Runs hush in this JVM, as the next run after a crash would; returns the exit code, stdout and stderr. */
    private static String cli(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(dir.toString());
        String[] argv = all.toArray(String[]::new);
        StringWriter out = new StringWriter();
        picocli.CommandLine commandLine = HushCommand.commandLine(argv);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        int code = commandLine.execute(argv);
        return code + " " + out;
    }

    /** Asserts that git ignores every file holding a value that is not where the user had values before hush. */
    private static void assertIgnored(Path dir, String when) throws IOException, InterruptedException {
        List<String> holders = holders(dir);
        holders.removeAll(originalHolders);
        if (holders.isEmpty()) {
            return;
        }
        // Asking git costs a process: ask again only when the files or the ignore rules changed.
        String state = dir + "\n" + holders + "\n" + read(dir.resolve(".gitignore")) + read(dir.resolve(".hush/.gitignore"))
                + "\n" + read(dir.resolve(".dockerignore")) + read(dir.resolve("Dockerfile.dockerignore"));
        if (state.equals(lastChecked)) {
            return;
        }
        assertThat(notDockerIgnored(dir, holders)).as("files holding a secret that docker build would send, " + when)
                .isEmpty();
        count("observations of the docker-ignore files");
        Process git = new ProcessBuilder("git", "-C", dir.toString(), "check-ignore", "--no-index", "--stdin")
                .redirectErrorStream(true).start();
        git.getOutputStream().write(String.join("\n", holders).concat("\n").getBytes(StandardCharsets.UTF_8));
        git.getOutputStream().close();
        Set<String> ignored = new HashSet<>(List.of(new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .split("\n")));
        git.waitFor();
        List<String> exposed = new ArrayList<>(holders);
        exposed.removeAll(ignored);
        // A file renamed away between the walk and git's look is no longer there to commit.
        exposed.removeIf(path -> !Files.exists(dir.resolve(path)));
        assertThat(exposed).as("files holding a secret that git would commit, " + when).isEmpty();
        lastChecked = state;
        count("observations by git check-ignore");
    }

    private static String lastChecked = "";

    /**
     * Returns those of the files {@code holders} (project-relative) that a build context holding
     * them would send to {@code docker build}: every folder with a {@code Dockerfile} is a context,
     * read with its {@code Dockerfile.dockerignore}, else its {@code .dockerignore}, with Docker's
     * matching rules ({@link DockerIgnore}). A backup under {@code .hush/backup/} counts only for
     * the values that the user's own files there no longer send: after an undo the restored files
     * hold them again, and the backups stay.
     */
    private static List<String> notDockerIgnored(Path dir, List<String> holders) throws IOException {
        List<Path> contexts;
        try (Stream<Path> files = Files.walk(dir)) {
            contexts = files.filter(f -> f.getFileName().toString().equals("Dockerfile"))
                    // hush's backup of the Dockerfile is no build context.
                    .filter(f -> !dir.relativize(f).toString().startsWith(".git/")
                            && !dir.relativize(f).toString().startsWith(".hush/"))
                    .map(Path::getParent).toList();
        } catch (java.io.UncheckedIOException e) {
            // A folder went away during the walk; the next poll looks again.
            return List.of();
        }
        assertThat(contexts).as("build contexts").isNotEmpty();
        List<String> exposed = new ArrayList<>();
        for (Path context : contexts) {
            Path own = context.resolve("Dockerfile.dockerignore");
            Path shared = context.resolve(".dockerignore");
            DockerIgnore rules = Files.isRegularFile(own) ? DockerIgnore.parse(read(own))
                    : Files.isRegularFile(shared) ? DockerIgnore.parse(read(shared)) : DockerIgnore.none();
            // The values the user's own files send from this context anyway (before the migration, or after an undo).
            Set<String> sentAnyway = new HashSet<>();
            for (String holder : originalHolders) {
                Path file = dir.resolve(holder);
                if (file.startsWith(context) && !rules.excludes(context.relativize(file).toString().replace('\\', '/'))) {
                    String text = read(file);
                    values.stream().filter(text::contains).forEach(sentAnyway::add);
                }
            }
            for (String holder : holders) {
                Path file = dir.resolve(holder);
                if (!file.startsWith(context) || !Files.exists(file)
                        || rules.excludes(context.relativize(file).toString().replace('\\', '/'))) {
                    continue;
                }
                // A backup is a copy of the user's files: it adds nothing while they still send the same values.
                String text = read(file);
                boolean onlyWhatTheUserSends = holder.startsWith(".hush/backup/")
                        && values.stream().filter(text::contains).allMatch(sentAnyway::contains);
                if (!onlyWhatTheUserSends) {
                    exposed.add(holder);
                }
            }
        }
        return exposed;
    }

    /** Returns the files (outside .git) that hold one of the values. */
    private static List<String> holders(Path dir) {
        List<String> holders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = dir.relativize(file).toString();
                if (name.equals(".git") || name.startsWith(".git/") || !Files.isRegularFile(file)) {
                    continue;
                }
                String text = read(file);
                if (values.stream().anyMatch(text::contains)) {
                    holders.add(name);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // A folder went away during the walk; the next poll looks again.
        }
        return holders;
    }

    /** Returns the text of every file outside .git and .hush: where a value must still be after recovery. */
    private static String workingFiles(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = dir.relativize(file).toString();
                if (Files.isRegularFile(file) && !name.startsWith(".git/") && !name.startsWith(".hush/")) {
                    all.append(read(file)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static synchronized void count(String what) {
        STATS.merge(what, 1, Integer::sum);
    }
}

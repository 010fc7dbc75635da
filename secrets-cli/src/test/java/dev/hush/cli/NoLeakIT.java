package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command and format on the leaky demo, in a git repository whose history holds
 * more planted values, and checks that no planted value reaches any output or any file hush
 * writes, except {@code .secrets/}, the backups under {@code .hush/backup/} (0600 in 0700),
 * {@code --show-secrets} output and the purge plan (0600).
 */
class NoLeakIT {
    /** Every value planted in examples/leaky-app, plus those only in history and in broken files. */
    private static final List<String> PLANTED = List.of(
            "hushDemo-Pg-0a7f3c91e4", "npm_hushDEMOonlyKLzdocJ2isAjIhKtJ0RlgLKO", "hushDemo-jwt-5f2b8e19c4d7a603",
            "hushDemo-session-7c1e9b", "sk_test_hushDEMOonlyIBXuDL7DxtpY", "hushDemo-session-from-dotenv-2b7c",
            "hushDemo-redis-41d2c8aa", "hushDemo-admin-93b1f0", "ghp_hushDEMOonlyu8jzPde0IgxLd6GncfBAepfJ",
            HistoryValues.REMOVED, HistoryValues.STAGED, HistoryValues.BROKEN);

    /** Values that exist only in git history, the index or broken files. */
    private static final class HistoryValues {
        static final String REMOVED = "hushHist-api-7d1c0e52b9aa";
        static final String STAGED = "hushStaged-smtp-31f9c7d2";
        static final String BROKEN = "hushBroken-pw-8e2a41c7";
    }

    @TempDir
    Path tmp;

    private final List<String> problems = new ArrayList<>();
    /** The files before the first migration: undo may write them back, byte for byte, and nothing else. */
    private Map<String, String> beforeMigration = Map.of();

    @Test
    void noPlantedValueAppearsInAnyOutputOrWrittenFile() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (Git git = Git.init().setDirectory(app.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            commit(git, "the leaky shop");
            Files.writeString(app.resolve("old.env"), "API_TOKEN=" + HistoryValues.REMOVED + "\n");
            git.add().addFilepattern("old.env").call();
            commit(git, "add old.env");
            git.rm().addFilepattern("old.env").call();
            commit(git, "remove old.env");
            Files.writeString(app.resolve("staged.env"), "SMTP_PASSWORD=" + HistoryValues.STAGED + "\n");
            git.add().addFilepattern("staged.env").call();
        }

        run(app, "scan");
        run(app, "scan", "--format", "json");
        run(app, "scan", "--format", "sarif");
        run(app, "scan", "--format", "json", "-o", out.resolve("scan.json").toString());
        run(app, "scan", "--format", "sarif", "-o", out.resolve("scan.sarif").toString());
        run(app, "scan", "-o", out.resolve("scan.txt").toString());
        run(app, "scan", "--staged");
        run(app, "scan", "--staged", "--format", "json");
        run(app, "scan", "--diff", "HEAD~1");
        run(app, "scan", "--diff", "HEAD~2..HEAD", "--format", "sarif");
        run(app, "baseline", "-o", out.resolve("baseline").toString());
        run(app, "scan", "--baseline", out.resolve("baseline").toString());
        run(app, "history");
        run(app, "history", "--format", "json");
        run(app, "history", "--format", "sarif", "-o", out.resolve("history.sarif").toString());
        Path purgePlan = tmp.resolve("purge-plan.txt");
        run(app, "history", "--purge-plan", purgePlan.toString());
        run(app, "migrate", "--dry-run");
        run(app, "migrate", "--dry-run", "--format", "json");
        run(app, "migrate", "--dry-run", "--harden");
        beforeMigration = files(tmp);
        run(app, "migrate", "--yes");
        run(app, "scan");
        run(app, "migrate", "--dry-run");
        run(app, "migrate", "--undo");
        run(app, "migrate", "--yes");
        run(app, "rotate", "--list");
        run(app, "rotate", "--list", "--format", "json");
        run(app, "rotate", "--dry-run", "--generate", "postgres_password");
        run(app, "rotate", "--generate", "postgres_password");
        run(app, "rotate", "--undo");
        run(app, "rotate", "--generate", "no_such_secret");
        run(app, "rules");
        run(app, "hook", "install");
        run(app, "completion", "bash");
        for (String command : List.of("scan", "baseline", "history", "migrate", "rotate", "rules", "hook",
                "completion")) {
            run(app, command, "--help");
        }
        run(app, "hook", "install", "--help");
        run(app, "--help");
        run(app, "--version");
        run(app, Map.of("HUSH_DEBUG", "1"), "scan", "--format", "json");

        // Error paths: a broken compose file, a bad .hush.yaml, an unknown option, a missing path.
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("compose.yaml"), "services:\n  db:\n    image: postgres\n    environment:\n"
                + "      POSTGRES_PASSWORD: \"" + HistoryValues.BROKEN + "\n  - [oops: " + HistoryValues.BROKEN + "\n");
        run(broken, "scan");
        run(broken, "scan", "--format", "sarif");
        run(broken, "migrate", "--dry-run");
        run(broken, "migrate", "--yes");
        Path badConfig = Files.createDirectories(tmp.resolve("bad-config"));
        Files.writeString(badConfig.resolve(".hush.yaml"), "allow:\n  - \"" + HistoryValues.BROKEN + "\n: [\n");
        Files.writeString(badConfig.resolve("compose.yaml"), "services:\n  db:\n    image: postgres\n    environment:\n"
                + "      POSTGRES_PASSWORD: " + HistoryValues.BROKEN + "\n");
        run(badConfig, "scan");
        run(badConfig, "migrate", "--dry-run");
        run(badConfig, "rules");
        run(app, "scan", "--no-such-option");
        run(app, "scan", tmp.resolve("missing").toString());
        run(app, "migrate", "--undo", tmp.resolve("missing").toString());

        // --show-secrets is the way to see them: it must work, and is the only output allowed to.
        ProcessRun.Result shown = HushProcess.run(app, "scan", "--show-secrets", "--format", "json", ".");
        assertThat(shown.out()).contains("ghp_hushDEMOonlyu8jzPde0IgxLd6GncfBAepfJ");

        assertThat(Files.readString(purgePlan)).contains(HistoryValues.REMOVED);
        assertThat(mode(purgePlan)).isEqualTo("rw-------");
        checkBackups(app);
        assertThat(problems).isEmpty();
    }

    /** Runs hush in {@code dir} and records a problem for every planted value in its output or in a file it wrote. */
    private void run(Path dir, String... args) throws Exception {
        run(dir, Map.of(), args);
    }

    private void run(Path dir, Map<String, String> env, String... args) throws Exception {
        Map<String, String> before = files(tmp);
        ProcessRun.Result result = HushProcess.run(dir, env, args);
        String command = "hush " + String.join(" ", args);
        for (String value : PLANTED) {
            if (result.out().contains(value)) {
                problems.add(command + ": stdout holds " + value);
            }
            if (result.err().contains(value)) {
                problems.add(command + ": stderr holds " + value);
            }
        }
        Map<String, String> after = files(tmp);
        for (Map.Entry<String, String> file : after.entrySet()) {
            String was = before.get(file.getKey());
            boolean restored = List.of(args).contains("--undo") && file.getValue().equals(beforeMigration.get(file.getKey()));
            if (file.getValue().equals(was) || restored) {
                continue;
            }
            for (String value : PLANTED) {
                // A file may keep a value it already held (a finding left to the user); hush must not add one.
                if (file.getValue().contains(value) && (was == null || !was.contains(value))) {
                    problems.add(command + ": wrote " + value + " into " + file.getKey());
                }
            }
        }
    }

    /** Returns the text of every file under {@code root} that hush may write and that must stay clean. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/');
                boolean gitInternals = name.contains("/.git/") && !name.contains("/.git/hooks/");
                boolean allowed = name.contains("/.secrets/") || name.contains("/.hush/backup/")
                        || name.equals("purge-plan.txt");
                if (!gitInternals && !allowed) {
                    files.put(name, Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }

    /** Checks that backups, which hold the original files, are 0600 in 0700 folders. */
    private void checkBackups(Path app) throws IOException {
        Path backups = app.resolve(".hush/backup");
        assertThat(backups).isDirectory();
        Map<String, String> modes = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(backups)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                if (!mode(path).equals(expected)) {
                    modes.put(app.relativize(path).toString(), mode(path));
                }
            }
        }
        assertThat(modes).as("backups not private").isEmpty();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static void commit(Git git, String message) throws Exception {
        git.commit().setMessage(message).setAuthor("Dev", "dev@example.test").setCommitter("Dev", "dev@example.test")
                .setSign(false).call();
    }
}

package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the jar with the arguments and files users get wrong; each is one line and exit 2, never an internal error. */
class BadArgumentsIT {
    private static final String VALUE = BadArgumentsTest.VALUE;

    @TempDir
    Path tmp;

    private Path project;

    @BeforeEach
    void writeALeakyProject() throws IOException {
        project = Files.createDirectories(tmp.resolve("my project"));
        Files.writeString(project.resolve("compose.yaml"), BadArgumentsTest.LEAKY_COMPOSE);
    }

    private static void assertOneLineUsageError(ProcessRun.Result result, String start) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).startsWith("hush: " + start).hasLineCount(1).doesNotContain("internal error");
        assertThat(result.all()).doesNotContain(VALUE);
    }

    @Test
    void migrateOptionsOutsideTheProjectAreUsageErrorsThatNameTheOption() throws Exception {
        for (String[] option : List.of(new String[] {"--checklist", "../x.md"}, new String[] {"--checklist", "/tmp/x.md"},
                new String[] {"--checklist", ""}, new String[] {"--secrets-dir", ".."}, new String[] {"--secrets-dir", "."},
                new String[] {"--secrets-dir", tmp.resolve("elsewhere").toString()})) {
            ProcessRun.Result result = HushProcess.run(project, "migrate", "--dry-run", option[0], option[1], ".");
            assertOneLineUsageError(result, option[0] + " '" + option[1] + "'");
        }
        assertThat(tmp.resolve("x.md")).doesNotExist();
        assertThat(tmp.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void migrateDryRunPlansAnEnvironmentKeyOfAHundredCharacters() throws Exception {
        String key = "K".repeat(91) + "_PASSWORD";
        Files.writeString(project.resolve("compose.yaml"),
                "services:\n  api:\n    image: example/api:1\n    environment:\n      " + key + ": " + VALUE + "\n");

        ProcessRun.Result result = HushProcess.run(project, "migrate", "--dry-run", ".");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).containsPattern("\\+ \\.secrets/k{40,}_[0-9a-f]{8}\\.txt \\(0600");
        assertThat(result.all()).doesNotContain(VALUE);
    }

    @Test
    void onlyAcceptsARuleIdOrAPathAndListsRuleIdsLikeTheTypo() throws Exception {
        ProcessRun.Result result = HushProcess.run(project, "migrate", "--dry-run", "--only", "compose-inline", ".");
        assertOneLineUsageError(result, "--only 'compose-inline': neither a rule id nor a file or folder");
        assertThat(result.err()).contains("compose-inline-secret");
    }

    @Test
    void dryRunAsJsonPrintsJsonForNothingToMigrateAndForAnError() throws Exception {
        Path clean = Files.createDirectories(tmp.resolve("clean"));
        Files.writeString(clean.resolve("compose.yaml"), "services:\n  web:\n    image: nginx\n");
        ProcessRun.Result nothing = HushProcess.run(clean, "migrate", "--dry-run", "--format", "json", ".");
        assertThat(nothing.exitCode()).as(nothing.all()).isZero();
        assertThat(nothing.out()).startsWith("{").contains("\"decisions\": []").endsWith("}\n");

        ProcessRun.Result error = HushProcess.run(project, "migrate", "--dry-run", "--format", "json", "--only", "x", ".");
        assertThat(error.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(error.out()).startsWith("{").contains("\"error\": \"--only 'x'").endsWith("}\n");
    }

    @Test
    void aScanInWhichEveryFileFailedToParseExitsTwoWithTheCount() throws Exception {
        Files.writeString(project.resolve("compose.yaml"), "services:\n  db:\n\timage: x\n");
        Files.writeString(project.resolve("docker-compose.yml"),
                "services:\n  db:\n    image: postgres\n    command: *hushTestAliasName77\n");

        ProcessRun.Result result = HushProcess.run(project, "scan", ".");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("hush: all 2 files failed to parse");
        // The alias error names the line, not the value after the '*'.
        assertThat(result.out()).contains("docker-compose.yml:4: invalid YAML: an alias (*name) refers to no anchor");
        assertThat(result.all()).doesNotContain("hushTestAliasName77");
    }

    @Test
    void aFileOrAMissingFolderGivenAsTheProjectIsAUsageError() throws Exception {
        assertOneLineUsageError(HushProcess.run(project, "migrate", "--dry-run", "compose.yaml"),
                "compose.yaml is not a folder");
        assertOneLineUsageError(HushProcess.run(project, "migrate", "--undo", "no such"), "no such: no such folder");
        assertOneLineUsageError(HushProcess.run(project, "scan", "--config", ".", "."), ".: is a folder");
    }

    @Test
    void pathsWithSpacesBackslashesAndNewlinesAreScannedAndNamedOnOneLine() throws Exception {
        for (String name : List.of("back\\slash", "new\nline")) {
            Path odd = Files.createDirectories(tmp.resolve(name));
            Files.copy(project.resolve("compose.yaml"), odd.resolve("compose.yaml"));
            ProcessRun.Result scan = HushProcess.run(tmp, "scan", name);
            assertThat(scan.exitCode()).as(scan.all()).isEqualTo(ExitCodes.FINDINGS);
            ProcessRun.Result plan = HushProcess.run(tmp, "migrate", "--dry-run", name);
            assertThat(plan.exitCode()).as(plan.all()).isZero();
            assertOneLineUsageError(HushProcess.run(tmp, "migrate", "--dry-run", name + "/compose.yaml"),
                    name.replace('\n', '?') + "/compose.yaml is not a folder");
        }
    }

    @Test
    void anUnreadableFolderIsNamedAsAPermissionError() throws Exception {
        assumeTrue(isRoot() && Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs root and runuser to act as nobody");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("---------"));
        for (String command : List.of("scan", "migrate --dry-run", "baseline")) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add(project.toString());
            Process process = asNobody(args);
            String err = new String(process.getErrorStream().readAllBytes());
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(err).isEqualTo(ExitCodes.ERROR);
            assertThat(err).isEqualTo("hush: " + project + ": permission denied; run hush as a user who may read it\n");
        }
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes()).strip();
        return id.waitFor() == 0 && uid.equals("0");
    }

    private Process asNobody(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", HushProcess.jar().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("HOME", tmp.toString()));
        return builder.start();
    }
}

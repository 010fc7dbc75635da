package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanIT {
    /** The fake values planted in examples/leaky-app. */
    private static final List<String> LEAKY_VALUES = List.of(
            "hushDemo-Pg-0a7f3c91e4", "npm_hushDEMOonlyKLzdocJ2isAjIhKtJ0RlgLKO", "hushDemo-jwt-5f2b8e19c4d7a603",
            "hushDemo-session-7c1e9b", "hushDemo-redis-41d2c8aa", "hushDemo-admin-93b1f0",
            "sk_test_hushDEMOonlyIBXuDL7DxtpY", "hushDemo-session-from-dotenv-2b7c",
            "ghp_hushDEMOonlyu8jzPde0IgxLd6GncfBAepfJ");

    @TempDir
    Path tmp;

    @Test
    void findsAllThreeCardsInTheLeakyExampleAndExitsOne() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        ProcessRun.Result result = HushProcess.run(app, "scan", ".");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out()).contains("inline-secret").contains("privileged").contains("docker-socket")
                .contains("compose.yaml").contains("Dockerfile").contains(".env").contains("config/deploy.yaml");
    }

    @Test
    void neverPrintsAPlantedValueWithoutShowSecrets() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        for (String format : List.of("text", "json", "sarif")) {
            ProcessRun.Result result = HushProcess.run(app, "scan", "--format", format, ".");
            assertThat(result.exitCode()).isEqualTo(1);
            for (String value : LEAKY_VALUES) {
                assertThat(result.all()).as(format).doesNotContain(value);
            }
        }
    }

    @Test
    void showsValuesWhenAsked() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        ProcessRun.Result result = HushProcess.run(app, "scan", "--show-secrets", ".");
        assertThat(result.out()).contains("hushDemo-redis-41d2c8aa");
    }

    @Test
    void writesTheReportToAFileWithOutput() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        Path report = tmp.resolve("report.sarif");
        ProcessRun.Result result = HushProcess.run(app, "scan", "--format", "sarif", "-o", report.toString(), ".");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).contains("\"version\": \"2.1.0\"");
    }

    @Test
    void listsVendoredDependenciesAsSkippedAndScansThemWhenAsked() throws Exception {
        Path module = Files.createDirectories(tmp.resolve("node_modules/pad"));
        Files.writeString(module.resolve("test.env"), "DB_PASSWORD=hushTest-Pg-9c41e7aa02\n");
        ProcessRun.Result skipped = HushProcess.run(tmp, "scan", ".");
        assertThat(skipped.exitCode()).as(skipped.all()).isEqualTo(0);
        assertThat(skipped.out()).contains("skipped: node_modules/: vendored dependencies (npm), not scanned;"
                + " --include-vendored").contains("no findings");
        ProcessRun.Result scanned = HushProcess.run(tmp, "scan", "--include-vendored", ".");
        assertThat(scanned.exitCode()).as(scanned.all()).isEqualTo(1);
        assertThat(scanned.out()).contains("node_modules/pad/test.env").doesNotContain("skipped:");
    }

    @Test
    void exitsZeroOnACleanProject() throws Exception {
        Files.writeString(tmp.resolve("compose.yaml"), "services:\n  web:\n    image: nginx\n");
        ProcessRun.Result result = HushProcess.run(tmp, "scan");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(result.out()).contains("no findings");
    }

    @Test
    void exitsTwoWithOneLineForAMissingPath() throws Exception {
        ProcessRun.Result result = HushProcess.run(tmp, "scan", "does-not-exist");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("hush: does-not-exist: no such file or folder");
    }

    @Test
    void exitsTwoForAnUnknownOption() throws Exception {
        ProcessRun.Result result = HushProcess.run(tmp, "scan", "--formt", "json");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--formt");
    }

    @Test
    void reportsOnlyNewFindingsAgainstABaseline() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        assertThat(HushProcess.run(app, "baseline", ".").exitCode()).isEqualTo(0);
        assertThat(HushProcess.run(app, "scan", "--baseline", ".hush-baseline", ".").exitCode()).isEqualTo(0);
        Files.writeString(app.resolve("extra.env"), "API_TOKEN=hushDemo-new-token-77c1f2\n");
        ProcessRun.Result result = HushProcess.run(app, "scan", "--baseline", ".hush-baseline", ".");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("extra.env").doesNotContain("compose.yaml");
    }

    @Test
    void respectsNoColor() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);
        ProcessRun.Result result = HushProcess.run(app, Map.of("NO_COLOR", "1"), "scan", ".");
        assertThat(result.out()).doesNotContain("\u001b[");
    }
}

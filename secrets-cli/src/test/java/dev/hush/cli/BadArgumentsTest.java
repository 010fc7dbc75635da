package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Runs commands with the arguments a user gets wrong: each is one line on standard error that
 * names the option or path and says what to give, with exit code 2; never "internal error".
 */
class BadArgumentsTest {
    static final String VALUE = "hushTest-Pg-6d1e0c77a2";

    /** A compose file with one inline password, {@link #VALUE}; the end-to-end tests write it too. */
    static final String LEAKY_COMPOSE = """
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: %s
            """.formatted(VALUE);

    @TempDir
    Path project;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeALeakyProject() throws IOException {
        Files.writeString(project.resolve("compose.yaml"), LEAKY_COMPOSE);
    }

    private int run(String... args) {
        CommandLine commandLine = HushCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** Asserts exit code 2 and one line on standard error that starts with {@code start} and holds no value. */
    private void assertUsageError(int exitCode, String start) {
        assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).startsWith("hush: " + start).doesNotContain("internal error")
                .doesNotContain(VALUE).hasLineCount(1);
        assertThat(out.toString()).doesNotContain(VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x.md", "/tmp/x.md", "", "a/../../x.md", "docs\\x.md", ".git/x.md", ".hush/x.md",
        "compose.yaml", ".env", "a\nb.md"})
    void refusesAChecklistOutsideTheProjectOrNotMarkdownAsAUsageError(String checklist) {
        assertUsageError(run("migrate", "--dry-run", "--checklist", checklist, project.toString()), "--checklist '");
        assertThat(project.resolve(".secrets")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "/tmp/secrets", "", "a/../..", ".git", ".git/secrets", ".hush", ".HUSH/x", "a\\b"})
    void refusesASecretsDirOutsideTheProjectOrInGitsOrHushsFolderAsAUsageError(String secretsDir) {
        assertUsageError(run("migrate", "--dry-run", "--secrets-dir", secretsDir, project.toString()), "--secrets-dir '");
        assertThat(project.resolve(".secrets")).doesNotExist();
    }

    @Test
    void acceptsADotSlashAndATrailingSlashInProjectPaths() {
        assertThat(run("migrate", "--dry-run", "--secrets-dir", "./vault/", "--checklist", "./docs/ROTATE.md",
                project.toString())).as(err.toString()).isEqualTo(ExitCodes.CLEAN);
        assertThat(out.toString()).contains("+ vault/postgres_password.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuch-rule", "", "compose", "missing/compose.yaml"})
    void refusesAnOnlyThatIsNeitherARuleNorAPathAndListsRulesLikeIt(String only) {
        assertUsageError(run("migrate", "--dry-run", "--only", only, project.toString()), "--only '");
        assertThat(err.toString()).contains("'hush rules' lists all");
        if (only.equals("compose")) {
            assertThat(err.toString()).contains("compose-inline-secret");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose-inline-secret", "compose.yaml", "./compose.yaml"})
    void acceptsAnOnlyThatIsARuleOrAPath(String only) {
        assertThat(run("migrate", "--dry-run", "--only", only, project.toString())).as(err.toString())
                .isEqualTo(ExitCodes.CLEAN);
        assertThat(out.toString()).contains("postgres_password");
    }

    @Test
    void refusesAProjectPathThatIsAFileOrMissing() {
        assertUsageError(run("migrate", "--dry-run", project.resolve("compose.yaml").toString()),
                project.resolve("compose.yaml") + " is not a folder");
        err.getBuffer().setLength(0);
        assertUsageError(run("migrate", "--undo", project.resolve("nope").toString()), project.resolve("nope") + ": no such folder");
    }

    @Test
    void printsJsonWhenThereIsNothingToMigrate() throws IOException {
        Files.writeString(project.resolve("compose.yaml"), "services:\n  web:\n    image: nginx\n");
        assertThat(run("migrate", "--dry-run", "--format", "json", project.toString())).isEqualTo(ExitCodes.CLEAN);
        assertThat(out.toString()).startsWith("{").contains("\"decisions\": [").contains("\"secretFiles\": [")
                .doesNotContain("nothing to migrate");
    }

    @Test
    void printsAnErrorAsJsonWhenTheDryRunWasAskedForJson() {
        assertThat(run("migrate", "--dry-run", "--format", "json", "--checklist", "../x.md", project.toString()))
                .isEqualTo(ExitCodes.ERROR);
        assertThat(out.toString()).startsWith("{").contains("\"tool\"").contains("\"error\": \"--checklist '../x.md'")
                .endsWith("}" + System.lineSeparator());
        assertThat(err.toString()).startsWith("hush: --checklist '../x.md'").hasLineCount(1);
    }

    @Test
    void refusesJsonWithoutDryRun() {
        assertUsageError(run("migrate", "--yes", "--format", "json", project.toString()), "--format json prints the plan");
    }

    @Test
    void namesABareRepositoryForAStagedScan() throws Exception {
        Path bare = project.resolve("bare.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        assertUsageError(run("scan", "--staged", bare.toString()), bare + ": a bare repository has nothing staged");
    }

    @Test
    void exitsTwoWhenEveryFileFailedToParse() throws IOException {
        Files.writeString(project.resolve("compose.yaml"), "services:\n  db:\n\timage: x\n");
        Files.writeString(project.resolve("docker-compose.yml"), "services: [\n");
        assertThat(run("scan", project.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).isEqualTo("hush: all 2 files failed to parse or could not be read (see the errors),"
                + " so no findings does not mean clean" + System.lineSeparator());
    }

    @Test
    void exitsZeroWhenAFileParsedAndOneDidNot() throws IOException {
        Files.writeString(project.resolve("compose.yaml"), "services:\n  db:\n\timage: x\n");
        Files.writeString(project.resolve("app.env"), "LOG_LEVEL=info\n");
        assertThat(run("scan", project.toString())).as(out.toString()).isEqualTo(ExitCodes.CLEAN);
    }

    @Test
    void keepsAMessageOnOneLineWhenAPathHoldsANewline() throws IOException {
        Path odd = Files.createDirectories(project.resolve("odd\nname"));
        Path file = Files.writeString(odd.resolve("compose.yaml"), "services: {}\n");
        assertUsageError(run("migrate", "--dry-run", file.toString()), project + "/odd?name/compose.yaml is not a folder");
    }

    @Test
    void namesASettingsOrBaselineFileThatIsAFolder() {
        assertUsageError(run("scan", "--config", project.toString(), project.toString()), project + ": is a folder");
        err.getBuffer().setLength(0);
        assertUsageError(run("migrate", "--dry-run", "--config", project.toString(), project.toString()),
                project + ": is a folder");
        err.getBuffer().setLength(0);
        assertUsageError(run("scan", "--baseline", project.toString(), project.toString()), project + ": is a folder");
    }

    @Test
    void namesABaselineThatIsNotText() throws IOException {
        Path binary = Files.write(project.resolve("baseline.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertUsageError(run("scan", "--baseline", binary.toString(), project.toString()), binary + ": not UTF-8 text");
    }

    @Test
    void namesAReportFileThatIsAFolder() {
        assertUsageError(run("scan", "-o", project.toString(), project.toString()),
                "cannot read or write " + project + ": Is a directory");
    }

    @Test
    void checksThePurgePlanFileBeforeScanningTheHistory() throws Exception {
        Git.init().setDirectory(project.toFile()).call().close();
        Path missing = project.resolve("no/such/folder/plan.txt");
        assertUsageError(run("history", "--purge-plan", missing.toString(), project.toString()), "--purge-plan " + missing);
        assertThat(out.toString()).as("nothing was scanned").isEmpty();
        err.getBuffer().setLength(0);
        assertUsageError(run("history", "--purge-plan", project.toString(), project.toString()), "--purge-plan " + project);
        err.getBuffer().setLength(0);
        Path existing = project.resolve("compose.yaml");
        assertUsageError(run("history", "--purge-plan", existing.toString(), project.toString()),
                "--purge-plan " + existing + " exists");
        assertThat(out.toString()).isEmpty();
    }
}

package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Default passwords through the jar: scan reports them as weak defaults, {@code migrate --yes}
 * keeps them so that nothing stops working, {@code --generate-weak} and the prompt's default put a
 * generated value in every delivery, and the prompt lets the user pick another delivery.
 */
class WeakDefaultIT {
    private static final String REAL = "hushTest-real-7c1e9b";
    private static final String GENERATED = "[A-Za-z0-9_-]{43}";

    @TempDir
    Path tmp;

    private Path stack() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("stack"));
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: example
                  app:
                    image: ghcr.io/hush/app:1.0
                    environment:
                      ADMIN_PASSWORD: changeme
                      API_TOKEN: %s
                """.formatted(REAL));
        return dir;
    }

    @Test
    void scanReportsADefaultPasswordAsAWeakDefaultWithItsOwnSeverity() throws Exception {
        Path dir = stack();

        ProcessRun.Result scan = HushProcess.run(dir, "scan", "--format", "json", ".");

        assertThat(scan.out()).containsPattern("\"rule\": ?\"compose-weak-default\"")
                .containsPattern("\"severity\": ?\"medium\"")
                .containsPattern("\"rule\": ?\"compose-inline-secret\"");
        assertThat(scan.all()).doesNotContain(REAL);
    }

    @Test
    void dryRunShowsTheDeliveryOfEachValueAndMarksTheWeakDefaults() throws Exception {
        ProcessRun.Result dry = HushProcess.run(stack(), "migrate", "--dry-run", "--no-color", ".");

        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("POSTGRES_PASSWORD (service db) = ", "via file variable POSTGRES_PASSWORD_FILE",
                "via env file .secrets/app.env", "[weak default]");
        assertThat(dry.all()).doesNotContain(REAL);
    }

    @Test
    void theJsonPlanSaysTheDeliveryAndWhetherAValueIsAWeakDefault() throws Exception {
        ProcessRun.Result json = HushProcess.run(stack(), "migrate", "--dry-run", "--format", "json", ".");

        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(json.out()).containsPattern("\"delivery\": ?\"file variable POSTGRES_PASSWORD_FILE\"")
                .containsPattern("\"weakDefault\": ?true").containsPattern("\"weakDefault\": ?false");
        assertThat(json.all()).doesNotContain(REAL);
    }

    @Test
    void yesKeepsADefaultPasswordSoThatTheServiceKeepsWorking() throws Exception {
        Path dir = stack();

        ProcessRun.Result yes = HushProcess.run(dir, "migrate", "--yes", ".");

        assertThat(yes.exitCode()).as(yes.all()).isZero();
        assertThat(Files.readString(dir.resolve(".secrets/postgres_password.txt"))).isEqualTo("example");
        assertThat(Files.readString(dir.resolve(".secrets/app.env"))).contains("ADMIN_PASSWORD='changeme'");
        assertThat(yes.out()).contains("keeps a default password anyone can guess", "--generate-weak");
    }

    @Test
    void generateWeakWritesOneNewValuePerDefaultToEveryDeliveryAndShowsItNowhere() throws Exception {
        Path dir = stack();

        ProcessRun.Result yes = HushProcess.run(dir, "migrate", "--yes", "--generate-weak", ".");

        assertThat(yes.exitCode()).as(yes.all()).isZero();
        String password = Files.readString(dir.resolve(".secrets/postgres_password.txt"));
        assertThat(password).matches(GENERATED);
        String env = Files.readString(dir.resolve(".secrets/app.env"));
        assertThat(env).containsPattern("ADMIN_PASSWORD='" + GENERATED + "'").contains("API_TOKEN='" + REAL + "'");
        assertThat(yes.all()).doesNotContain(password).doesNotContain(REAL)
                .contains("got a generated value", "already stored");
        assertThat(Files.readString(dir.resolve("SECRETS-ROTATION.md")))
                .contains("`postgres_password` got a generated value", "data volume").doesNotContain(password);
    }

    /** Through a pseudo-terminal: pick the env file for the database's default, then take the proposed generated value. */
    @Test
    void promptProposesAGeneratedValueForADefaultAndLetsTheUserPickTheDelivery() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        Path dir = stack();
        String command = "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -jar '" + HushProcess.jar()
                + "' migrate --no-color .";
        Process process = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("session.txt").toFile())
                .start();
        try (var keys = process.getOutputStream()) {
            // First POSTGRES_PASSWORD: d, e (env file), then m (the proposal: a generated value); then k keeps
            // ADMIN_PASSWORD as it is, and m migrates API_TOKEN.
            for (String key : new String[] {"d", "e", "m", "k", "m"}) {
                Thread.sleep(key.equals("d") ? 4000 : 700);
                keys.write(key.getBytes(StandardCharsets.UTF_8));
                keys.flush();
            }
            Thread.sleep(5000);
            keys.write("y".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        String session = Files.readString(tmp.resolve("session.txt"));
        assertThat(process.exitValue()).as(session).isZero();
        assertThat(session).contains("A default password anyone can guess", "needs a reader",
                "via env file .secrets/db.env", "hush: migrated");
        String password = Files.readString(dir.resolve(".secrets/postgres_password.txt"));
        assertThat(password).matches(GENERATED);
        assertThat(Files.readString(dir.resolve(".secrets/db.env"))).contains("POSTGRES_PASSWORD='" + password + "'");
        assertThat(Files.readString(dir.resolve("compose.yaml"))).doesNotContain("POSTGRES_PASSWORD_FILE");
        assertThat(Files.readString(dir.resolve(".secrets/app.env"))).contains("ADMIN_PASSWORD='changeme'");
        assertThat(session).doesNotContain(password).doesNotContain(REAL);
    }
}

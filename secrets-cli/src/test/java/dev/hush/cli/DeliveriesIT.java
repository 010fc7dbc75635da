package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walkthrough's claims about leaky-app's three deliveries and the reader lines, checked through the jar. */
class DeliveriesIT {
    @TempDir
    Path tmp;

    @Test
    void theDryRunOfTheExampleShowsTheThreeDeliveries() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);

        ProcessRun.Result dry = HushProcess.run(app, "migrate", "--dry-run", "--no-color", ".");

        assertThat(dry.exitCode()).as(dry.all()).isZero();
        // The anchored password reaches two services, each its own way.
        assertThat(dry.out()).contains("via db: file variable POSTGRES_PASSWORD_FILE; worker: env file .secrets/worker.env",
                "jwt_secret via mounted file /run/secrets/jwt_secret", "redis_password via env file .secrets/cache.env",
                "npm_token via build secret npm_token");
    }

    @Test
    void theChecklistShowsTheLinesThatReadTheSecretInTheLanguageOfTheBuildContext() throws Exception {
        Path app = Fixtures.copyExample("leaky-app", tmp);

        ProcessRun.Result yes = HushProcess.run(app, "migrate", "--yes", ".");

        assertThat(yes.exitCode()).as(yes.all()).isZero();
        // leaky-app's web has a package.json: the chapter's readSecret, with the exact name and the old variable.
        assertThat(Files.readString(app.resolve("SECRETS-ROTATION.md")))
                .contains("## Service `web` must read /run/secrets/jwt_secret", "```js",
                        "const jwtSecret = await readSecret(\"/run/secrets/jwt_secret\", \"JWT_SECRET\");");
    }
}

package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.migrate.MigrationDecision.Action;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Default passwords ({@code example}, {@code changeme}) move like any other value; with
 * {@code generateWeak} or a chosen fingerprint, a generated value takes their place in every
 * delivery and the checklist says that the service's stored password must change too.
 */
class WeakDefaultMigrationTest extends ProjectRewriteTest {
    private static final String REAL = "hushTest-real-7c1e9b";
    private static final String GENERATED = "[A-Za-z0-9_-]{43}";

    private void writeStack() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: example
                  app:
                    image: ghcr.io/hush/app:1.0
                    environment:
                      ADMIN_PASSWORD: changeme
                      DATABASE_URL: postgresql://app:example@db/app
                      API_TOKEN: %s
                """.formatted(REAL));
    }

    @Test
    void movesAWeakDefaultAsItIsUnlessAskedToGenerate() throws Exception {
        writeStack();

        PlannedMigration planned = migrate();

        // Nothing that worked stops working: the service keeps the password it had.
        assertThat(read(".secrets/postgres_password.txt")).isEqualTo("example");
        assertThat(read(".secrets/app.env")).contains("ADMIN_PASSWORD='changeme'",
                "DATABASE_URL='postgresql://app:example@db/app'", "API_TOKEN='" + REAL + "'");
        assertThat(planned.decisions()).filteredOn(d -> d.finding().key().orElse("").equals("POSTGRES_PASSWORD"))
                .singleElement().satisfies(d -> {
                    assertThat(d.action()).isEqualTo(Action.MIGRATE);
                    assertThat(d.explanation()).contains("default password anyone can guess", "--generate-weak")
                            .doesNotContain(": example");
                });
        assertThat(read(RotationChecklist.DEFAULT_PATH)).doesNotContain("got a generated value");
    }

    @Test
    void generatesEveryWeakDefaultAndWritesItToEveryDelivery() throws Exception {
        writeStack();

        PlannedMigration planned = migrate(Hush.migrate().generateWeak(true));

        String password = read(".secrets/postgres_password.txt");
        assertThat(password).matches(GENERATED);
        String env = read(".secrets/app.env");
        assertThat(env).doesNotContain("changeme").contains("API_TOKEN='" + REAL + "'")
                .containsPattern("ADMIN_PASSWORD='" + GENERATED + "'")
                // The URL's password is the database's: it gets the same new value, so the app still connects.
                .contains("DATABASE_URL='postgresql://app:" + password + "@db/app'");
        assertThat(read("compose.yaml")).doesNotContain("POSTGRES_PASSWORD: example", "changeme");
        String checklist = read(RotationChecklist.DEFAULT_PATH);
        assertThat(checklist).contains("`postgres_password` got a generated value", "data volume",
                "`admin_password` got a generated value").doesNotContain(password);
        assertThat(planned.plan().diff(false)).doesNotContain(password);
        assertThat(planned.decisions()).filteredOn(d -> d.finding().key().orElse("").equals("ADMIN_PASSWORD"))
                .singleElement().satisfies(d -> assertThat(d.explanation()).contains("generated value"));
    }

    @Test
    void generatesOnlyTheValuesChosenByFingerprint() throws Exception {
        writeStack();
        PlannedMigration first = Hush.migrate().root(root).plan();
        String admin = first.decisions().stream().filter(d -> d.finding().key().orElse("").equals("ADMIN_PASSWORD"))
                .findFirst().orElseThrow().fingerprint();

        migrate(Hush.migrate().generate(Set.of(admin)));

        assertThat(read(".secrets/postgres_password.txt")).isEqualTo("example");
        assertThat(read(".secrets/app.env")).containsPattern("ADMIN_PASSWORD='" + GENERATED + "'")
                .contains("DATABASE_URL='postgresql://app:example@db/app'");
    }

    @Test
    void generatesAWeakDefaultOfTheDotenvFileThatComposeReads() throws Exception {
        write("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}
                """);
        write(".env", "POSTGRES_PASSWORD=changeme\nLOG_LEVEL=debug\n");

        migrate(Hush.migrate().generateWeak(true));

        assertThat(read(".secrets/postgres_password.txt")).matches(GENERATED);
        assertThat(read(".env")).isEqualTo("LOG_LEVEL=debug\n");
        assertThat(read("compose.yaml")).contains("POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password");
    }
}

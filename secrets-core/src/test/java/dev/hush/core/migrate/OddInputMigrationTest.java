package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.migrate.MigrationDecision.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs a migration must plan and apply, however odd: keys too long to be a file name as they are. */
class OddInputMigrationTest extends ProjectRewriteTest {
    private static final String VALUE = "hushTest-long-key-5e2a9c";

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {98, 99, 100, 101, 250})
    void migratesAnEnvironmentKeyOfAHundredAndMoreCharacters(int length) throws Exception {
        String key = "K".repeat(length - "_PASSWORD".length()) + "_PASSWORD";
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      %s: %s
                """.formatted(key, VALUE));

        PlannedMigration planned = migrate();

        assertThat(planned.decisions()).extracting(MigrationDecision::action).containsExactly(Action.MIGRATE);
        String name = planned.decisions().get(0).secret().orElseThrow().value();
        assertThat(name).hasSizeLessThanOrEqualTo(SecretName.MAX_DERIVED_LENGTH);
        assertThat(read(".secrets/" + name + ".txt")).isEqualTo(VALUE);
        assertThat(read("compose.yaml")).doesNotContain(VALUE).contains("file: ./.secrets/" + name + ".txt");
    }
}

package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.migrate.MigrationDecision.Action;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs a migration must plan and apply, however odd: keys too long to be a file name as they
 * are, and the inputs of issue 14 item 9, for which a migration said "nothing to migrate" while
 * the scan reported HIGH.
 */
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

    /** One input of issue 14, item 9: the files, and the value a secret file must hold if hush moves it. */
    enum Item9 {
        BLOCK_SCALAR_FOLLOWED_BY_ANOTHER_KEY(Map.of("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      API_TOKEN: |
                        hushTest-block-7Qm2xR9v
                      LOG_LEVEL: info
                """), Optional.of("hushTest-block-7Qm2xR9v\n")),
        DOLLAR_DOLLAR_IN_A_VALUE(Map.of("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: "pa$$w0rd-Zq81vN3kLx"
                """, ".env", "API_TOKEN=tok$$-Kq72mB9xWp\n", "compose.override.yaml", """
                services:
                  db:
                    environment:
                      API_TOKEN: ${API_TOKEN}
                """), Optional.of("pa$w0rd-Zq81vN3kLx")),
        ESCAPED_NEWLINE_IN_A_VALUE(Map.of("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: "line1\\nhushTest-Kq72mB9xWp"
                """), Optional.of("line1\nhushTest-Kq72mB9xWp")),
        INVALID_UTF8_BYTE(Map.of("compose.yaml", "services:\n  db:\n    image: postgres:16\n    environment:\n"
                + "      POSTGRES_PASSWORD: hushTest-\u00ff-Wn45xR3q\n"), Optional.empty()),
        YAML_ERROR(Map.of("compose.yaml", """
                services:
                  api:
                    image: example/api:1
                    environment:
                      GITHUB_TOKEN: ghp_hushT3stOnly9kQ2mX7vB4nR8wL1zP6yC5aZ
                      PORTS: [8080
                """), Optional.empty()),
        DUPLICATE_KEY(Map.of("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: hushTest-dup-Rt61nC2w
                      POSTGRES_PASSWORD: hushTest-dup-Mq27vB5k
                """), Optional.empty()),
        MULTI_DOCUMENT_FILE(Map.of("compose.yaml", """
                services:
                  web:
                    image: nginx:1
                ---
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: hushTest-doc2-Lp93sD4f
                """), Optional.empty()),
        FOLDER_NAME_WITH_A_NEWLINE(Map.of("odd\nfolder/compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: hushTest-newline-Hx52kJ8e
                """), Optional.empty());

        final Map<String, String> files;
        final Optional<String> moved;

        Item9(Map<String, String> files, Optional<String> moved) {
            this.files = files;
            this.moved = moved;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Item9.class)
    void item9MigratesOrListsAsManualWithFileLineAndReasonEverySecretTheScanReportsHigh(Item9 input) throws Exception {
        for (Map.Entry<String, String> file : input.files.entrySet()) {
            if (input == Item9.INVALID_UTF8_BYTE) {
                // A lone 0xFF byte where the U+00FF stands: not UTF-8.
                Files.createDirectories(root);
                Files.write(root.resolve(file.getKey()), file.getValue().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            } else {
                write(file.getKey(), file.getValue());
            }
        }
        List<Finding> high = Hush.scan().root(root).call().findings().stream()
                .filter(f -> f.severity() == Severity.HIGH && f.secret().isPresent()).toList();
        assertThat(high).as("the scan reports the secret as HIGH: " + Hush.scan().root(root).call().findings()).isNotEmpty();

        MigrateCommand command = Hush.migrate().root(root);
        PlannedMigration planned = command.plan();

        for (Finding finding : high) {
            String at = finding.location().path() + ":" + finding.location().line();
            MigrationDecision decision = planned.decisions().stream()
                    .filter(d -> d.finding().ruleId().equals(finding.ruleId())
                            && d.finding().location().equals(finding.location()))
                    .findFirst().orElseThrow(() -> new AssertionError("no decision for " + finding + " at " + at
                            + "; decisions: " + planned.decisions() + "; notes: " + planned.plan().notes()));
            assertThat(decision.action()).as(decision.explanation()).isIn(Action.MIGRATE, Action.MANUAL);
            if (decision.action() == Action.MANUAL) {
                assertThat(decision.explanation()).as("the reason").isNotBlank();
                assertThat(planned.plan().checklist()).filteredOn(ChecklistItem.ManualSteps.class::isInstance)
                        .extracting(item -> ((ChecklistItem.ManualSteps) item).title())
                        .as("a manual step naming " + at).anyMatch(title -> title.contains("(" + at + ")"));
            }
        }
        command.apply(planned.plan());
        if (input.moved.isPresent()) {
            assertThat(planned.decisions()).as(planned.decisions().stream().map(MigrationDecision::explanation).toList()
                    + " " + planned.plan().notes()).extracting(MigrationDecision::action).contains(Action.MIGRATE);
            try (var secrets = Files.list(root.resolve(".secrets"))) {
                assertThat(secrets.filter(f -> f.toString().endsWith(".txt")).map(f -> {
                    try {
                        return Files.readString(f);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })).contains(input.moved.get());
            }
        }
    }
}

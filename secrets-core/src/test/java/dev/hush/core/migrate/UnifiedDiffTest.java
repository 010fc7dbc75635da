package dev.hush.core.migrate;

import static dev.hush.core.migrate.SamplePlan.PASSWORD;
import static dev.hush.core.migrate.SamplePlan.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    static final String KEY_LINE_2 = "hushTESTfakeKeyLineTwoAbCdEf0123";

    static MigrationPlan plan() {
        return SamplePlan.plan(".env.example");
    }

    @Test
    void printsGitStyleHunksWithRedactedValuesAndSecretFilesBySizeOnly() {
        assertThat(plan().diff(false)).isEqualTo("""
                + .secrets/db_password.txt (0600, 22 bytes)
                --- a/compose.yaml
                +++ b/compose.yaml
                @@ -3,9 +3,14 @@
                     image: postgres:16
                     environment:
                       POSTGRES_USER: app
                -      POSTGRES_PASSWORD: hush…
                +      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                       POSTGRES_DB: app
                +    secrets:
                +      - db_password
                     volumes:
                       - data:/var/lib/postgresql/data
                 volumes:
                   data:
                +secrets:
                +  db_password:
                +    file: ./.secrets/db_password.txt
                --- /dev/null
                +++ b/.env.example
                @@ -0,0 +1 @@
                +POSTGRES_PASSWORD=
                """);
    }

    @Test
    void showsValuesOnlyWhenAskedButNeverTheSecretFilesContent() {
        String shown = plan().diff(true);
        assertThat(shown).contains("-      POSTGRES_PASSWORD: " + PASSWORD + "\n")
                .containsOnlyOnce(PASSWORD)
                .contains("+ .secrets/db_password.txt (0600, 22 bytes)\n");
        assertThat(plan().diff(false)).doesNotContain(PASSWORD).doesNotContain("9c41e7aa02");
    }

    @Test
    void redactsEachLineOfAMultiLineValueAndKeepsLineNumbers() {
        String key = "-----BEGIN HUSH TEST KEY-----\n" + KEY_LINE_2 + "\n-----END HUSH TEST KEY-----";
        String before = "a: 1\nkey: |\n  " + key.replace("\n", "\n  ") + "\nb: 2\n";
        String after = "a: 1\nkey_file: /run/secrets/key\nb: 2\n";
        MigrationPlan plan = MigrationPlan.builder()
                .edit(FileEdit.modify("c.yaml", bytes(before), bytes(after), List.of("move key"), List.of(SecretValue.of(key))))
                .build();
        String diff = plan.diff(false);
        assertThat(diff).doesNotContain(KEY_LINE_2).doesNotContain("BEGIN HUSH").contains("@@ -1,6 +1,3 @@");
    }

    @Test
    void saysWhenAFileHasNoNewlineAtTheEnd() {
        MigrationPlan plan = MigrationPlan.builder()
                .edit(FileEdit.modify("x.txt", bytes("a\nb"), bytes("a\nc"), List.of("change b"), List.of()))
                .build();
        assertThat(plan.diff(false)).isEqualTo("""
                --- a/x.txt
                +++ b/x.txt
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +c
                \\ No newline at end of file
                """);
    }

    @Test
    void printsNothingForAnEditThatChangesNothing() {
        MigrationPlan plan = MigrationPlan.builder()
                .edit(FileEdit.modify("x.txt", bytes("a\n"), bytes("a\n"), List.of("nothing"), List.of()))
                .build();
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.diff(false)).isEmpty();
    }

    @Test
    void redactsAValueThePlanLeavesInPlaceWhenItStandsOnAContextLine() {
        String token = "hushTest-kept-token-7f3a91c2";
        String before = "services:\n  app:\n    environment:\n      API_TOKEN: " + token + "\n      LEVEL: debug\n";
        String after = before.replace("LEVEL: debug", "LEVEL: info");
        MigrationPlan plan = MigrationPlan.builder()
                .edit(FileEdit.modify("compose.yaml", bytes(before), bytes(after), List.of("change the level"), List.of()))
                .keptSecret(SecretValue.of(token))
                .build();
        assertThat(plan.diff(false)).contains("API_TOKEN: hush…").doesNotContain(token);
        assertThat(plan.diff(true)).contains(token);
    }
}

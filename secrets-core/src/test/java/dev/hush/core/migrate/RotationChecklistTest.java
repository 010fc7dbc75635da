package dev.hush.core.migrate;

import static dev.hush.core.migrate.SamplePlan.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Commit;
import dev.hush.core.model.Location;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationChecklistTest {
    static final String TOKEN = "ghp_hushTESTfakeAbCdEfGhIjKlMnOpQrStUvWx";
    static final Commit COMMIT = new Commit("0123456789abcdef0123456789abcdef01234567", "Dev Eloper",
            Instant.parse("2026-01-02T03:04:05Z"));

    @TempDir
    Path root;

    static ChecklistItem.Rotate dbPassword() {
        return new ChecklistItem.Rotate(SecretName.of("db_password"), ".secrets/db_password.txt", Optional.of("fp-db"),
                List.of(Location.of("compose.yaml", 6, 26), Location.of(".env", 2, 19)), List.of("db", "api"), Optional.empty());
    }

    static ChecklistItem.Rotate githubToken() {
        return new ChecklistItem.Rotate(SecretName.of("github_token"), ".secrets/github_token.txt", Optional.of("fp-gh"),
                List.of(Location.of("config/deploy.yaml", 4, 15)), List.of("deployer"),
                Optional.of("revoke it at https://github.com/settings/tokens and create a new fine-grained token"));
    }

    static List<ChecklistItem> items() {
        return List.of(
                new ChecklistItem.ReadFromFile(SecretName.of("db_password"), "api", "DB_PASSWORD", AppLanguage.JAVA),
                dbPassword(),
                new ChecklistItem.DockerSocket("ci-runner", Location.of("compose.yaml", 30, 9)),
                new ChecklistItem.Privileged("ci-runner", Location.of("compose.yaml", 28, 5)),
                githubToken());
    }

    static Map<String, RotationChecklist.Exposure> history() {
        return Map.of("fp-gh", new RotationChecklist.Exposure(COMMIT, false, true));
    }

    @Test
    void putsTheLeakedSecretFirstWithItsCommitAndTheProvidersHint() {
        String text = RotationChecklist.of(items(), history()).render();
        assertThat(text).startsWith("# Secrets rotation checklist\n");
        assertThat(text.indexOf("## Secret `github_token`")).isLessThan(text.indexOf("## Secret `db_password`"));
        assertThat(text.indexOf("## Secret `db_password`")).isLessThan(text.indexOf("## Privileged service `ci-runner`"));
        assertThat(text.indexOf("## Privileged service")).isLessThan(text.indexOf("## Docker socket mounted into `ci-runner`"));
        assertThat(text.indexOf("## Docker socket")).isLessThan(text.indexOf("## Service `api` must read /run/secrets/db_password"));
        assertThat(text).contains("**Leaked: rotate it.** It was committed in 0123456789ab on 2026-01-02 and pushed; it is no longer in HEAD.")
                .contains("- Revoke and rotate: revoke it at https://github.com/settings/tokens")
                .contains("- [ ] Purge it from git history: `hush history --purge-plan`");
    }

    @Test
    void listsWhereTheSecretWasInlineAndTheStepsToRotateIt() {
        String text = RotationChecklist.of(List.of(dbPassword()), Map.of()).render();
        assertThat(text).isEqualTo("""
                # Secrets rotation checklist

                Written by `hush migrate`; it never holds a secret value. Tick the boxes as you go:
                `hush migrate` keeps your ticks when it rewrites this file.

                ## Secret `db_password`

                Not seen in git history (no history scan ran: `hush history`). Rotate it anyway if the files were ever shared.

                - Was inline at: `compose.yaml:6`, `.env:2`
                - Used by: `db`, `api`

                - [ ] Rotate it: `hush rotate db_password` writes a new value (typed hidden, or `--generate`) in `.secrets/db_password.txt` and everywhere else it is delivered, with undo
                - [ ] Revoke the old value
                - [ ] Restart and verify: `docker compose up -d --force-recreate db api`
                """);
    }

    @Test
    void offersTheLeastPrivilegeAndSocketAlternatives() {
        String text = RotationChecklist.of(items(), Map.of()).render();
        assertThat(text).contains("`cap_drop: [ALL]`", "`cap_add`", "`security_opt: [no-new-privileges:true]`", "`devices:`",
                "`docker context create NAME --docker host=ssh://user@host`", "buildx docker-container driver",
                "Secrets.require(\"db_password\")", "```java");
    }

    @Test
    void neverHoldsAValue() throws IOException {
        SecretValue password = SecretValue.of(PASSWORD);
        SecretValue token = SecretValue.of(TOKEN);
        MigrationPlan plan = MigrationPlan.builder()
                .secretFile(SecretFile.of(SecretName.of("db_password"), password))
                .secretFile(SecretFile.of(SecretName.of("github_token"), token))
                .edit(FileEdit.modify("compose.yaml", SamplePlan.bytes("P: " + PASSWORD + "\nT: " + TOKEN + "\n"),
                        SamplePlan.bytes("P_FILE: x\n"), List.of("move"), List.of(password, token)))
                .build();
        for (ChecklistItem item : items()) {
            plan = plan.toBuilder().checklist(item).build();
        }
        MigrationPlan withChecklist = plan.withChecklistFile(root, RotationChecklist.DEFAULT_PATH, history());
        FileEdit checklist = withChecklist.edits().get(1);
        assertThat(checklist.path()).isEqualTo("SECRETS-ROTATION.md");
        String text = new String(checklist.updated(), StandardCharsets.UTF_8);
        assertThat(text).contains("github_token").doesNotContain(PASSWORD).doesNotContain(TOKEN)
                .doesNotContain(password.preview()).doesNotContain(token.preview());
    }

    @Test
    void isWrittenWhenAValueEqualsAWordOfItsOwnProse() throws IOException {
        // The checklist is made of names and places, never of values: a value such as "secret"
        // or "admin" that its text happens to contain must not stop a migration.
        MigrationPlan plan = MigrationPlan.builder()
                .secretFile(SecretFile.of(SecretName.of("admin_password"), SecretValue.of("admin")))
                .secretFile(SecretFile.of(SecretName.of("app_secret"), SecretValue.of("secret")))
                .secretFile(SecretFile.of(SecretName.of("db_password"), SecretValue.of("example")))
                .checklist(githubToken())
                .build();

        MigrationPlan withChecklist = plan.withChecklistFile(root, RotationChecklist.DEFAULT_PATH, Map.of());

        assertThat(withChecklist.edits()).extracting(FileEdit::path).containsExactly("SECRETS-ROTATION.md");
    }

    @Test
    void keepsTickedBoxesAndTheSectionsOfEarlierMigrations() throws IOException {
        String first = RotationChecklist.of(items(), history()).render();
        String ticked = first
                .replace("- [ ] Rotate it", "- [x] Rotate it")
                .replace("- [ ] Drop every capability", "- [X] Drop every capability");
        Files.writeString(root.resolve("SECRETS-ROTATION.md"), ticked);
        List<ChecklistItem> fewer = List.of(githubToken(), new ChecklistItem.Privileged("ci-runner", Location.of("compose.yaml", 28, 5)));

        String regenerated = new String(RotationChecklist.of(fewer, history()).edit(root, "SECRETS-ROTATION.md")
                .orElseThrow().updated(), StandardCharsets.UTF_8);

        assertThat(regenerated)
                .contains("- [x] Drop every capability")
                .contains("- [ ] Forbid privilege escalation");
        String github = regenerated.substring(regenerated.indexOf("## Secret `github_token`"),
                regenerated.indexOf("## Secret `db_password`"));
        assertThat(github).contains("- [x] Rotate it").contains("- [ ] Revoke the old value");
        // db_password came from an earlier migration and is still to do: kept as it was, after the new sections.
        String earlier = regenerated.substring(regenerated.indexOf("## Secret `db_password`"));
        assertThat(earlier).contains("- [x] Rotate it").contains(".secrets/db_password.txt");
        assertThat(regenerated.indexOf("## Secret `db_password`")).isGreaterThan(regenerated.indexOf("## Privileged"));
    }

    @Test
    void changesNothingWhenRegeneratedUnchanged() throws IOException {
        RotationChecklist checklist = RotationChecklist.of(items(), history());
        Files.writeString(root.resolve("SECRETS-ROTATION.md"), checklist.render().replace("- [ ] Generate", "- [x] Generate"));
        assertThat(checklist.edit(root, "SECRETS-ROTATION.md")).isEmpty();
    }
}

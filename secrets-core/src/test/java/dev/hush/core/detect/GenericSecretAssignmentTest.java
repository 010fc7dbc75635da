package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import dev.hush.core.rules.RuleCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenericSecretAssignmentTest {
    private static final ProviderRuleAnalyzer ANALYZER = new ProviderRuleAnalyzer(RuleCatalogue.builtIn());

    private static List<Finding> generic(String path, String text) {
        FileAnalysis analysis = new FileAnalysis(new SourceFile(path, text), GitFacts.NONE);
        ANALYZER.analyze(analysis);
        return analysis.findings().stream().filter(f -> f.ruleId().equals("generic-secret-assignment")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "String password = getPassword();",
        "password = request.form.password",
        "token = self.session.token",
        "const token = await client.fetchToken(user);",
        "secret := os.Getenv(\"APP_SECRET\")",
        "DB_PASSWORD=${DB_PASSWORD}",
        "DB_PASSWORD=$DB_PASSWORD",
        "password: \"{{ vault_db_password }}\"",
        "'password': '%(db_password)s'",
        "password = \"changeme\"",
        "API_TOKEN=your-token-here",
        "api_key: <insert-your-key>",
        "secret: abcabcabcabc",
        "password = 'aaaaaaaaaaaa'",
        "password_file: /run/secrets/db_password",
        "PASSWORD_MIN_LENGTH=12345678",
        "jwt_public_key: MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE",
        "if (token == \"Zq8vN3kLx2Rt\") {",
        "if token != \"Zq8vN3kLx2Rt\":",
        "key: user-profile-cache",
        "auth: required",
        "password = None",
        "token = null;",
        "secret_key_base: <%= ENV[\"SECRET_KEY_BASE\"] %>",
        "authType: SecretKeyBasedAuthentication",
        "password: true",
    })
    void ignoresCodeReferencesPlaceholdersAndLowEntropyValues(String line) {
        assertThat(generic("app/config.txt", line)).isEmpty();
    }

    @Test
    void reportsALiteralWithItsKeyAndMediumSeverity() {
        List<Finding> findings = generic("config/app.yml", "db:\n  user: app\n  password: \"Zq8vN3kLx2Rt!7\"\n");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.key()).contains("password");
            assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(finding.location().line()).isEqualTo(3);
            assertThat(finding.location().column()).isEqualTo(14);
            assertThat(finding.secret().orElseThrow().reveal()).isEqualTo("Zq8vN3kLx2Rt!7");
            assertThat(finding.message()).contains("password").doesNotContain("Zq8vN3kLx2Rt");
        });
    }

    @Test
    void capturesExactlyTheValueOfADotenvOrComposeEntry() {
        // The structured analyzers report these too; the engine merges findings with the same location and value.
        assertThat(generic(".env", "export API_TOKEN='Vb6Ms1Qe8Rw3Ty5U'\n"))
                .singleElement().satisfies(f -> assertThat(f.secret().orElseThrow().reveal()).isEqualTo("Vb6Ms1Qe8Rw3Ty5U"));
        assertThat(generic("compose.yaml", "    environment:\n      - JWT_SECRET=u7Hc2Pq9Wz4Lx8Nb\n"))
                .singleElement().satisfies(f -> {
                    assertThat(f.secret().orElseThrow().reveal()).isEqualTo("u7Hc2Pq9Wz4Lx8Nb");
                    assertThat(f.location().column()).isEqualTo(20);
                });
    }

    @Test
    void staysSilentWhereAProviderRuleReportsTheSameValue() {
        FileAnalysis analysis = new FileAnalysis(
                new SourceFile(".env", "GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz\n"), GitFacts.NONE);

        ANALYZER.analyze(analysis);

        assertThat(analysis.findings()).extracting(Finding::ruleId).containsExactly("github-pat");
    }
}

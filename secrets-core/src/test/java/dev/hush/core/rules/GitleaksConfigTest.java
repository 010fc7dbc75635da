package dev.hush.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.testing.TestResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitleaksConfigTest {
    private static GitleaksConfig sample() {
        return GitleaksConfig.parse(TestResources.text("/gitleaks/.gitleaks.toml"), ".gitleaks.toml");
    }

    @Test
    void turnsCustomRulesIntoCatalogueRulesWithTheirKeywordsEntropyAndAllowlist() {
        List<Rule> rules = sample().rules();

        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("acme-api-token");
            assertThat(rule.description()).isEqualTo("Acme API token");
            assertThat(rule.secretGroup()).isEqualTo(1);
            assertThat(rule.keywords()).containsExactly("acme_");
            assertThat(rule.entropy()).hasValue(3.0);
            assertThat(rule.allow()).extracting(p -> p.pattern()).containsExactly("acme_test[a-z0-9]{20}");
            assertThat(rule.stopwords()).containsExactly("sample");
            assertThat(rule.origin()).isEqualTo(".gitleaks.toml:8");
        });
    }

    @Test
    void namesEveryFieldItCannotHonourWithItsLine() {
        List<GitleaksConfig.Warning> warnings = sample().warnings();

        assertThat(warnings).extracting(GitleaksConfig.Warning::message).anySatisfy(m -> assertThat(m)
                .contains("'paths' of a rule's allowlist is not supported"));
        assertThat(warnings).anySatisfy(w -> {
            assertThat(w.message()).contains("acme-internal-file").contains("path-only rule");
            assertThat(w.line()).isEqualTo(22);
        });
        assertThat(warnings).extracting(GitleaksConfig.Warning::message)
                .anySatisfy(m -> assertThat(m).contains("acme-no-keywords").contains("keywords"))
                .anySatisfy(m -> assertThat(m).contains("'commits' is not supported").contains("hush baseline"));
        assertThat(warnings).extracting(GitleaksConfig.Warning::message).noneMatch(m -> m.contains("useDefault"));
    }

    @Test
    void readsTheGlobalAllowlistAsPathRegexesValueRegexesAndStopwords() {
        GitleaksConfig.Allowlist allowlist = sample().allowlist();

        assertThat(allowlist.allowsPath("pkg/testdata/keys.txt")).isTrue();
        assertThat(allowlist.allowsPath("package.lock")).isTrue();
        assertThat(allowlist.allowsPath("src/main.go")).isFalse();
        assertThat(allowlist.allowsValue("EXAMPLEKEY123")).isTrue();
        assertThat(allowlist.allowsValue("my-DUMMY-token")).isTrue();
        assertThat(allowlist.allowsValue("Zq8vN3kLx2Rt")).isFalse();
    }

    @Test
    void warnsThatHushKeepsItsBuiltInRulesWithoutUseDefault() {
        GitleaksConfig config = GitleaksConfig.parse("[[rules]]\nid = \"x-token\"\nregex = 'x_[a-z]{8}'\nkeywords = [\"x_\"]\n", "t");

        assertThat(config.rules()).hasSize(1);
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w.message()).contains("useDefault"));
    }

    @Test
    void refusesTextThatIsNotTomlNamingTheFile() {
        assertThatThrownBy(() -> GitleaksConfig.parse("[[rules]\nid = ", "proj/.gitleaks.toml"))
                .isInstanceOf(RuleFormatException.class)
                .hasMessageContaining("proj/.gitleaks.toml")
                .hasMessageContaining("not valid TOML");
    }
}

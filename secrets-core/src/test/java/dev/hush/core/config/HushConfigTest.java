package dev.hush.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HushConfigTest {
    @Test
    void readsDisabledRulesAllowedPathsValuesAndSizeLimit() {
        HushConfig config = HushConfig.parse("""
                disable: [generic-secret-assignment]
                allow:
                  paths: ["test/fixtures/**"]
                  values: ["^sk_test_"]
                maxFileSize: 2048
                """, ".hush.yaml");
        assertThat(config.disabledRules()).containsExactly("generic-secret-assignment");
        assertThat(config.allowsPath("test/fixtures/a/compose.yaml")).isTrue();
        assertThat(config.allowsPath("src/compose.yaml")).isFalse();
        assertThat(config.allowsValue("sk_test_abc")).isTrue();
        assertThat(config.allowsValue("sk_live_abc")).isFalse();
        assertThat(config.maxFileSize()).isEqualTo(2048);
        assertThat(config.rules()).isEmpty();
    }

    @Test
    void anEmptyFileMeansTheDefaults() {
        assertThat(HushConfig.parse("", ".hush.yaml").maxFileSize()).isEqualTo(HushConfig.defaults().maxFileSize());
    }

    @Test
    void namesTheFileAndLineOfInvalidYaml() {
        assertThatThrownBy(() -> HushConfig.parse("disable: [a\nallow: {", "proj/.hush.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("proj/.hush.yaml:");
    }

    @Test
    void rejectsAnUnknownSettingAndListsTheKnownOnes() {
        assertThatThrownBy(() -> HushConfig.parse("disabled: [x]", ".hush.yaml"))
                .hasMessageContaining("unknown setting 'disabled'")
                .hasMessageContaining("disable");
    }

    @Test
    void rejectsAnInvalidAllowRegex() {
        assertThatThrownBy(() -> HushConfig.parse("allow: {values: ['(']}", ".hush.yaml"))
                .hasMessageContaining("allow.values");
    }

    @Test
    void keepsTheRulesSectionForTheCatalogue() {
        HushConfig config = HushConfig.parse("rules:\n  - id: acme\n", "x/.hush.yaml");
        assertThat(config.rules()).hasValueSatisfying(source -> assertThat(source.origin()).isEqualTo("x/.hush.yaml"));
    }
}

package dev.hush.core.config;

import dev.hush.core.format.yaml.BoundedYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hush.core.testing.HostileYaml;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
    void leavesVendoredFoldersOutUnlessTheSettingOrTheCallerScansThem() {
        assertThat(HushConfig.defaults().scansVendored()).isFalse();
        assertThat(HushConfig.parse("maxFileSize: 2048\n", ".hush.yaml").scansVendored()).isFalse();
        HushConfig scanned = HushConfig.parse("scanVendored: true\nmaxFileSize: 2048\n", ".hush.yaml");
        assertThat(scanned.scansVendored()).isTrue();
        assertThat(scanned.maxFileSize()).isEqualTo(2048);
        HushConfig asked = HushConfig.parse("maxFileSize: 2048\n", ".hush.yaml").withVendoredScanned();
        assertThat(asked.scansVendored()).isTrue();
        assertThat(asked.maxFileSize()).isEqualTo(2048);
        assertThatThrownBy(() -> HushConfig.parse("scanVendored: yes please\n", "proj/.hush.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("proj/.hush.yaml: 'scanVendored' must be true or false");
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

    static Stream<Arguments> hostileYaml() {
        return HostileYaml.cases("disable");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileYaml")
    void givesASettingsErrorOrSettingsForHostileYamlQuickly(String name, String yaml) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                HushConfig.parse(yaml, "p/.hush.yaml");
            } catch (ConfigException e) {
                assertThat(e).hasMessageStartingWith("p/.hush.yaml");
            }
        });
    }

    @Test
    void namesTheLineWhereNestingGoesTooDeep() {
        assertThatThrownBy(() -> HushConfig.parse(HostileYaml.deepBlock("allow", 200), ".hush.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(".hush.yaml:" + (BoundedYaml.MAX_DEPTH + 1) + ": ")
                .hasMessageContaining("nested more than " + BoundedYaml.MAX_DEPTH);
        assertThatThrownBy(() -> HushConfig.parse(HostileYaml.deepFlow("disable", 100_000), ".hush.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(".hush.yaml:1: ");
    }

    @Test
    void refusesAliasBombsDuplicateKeysTabsAndSeveralDocumentsWithTheirLine() {
        assertThatThrownBy(() -> HushConfig.parse(HostileYaml.billionLaughs("disable"), ".hush.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("aliases");
        assertThatThrownBy(() -> HushConfig.parse("disable: []\ndisable: [a]\n", ".hush.yaml"))
                .hasMessageStartingWith(".hush.yaml:2: ").hasMessageContaining("duplicate key disable");
        assertThatThrownBy(() -> HushConfig.parse("disable:\n\t- a\n", ".hush.yaml"))
                .hasMessageStartingWith(".hush.yaml:2: ").hasMessageContaining("TAB");
        assertThatThrownBy(() -> HushConfig.parse("disable: []\n---\ndisable: []\n", ".hush.yaml"))
                .hasMessageStartingWith(".hush.yaml:2: ");
        assertThatThrownBy(() -> HushConfig.parse("- disable\n", ".hush.yaml"))
                .hasMessageContaining("expected a map of settings");
    }

    @Test
    void readsCrlfAndAByteOrderMark() {
        assertThat(HushConfig.parse("\uFEFFdisable:\r\n  - jwt\r\n", ".hush.yaml").disabledRules()).containsExactly("jwt");
    }

    @Test
    void refusesAHugeSettingsFileWithoutReadingIt(@TempDir Path folder) throws IOException {
        Path file = folder.resolve(".hush.yaml");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(2L * 1024 * 1024 * 1024);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> HushConfig.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("larger than"));
    }

    @Test
    void namesASettingsPathThatIsAFolder(@TempDir Path folder) {
        assertThatThrownBy(() -> HushConfig.read(folder)).isInstanceOf(ConfigException.class)
                .hasMessage(folder + ": is a folder; give the settings file, such as " + folder.resolve(".hush.yaml"));
    }

    @Test
    void refusesASettingsFileThatIsNotUtf8(@TempDir Path folder) throws IOException {
        Path file = folder.resolve(".hush.yaml");
        Files.write(file, new byte[] {'d', 'i', 's', 'a', 'b', 'l', 'e', ':', ' ', '[', (byte) 0xC3, (byte) 0x28, ']'});
        assertThatThrownBy(() -> HushConfig.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": not UTF-8 text; save it as UTF-8");
    }
}

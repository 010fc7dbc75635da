package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.testing.TestResources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team's .gitleaks.toml keeps working under hush: its rules find, its allowlists suppress, and the rest is told. */
class GitleaksCompatibilityTest {
    private static final String TOKEN = "acme_k3v9pl2qx8rt5nb7mz4wc6yh";

    private static Detector detector(Path root) throws Exception {
        Files.writeString(root.resolve(".gitleaks.toml"), TestResources.text("/gitleaks/.gitleaks.toml"));
        return Detector.create(HushConfig.forProject(root));
    }

    private static List<Finding> scan(Detector detector, String path, String text) {
        return detector.analyzeCommitted(path, text.getBytes(StandardCharsets.UTF_8)).findings();
    }

    @Test
    void runsTheProjectsGitleaksRules(@TempDir Path root) throws Exception {
        Detector detector = detector(root);

        assertThat(scan(detector, "src/client.py", "API = '" + TOKEN + "'\n"))
                .anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("acme-api-token"));
        assertThat(scan(Detector.create(HushConfig.defaults()), "src/client.py", "API = '" + TOKEN + "'\n"))
                .noneMatch(f -> f.ruleId().equals("acme-api-token"));
    }

    @Test
    void honoursTheRulesAllowlistAndTheGlobalOne(@TempDir Path root) throws Exception {
        Detector detector = detector(root);

        assertThat(scan(detector, "src/client.py", "API = 'acme_testk3v9pl2qx8rt5nb7mz'\n")).isEmpty();
        assertThat(scan(detector, "pkg/testdata/client.py", "API = '" + TOKEN + "'\n")).isEmpty();
        // The global allowlist covers the built-in rules too.
        assertThat(scan(detector, "pkg/testdata/.netrc", "machine a.example.org login u password Zq8vN3kLx2Rt\n")).isEmpty();
        assertThat(scan(detector, "home/.netrc", "machine a.example.org login u password dummy-Zq8vN3kLx2Rt\n")).isEmpty();
        assertThat(scan(detector, "home/.netrc", "machine a.example.org login u password Zq8vN3kLx2Rt\n")).hasSize(1);
    }

    @Test
    void tellsAtTheTomlFileWhatItDoesNotHonour(@TempDir Path root) throws Exception {
        Detector detector = detector(root);
        byte[] toml = Files.readAllBytes(root.resolve(".gitleaks.toml"));

        Detector.Result result = detector.analyzeCommitted(".gitleaks.toml", toml);

        assertThat(result.errors()).anySatisfy(e -> assertThat(e.toString())
                .contains(".gitleaks.toml").contains("path-only rule").contains("acme-internal-file"));
        assertThat(result.errors()).anySatisfy(e -> assertThat(e.toString()).contains("'commits' is not supported"));
        assertThat(detector.analyzeCommitted("src/other.toml", toml).errors()).isEmpty();
    }

    @Test
    void namesOnlyRulesThatExistInTheGitleaksRuleTable() throws java.io.IOException {
        String page = Files.readString(dev.hush.core.testing.Reactor.root().resolve("docs/gitleaks.md"));
        List<String> rows = page.substring(page.indexOf("## gitleaks default rules")).lines()
                .filter(line -> line.matches("\\| `[a-z0-9-]+` \\|.*")).toList();
        java.util.Set<String> ids = dev.hush.core.rules.RuleCatalogue.builtIn().rules().stream()
                .map(dev.hush.core.rules.Rule::id).collect(java.util.stream.Collectors.toSet());

        assertThat(rows).hasSize(218);
        // The hush column, and the notes' rule ids (kebab-case with a hyphen, e.g. `mapbox-secret-token`).
        java.util.regex.Pattern ruleId = java.util.regex.Pattern.compile("`([a-z0-9]+(?:-[a-z0-9]+)+)`");
        for (String row : rows) {
            String[] cells = row.split("\\|");
            assertThat(cells[2].trim()).as(row).matches("`[a-z0-9-]+`|assignment analyzers|—");
            java.util.regex.Matcher named = ruleId.matcher(cells[2] + cells[3]);
            while (named.find()) {
                assertThat(ids).as("hush rule named in: %s", row).contains(named.group(1));
            }
        }
    }
}

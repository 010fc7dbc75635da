package dev.hush.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuleReferenceTest {
    @Test
    void keepsDocsRulesMdInStepWithTheCatalogue() throws IOException {
        Path docs = repositoryRoot().resolve("docs/rules.md");
        String expected = RuleReference.markdown(RuleCatalogue.builtIn());

        if (Boolean.getBoolean("hush.updateDocs")) {
            Files.createDirectories(docs.getParent());
            Files.writeString(docs, expected, StandardCharsets.UTF_8);
        }

        assertThat(Files.exists(docs)).as("%s exists", docs).isTrue();
        assertThat(Files.readString(docs, StandardCharsets.UTF_8))
                .as("docs/rules.md is out of date with rules.yaml; regenerate it with "
                        + "mvn -pl secrets-core test -Dtest=RuleReferenceTest -Dhush.updateDocs=true")
                .isEqualTo(expected);
    }

    @Test
    void documentsEveryRuleWithItsRevocationAndRegex() {
        String markdown = RuleReference.markdown(RuleCatalogue.builtIn());

        for (Rule rule : RuleCatalogue.builtIn().rules()) {
            assertThat(markdown).contains("\n### " + rule.id() + "\n");
            assertThat(markdown).contains(rule.rotation().orElseThrow().revoke());
        }
        assertThat(markdown).contains("```regex\n\\b(ghp_[A-Za-z0-9]{36})\\b\n```");
        assertThat(markdown).contains("%ASSIGN%");
    }

    /** Finds the folder holding the reactor's pom.xml, whether tests run from the module or the root. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve("pom.xml")) && Files.isDirectory(candidate.resolve("secrets-core"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no reactor root above " + dir);
    }
}

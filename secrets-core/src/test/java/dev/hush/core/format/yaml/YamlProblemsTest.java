package dev.hush.core.format.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hush.core.config.HushConfig;
import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.rules.RuleCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A YAML error names the line and what is wrong, never a name from the text that may be a secret value. */
class YamlProblemsTest {
    /** Values that YAML reads as an alias, a tag or an anchor when they are not quoted. */
    @ParameterizedTest
    @ValueSource(strings = {"*hushTestAliasValue77", "!hushTestTagValue77 x", "!hushTest!Handle77 x",
        "&hushTestAnchor77 &hushTestAnchor88 x"})
    void namesTheLineOfAnAliasOrTagErrorWithoutQuotingTheValue(String value) {
        String compose = "services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: " + value + "\n";
        ComposeFile file = ComposeFile.parse(new SourceFile("compose.yaml", compose));
        // The compose reader keeps the node tree, so only an alias or anchor is an error there; a tag is not.
        assertThat(file.problems()).allSatisfy(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).startsWith("invalid YAML: ").doesNotContain("hushTest");
        });

        String settings = "allow:\n  values:\n    - " + value + "\n";
        assertThat(catchThrowable(() -> HushConfig.parse(settings, ".hush.yaml")))
                .hasMessageStartingWith(".hush.yaml:3: not valid YAML").hasMessageNotContaining("hushTest");

        // Rules, too, are read as a node tree: a tag is no error there, and whatever error there is quotes no name.
        String rules = "rules:\n  - id: example\n    description: " + value + "\n";
        assertThat(catchThrowable(() -> RuleCatalogue.parse(rules, "rules.yaml")))
                .hasMessageStartingWith("rules.yaml:").hasMessageNotContaining("hushTest");
    }

    @Test
    void saysAnUndefinedAliasMustBeQuotedIfItIsAValue() {
        ComposeFile file = ComposeFile.parse(new SourceFile("compose.yaml", "x-a: *hushTestAliasValue77\n"));
        assertThat(file.problems()).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("alias (*name) refers to no anchor").contains("must be quoted"));
        assertThat(catchThrowable(() -> RuleCatalogue.parse("rules:\n  - id: *hushTestAliasValue77\n", "rules.yaml")))
                .hasMessageStartingWith("rules.yaml:2: not valid YAML: an alias (*name)").hasMessageNotContaining("hushTest");
    }
}

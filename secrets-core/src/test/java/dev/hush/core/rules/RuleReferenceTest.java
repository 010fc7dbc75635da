package dev.hush.core.rules;

import dev.hush.core.testing.Reactor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleReferenceTest {
    @Test
    void keepsDocsRulesMdInStepWithTheCatalogue() throws IOException {
        List<String> measured = Files.readAllLines(
                Reactor.root().resolve("secrets-core/src/test/resources/credentials-corpus.expected"));
        List<String> judged = Files.readAllLines(Reactor.root().resolve("secrets-core/src/test/resources/compose-judged.tsv"));
        Reactor.assertGeneratedFileIsCurrent("docs/rules.md",
                RuleReference.markdown(RuleCatalogue.builtIn(), measured, judged),
                "mvn -pl secrets-core test -Dtest=RuleReferenceTest -Dhush.updateDocs=true");
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

}

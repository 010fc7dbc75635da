package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.format.SourceFile;
import dev.hush.core.rules.BuiltInRules;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pre-commit hook pays for every regex compiled at start: only the rules a file's keywords call are. */
class RuleRegexCompilationTest {
    @Test
    void buildingTheAnalyzerCompilesNoRegex() {
        RuleCatalogue catalogue = BuiltInRules.loadedAnew();
        assertThat(compiled(catalogue)).isEmpty();

        new ProviderRuleAnalyzer(catalogue, List.of("password"));

        assertThat(compiled(catalogue)).isEmpty();
    }

    @Test
    void aScanCompilesTheRulesWhoseKeywordsOccurOnly() {
        RuleCatalogue catalogue = BuiltInRules.loadedAnew();
        ProviderRuleAnalyzer analyzer = new ProviderRuleAnalyzer(catalogue);
        FileAnalysis analysis = new FileAnalysis(new SourceFile("deploy.sh", "gh auth login ghp_" + "a".repeat(36) + "\n"),
                GitFacts.NONE);

        analyzer.analyze(analysis);

        assertThat(analysis.findings()).extracting(f -> f.ruleId()).contains("github-pat");
        assertThat(compiled(catalogue)).contains("github-pat").doesNotContain("stripe-secret-key", "aws-access-key-id");
        assertThat(compiled(catalogue).size()).isLessThan(catalogue.regexRules().size() / 4);
    }

    private static List<String> compiled(RuleCatalogue catalogue) {
        return catalogue.regexRules().stream().filter(BuiltInRules::regexCompiled).map(Rule::id).toList();
    }
}

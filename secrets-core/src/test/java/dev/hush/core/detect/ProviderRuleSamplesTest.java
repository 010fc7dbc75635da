package dev.hush.core.detect;

import dev.hush.core.rules.BuiltInRules;
import dev.hush.core.format.SourceFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Finding;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import dev.hush.core.rules.Sample;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every regex rule's own samples through the analyzer, the way gitleaks runs its per-rule samples. */
class ProviderRuleSamplesTest {
    private static final ProviderRuleAnalyzer ANALYZER = new ProviderRuleAnalyzer(RuleCatalogue.builtIn());

    static Stream<Arguments> truePositives() {
        return BuiltInRules.withSamples().regexRules().stream()
                .flatMap(rule -> rule.samples().positives().stream().map(sample -> Arguments.of(rule.id(), sample, rule)));
    }

    static Stream<Arguments> falsePositives() {
        return BuiltInRules.withSamples().regexRules().stream()
                .flatMap(rule -> rule.samples().negatives().stream().map(text -> Arguments.of(rule.id(), text, rule)));
    }

    @ParameterizedTest(name = "{0} finds {1}")
    @MethodSource("truePositives")
    void findsEachTrueSampleWithExactlyItsRule(String id, Sample sample, Rule rule) {
        List<Finding> findings = analyse(rule, sample.text());
        String secret = sample.secret().orElseThrow();

        assertThat(findings)
                .as("findings on the sample's secret")
                .filteredOn(finding -> overlaps(finding, sample.text(), secret))
                .extracting(Finding::ruleId)
                .containsExactly(id);
        Finding finding = findings.stream().filter(f -> f.ruleId().equals(id)).findFirst().orElseThrow();
        assertThat(finding.secret().orElseThrow().reveal()).isEqualTo(secret);
        int offset = sample.text().indexOf(secret);
        SourceFile file = new SourceFile(path(rule), sample.text());
        assertThat(finding.location()).isEqualTo(FindingLocation.of(file, offset));
        assertThat(finding.message()).doesNotContain(secret).contains(rule.description());
        assertThat(finding.fix()).isNotBlank().doesNotContain(secret);
    }

    @ParameterizedTest(name = "{0} ignores {1}")
    @MethodSource("falsePositives")
    void ignoresEachFalseSample(String id, String text, Rule rule) {
        assertThat(analyse(rule, text)).extracting(Finding::ruleId).doesNotContain(id);
    }

    private static List<Finding> analyse(Rule rule, String text) {
        FileAnalysis analysis = new FileAnalysis(new SourceFile(path(rule), text), GitFacts.NONE);
        ANALYZER.analyze(analysis);
        assertThat(analysis.errors()).isEmpty();
        return analysis.findings();
    }

    private static String path(Rule rule) {
        return rule.samples().path().orElse("src/settings.txt");
    }

    private static boolean overlaps(Finding finding, String text, String secret) {
        SourceFile file = new SourceFile("x", text);
        int start = text.indexOf(secret);
        int end = start + secret.length();
        int findingStart = file.lineStart(finding.location().line()) + finding.location().column() - 1;
        int findingEnd = findingStart + finding.secret().map(value -> value.length()).orElse(0);
        return findingStart < end && start < findingEnd;
    }
}

package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.rules.BuiltInRules;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.Sample;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the whole-file samples of every structured rule (compose, Dockerfile, dotenv, docker run)
 * through the detector, as a scan would: each true sample gives a finding of that rule, with the
 * sample's value, and each false sample gives none.
 */
class StructuredRuleSamplesTest {
    private static final Detector DETECTOR = Detector.create(HushConfig.defaults());

    /** A work tree where the sample file is neither tracked nor ignored. */
    private static final GitFacts UNTRACKED = GitFacts.same(false, false, true);

    static Stream<Arguments> positives() {
        return structuredRules().flatMap(rule -> rule.samples().positives().stream()
                .map(sample -> Arguments.of(rule.id(), rule, sample)));
    }

    static Stream<Arguments> negatives() {
        return structuredRules().flatMap(rule -> rule.samples().negatives().stream()
                .map(text -> Arguments.of(rule.id(), rule, text)));
    }

    private static Stream<Rule> structuredRules() {
        return BuiltInRules.withSamples().rules().stream().filter(rule -> rule.analyzer().isPresent());
    }

    private static List<Finding> findings(Rule rule, String text) {
        String path = rule.samples().path().orElseThrow(() -> new AssertionError(rule.id() + " has no sample path"));
        if (rule.id().equals(BuildContextAnalyzer.RULE)) {
            // The rule looks at the build context too: here one that holds .secrets/ and a key, with no .dockerignore.
            return DETECTOR.buildContextLeaks(path, text.getBytes(StandardCharsets.UTF_8), null,
                    List.of(".secrets/", "deploy/id_rsa"));
        }
        GitFacts git = rule.id().equals("dotenv-not-ignored") ? UNTRACKED : GitFacts.COMMITTED;
        // A keystore is binary: its samples are the base64 of the file.
        byte[] content = path.matches(".*\\.(p12|pfx|jks|keystore)")
                ? Base64.getDecoder().decode(text.strip())
                : text.getBytes(StandardCharsets.UTF_8);
        Detector.Result result = DETECTOR.analyze(path, content, git, false);
        assertThat(result.errors()).as("errors").isEmpty();
        return result.findings().stream().filter(f -> f.ruleId().equals(rule.id())).toList();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("positives")
    void findsEveryTrueSample(String id, Rule rule, Sample sample) {
        List<Finding> found = findings(rule, sample.text());
        assertThat(found).as("findings of %s", id).isNotEmpty();
        sample.secret().ifPresent(secret ->
                assertThat(found).anySatisfy(f -> assertThat(f.secret().orElseThrow().reveal()).isEqualTo(secret)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("negatives")
    void findsNothingInFalseSamples(String id, Rule rule, String text) {
        assertThat(findings(rule, text)).as("findings of %s", id).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structuredIds")
    void everyStructuredRuleHasTrueAndFalseSamples(String id) {
        Rule rule = BuiltInRules.withSamples().find(id).orElseThrow();
        assertThat(rule.samples().positives()).isNotEmpty();
        assertThat(rule.samples().negatives()).isNotEmpty();
    }

    static Stream<String> structuredIds() {
        return structuredRules().map(Rule::id);
    }
}

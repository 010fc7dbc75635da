package dev.hush.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link RuleCatalogue#parse}: any text gives rules or a {@link RuleFormatException}
 * naming the file and a line inside it, never another exception. A plain {@code mvn test}
 * runs only the seeds under {@code src/test/resources/dev/hush/core/rules/RuleCatalogueFuzzTestInputs/}.
 */
class RuleCatalogueFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void givesRulesOrARuleFormatExceptionWithALineInTheText(@NotNull @WithLength(max = 64 * 1024) byte[] bytes) {
        String yaml = new String(bytes, StandardCharsets.UTF_8);
        try {
            RuleCatalogue catalogue = RuleCatalogue.parse(yaml, "fuzz/.hush.yaml");
            assertThat(catalogue.rules()).allSatisfy(rule -> assertThat(rule.id()).isNotBlank());
        } catch (RuleFormatException e) {
            int lines = (int) yaml.chars().filter(c -> c == '\n').count() + 1;
            assertThat(e.origin()).isEqualTo("fuzz/.hush.yaml");
            assertThat(e.line()).isBetween(0, lines);
        }
    }
}

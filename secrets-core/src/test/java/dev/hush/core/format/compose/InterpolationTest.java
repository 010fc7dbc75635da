package dev.hush.core.format.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.format.compose.Interpolation.Expansion;
import dev.hush.core.format.compose.Interpolation.Literal;
import dev.hush.core.format.compose.Interpolation.Operator;
import dev.hush.core.format.compose.Interpolation.Reference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InterpolationTest {

    @Test
    void parsesABareAndABracedReference() {
        assertThat(Interpolation.parse("$HOME/x")).containsExactly(
                new Reference("HOME", Operator.NONE, List.of(), 5, 0, 5), new Literal("/x", 5, 7));
        assertThat(Interpolation.parse("${DB_PASSWORD}")).containsExactly(
                new Reference("DB_PASSWORD", Operator.NONE, List.of(), 14, 0, 14));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "${VAR:-dflt}|DEFAULT_IF_UNSET_OR_EMPTY|7",
        "${VAR-dflt}|DEFAULT_IF_UNSET|6",
        "${VAR:?dflt}|ERROR_IF_UNSET_OR_EMPTY|7",
        "${VAR?dflt}|ERROR_IF_UNSET|6",
        "${VAR:+dflt}|ALTERNATIVE_IF_SET_AND_NOT_EMPTY|7",
        "${VAR+dflt}|ALTERNATIVE_IF_SET|6"})
    void parsesEveryOperatorWithItsArgument(String value, Operator operator, int argumentStart) {
        List<Interpolation.Part> parts = Interpolation.parse(value);

        assertThat(parts).containsExactly(new Reference("VAR", operator,
                List.of(new Literal("dflt", argumentStart, argumentStart + 4)), argumentStart, 0, value.length()));
    }

    @Test
    void parsesNestedDefaults() {
        String value = "${A:-${B:-x}}";

        assertThat(Interpolation.parse(value)).containsExactly(new Reference("A", Operator.DEFAULT_IF_UNSET_OR_EMPTY,
                List.of(new Reference("B", Operator.DEFAULT_IF_UNSET_OR_EMPTY, List.of(new Literal("x", 10, 11)), 10, 5,
                        12)),
                5, 0, 13));
        assertThat(Interpolation.unset(value).text()).isEqualTo("x");
    }

    @Test
    void turnsADoubleDollarIntoOneDollarOfText() {
        assertThat(Interpolation.parse("pa$$word")).containsExactly(new Literal("pa$word", 0, 8));
        assertThat(Interpolation.hasReferences("pa$$word")).isFalse();
        assertThat(Interpolation.hasReferences("$$$X")).isTrue();
    }

    @Test
    void splitsAUrlAroundItsPasswordReference() {
        String url = "postgres://app:${DB_PASSWORD}@db/app";

        assertThat(Interpolation.parse(url)).containsExactly(
                new Literal("postgres://app:", 0, 15),
                new Reference("DB_PASSWORD", Operator.NONE, List.of(), 29, 15, 29),
                new Literal("@db/app", 29, 36));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "$1abc", "${", "${}", "${A", "${A:-x", "${A!x}", "price: 5$", "${ A }"})
    void keepsWhatIsNotAReferenceAsText(String value) {
        assertThat(Interpolation.parse(value)).containsExactly(new Literal(value, 0, value.length()));
    }

    @Test
    void expandsWithEveryVariableUnset() {
        Expansion expansion = Interpolation.unset("${A:-xy}z$$${B}");

        assertThat(expansion.text()).isEqualTo("xyz$" + Interpolation.GAP);
        assertThat(expansion.offsets()).containsExactly(5, 6, 8, 9, -1);
        assertThat(expansion.fromDefault().stream().toArray()).containsExactly(0, 1);
        assertThat(expansion.isLiteral()).isFalse();
        assertThat(expansion.hasGap(0, 4)).isFalse();
        assertThat(expansion.hasGap(0, 5)).isTrue();
        assertThat(expansion.usesDefault()).isTrue();
    }

    @Test
    void leavesAGapForErrorsAndAlternatives() {
        assertThat(Interpolation.unset("${A:?set A}").isLiteral()).isFalse();
        assertThat(Interpolation.unset("${A:+on}").isLiteral()).isFalse();
        assertThat(Interpolation.unset("${A-}").text()).isEmpty();
        assertThat(Interpolation.unset("plain").usesDefault()).isFalse();
    }

    @Test
    void neverShowsTheExpandedTextInToString() {
        assertThat(Interpolation.unset("hunter2-not-real").toString()).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$DB_PASSWORD", "${DB_PASSWORD}", "${DB_PASSWORD:?set it}", "${A?required}", "${A}${B}",
        "$A-$B", "${A:-${B}}", " ${A} "})
    void findsNoWrittenLiteralInReferencesAlone(String value) {
        assertThat(Interpolation.writtenLiteral(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "p4ss-Q7w9|p4ss-Q7w9",
        "${DB_PASSWORD:-p4ss-Q7w9}|p4ss-Q7w9",
        "${DB_PASSWORD-p4ss}|p4ss",
        "${DB_PASSWORD:+p4ss}|p4ss",
        "${A:-${B:-deep}}|deep",
        "prefix-${SUFFIX}|prefix-${SUFFIX}",
        "$$notAReference|$$notAReference",
        "${A}x${B}|${A}x${B}"
    })
    void findsTheLiteralAValueWritesIntoTheFile(String value, String literal) {
        assertThat(Interpolation.writtenLiteral(value)).contains(literal);
    }

    /** The cases of the Compose documentation's interpolation page, with PART=zq and EMPTY set but empty. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "base-${PART}-Zq81|base-zq-Zq81",
        "base-$PART-Zq81|base-zq-Zq81",
        "$PARTx|''",
        "${UNSET}-y|-y",
        "${PART:-d}|zq", "${EMPTY:-d}|d", "${UNSET:-d}|d",
        "${PART-d}|zq", "${EMPTY-d}|''", "${UNSET-d}|d",
        "${PART:+alt}|alt", "${EMPTY:+alt}|''", "${UNSET:+alt}|''",
        "${PART+alt}|alt", "${EMPTY+alt}|alt", "${UNSET+alt}|''",
        "${PART:?must be set}|zq", "${EMPTY?may be empty}|''",
        "${UNSET:-${PART}-x}|zq-x",
        "pa$$word|pa$word", "$${PART}|${PART}", "$$$PART|$zq",
        "cost $5 and $-x|cost $5 and $-x"
    })
    void resolvesEachFormAsComposeDoes(String value, String resolved) {
        Map<String, String> set = Map.of("PART", "zq", "EMPTY", "");

        Interpolation.Resolution resolution = Interpolation.resolve(value, name -> Optional.ofNullable(set.get(name)));

        assertThat(resolution.error()).isEmpty();
        assertThat(resolution.text()).contains(resolved);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "${UNSET:?set it}|the required variable UNSET is not set",
        "${EMPTY:?set it}|the required variable EMPTY is empty",
        "${UNSET?set it}|the required variable UNSET is not set",
        "x-${PART|the ${ at character 3 starts no valid reference",
        "${}|the ${ at character 1 starts no valid reference",
        "${PART=x}|the ${ at character 1 starts no valid reference",
        // compose-go expands a default even when it is not used, so its error counts.
        "${PART:-${UNSET:?needed}}|the required variable UNSET is not set"
    })
    void saysWhyComposeWouldRefuseAValue(String value, String error) {
        Map<String, String> set = Map.of("PART", "zq", "EMPTY", "");

        Interpolation.Resolution resolution = Interpolation.resolve(value, name -> Optional.ofNullable(set.get(name)));

        assertThat(resolution.text()).isEmpty();
        assertThat(resolution.error()).hasValueSatisfying(e -> assertThat(e).startsWith(error));
    }

    @Test
    void listsEveryVariableItLooksUpAndNeverTheValueInToString() {
        Interpolation.Resolution resolution = Interpolation.resolve("${A:-${B}}-$C-hunter2-not-real",
                name -> Optional.of("v"));

        assertThat(resolution.variables()).containsExactly("B", "A", "C");
        assertThat(resolution.toString()).doesNotContain("hunter2");
    }
}

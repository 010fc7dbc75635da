package dev.hush.core.format.dotenv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DotenvInterpolationTest {

    @ParameterizedTest
    @ValueSource(strings = {"$DB_PASSWORD", "${DB_PASSWORD}", "${DB_PASSWORD:?set it}", "${A?required}", "${A}${B}",
        "$A-$B", "${A:-${B}}", " ${A} "})
    void findsNoLiteralInReferencesAlone(String value) {
        assertThat(DotenvInterpolation.literalOf(value)).isEmpty();
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
        assertThat(DotenvInterpolation.literalOf(value)).contains(literal);
    }
}

package dev.hush.core.format.dotenv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.format.dotenv.DotenvEntry.Quote;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DotenvParserTest {

    @Test
    void skipsCommentsAndBlankLines() {
        Dotenv dotenv = DotenvParser.parse("# comment\n\n   \n  # indented comment\nA=1\n");

        assertThat(dotenv.entries()).extracting(DotenvEntry::key).containsExactly("A");
        assertThat(dotenv.entries().get(0).keyLine()).isEqualTo(5);
        assertThat(dotenv.problems()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "VAR=VAL|VAL",
        "VAR=VAL # comment|VAL",
        "VAR=VAL# not a comment|VAL# not a comment",
        "VAR=\"VAL # not a comment\"|VAL # not a comment",
        "VAR=\"VAL\" # comment|VAL",
        "VAR='$OTHER'|$OTHER",
        "VAR='${OTHER}'|${OTHER}",
        "VAR='Let\\'s go!'|Let's go!",
        "VAR=\"{\\\"hello\\\": \\\"json\\\"}\"|{\"hello\": \"json\"}",
        "VAR=\"some\\tvalue\"|some\tvalue",
        "VAR='some\\tvalue'|some\\tvalue",
        "VAR=some\\tvalue|some\\tvalue",
        "VAR=\"a\\\\b\"|a\\b",
        "VAR=\"cost \\$5\"|cost $$5",
        "VAR = spaced |spaced",
        "VAR: yaml style|yaml style",
        "export VAR=exported|exported",
        "VAR=a=b=c|a=b=c",
        "VAR=#hash|#hash",
        "VAR= # only a comment|~~"
    })
    void readsValuesAsComposeDocumentsThem(String line, String value) {
        Dotenv dotenv = DotenvParser.parse(line + "\n");

        assertThat(dotenv.problems()).isEmpty();
        assertThat(dotenv.entries()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("VAR");
            assertThat(e.value()).contains(value);
        });
    }

    @Test
    void readsDoubleQuotedValuesOverSeveralLinesWithEscapes() {
        String text = "KEY=\"first\nsecond\\nthird\"\nNEXT=1\n";

        Dotenv dotenv = DotenvParser.parse(text);

        DotenvEntry key = dotenv.entries().get(0);
        assertThat(key.value()).contains("first\nsecond\nthird");
        assertThat(key.quote()).isEqualTo(Quote.DOUBLE);
        assertThat(text.substring(key.valueStart(), key.valueEnd())).isEqualTo("\"first\nsecond\\nthird\"");
        assertThat(dotenv.entries().get(1).keyLine()).isEqualTo(3);
    }

    @Test
    void givesOffsetsAndLinesOfKeyAndValueForARewrite() {
        String text = "A=1\n  export DB_PASSWORD = 'p4ss' # note\n";

        DotenvEntry entry = DotenvParser.parse(text).entries().get(1);

        assertThat(entry.exported()).isTrue();
        assertThat(entry.quote()).isEqualTo(Quote.SINGLE);
        assertThat(entry.interpolated()).isFalse();
        assertThat(text.substring(entry.start(), entry.end())).isEqualTo("export DB_PASSWORD = 'p4ss'");
        assertThat(text.substring(entry.keyStart(), entry.keyStart() + entry.key().length())).isEqualTo("DB_PASSWORD");
        assertThat(text.substring(entry.valueStart(), entry.valueEnd())).isEqualTo("'p4ss'");
        assertThat(entry.keyLine()).isEqualTo(2);
        assertThat(entry.valueLine()).isEqualTo(2);
    }

    @Test
    void readsABareKeyAsTakenFromTheEnvironmentAndAnEmptyValueAsEmpty() {
        Dotenv dotenv = DotenvParser.parse("BARE\nEMPTY=\nLAST");

        assertThat(dotenv.entries()).extracting(DotenvEntry::key).containsExactly("BARE", "EMPTY", "LAST");
        assertThat(dotenv.entries()).extracting(DotenvEntry::value)
                .containsExactly(Optional.empty(), Optional.of(""), Optional.empty());
    }

    @Test
    void readsCrlfLinesAByteOrderMarkAndNoFinalNewline() {
        String text = "\uFEFFA=1\r\nB=\"two\" \r\n# c\r\nC=three";

        Dotenv dotenv = DotenvParser.parse(text);

        assertThat(dotenv.problems()).isEmpty();
        assertThat(dotenv.entries()).extracting(e -> e.key() + "=" + e.value().orElseThrow())
                .containsExactly("A=1", "B=two", "C=three");
        assertThat(dotenv.entries().get(0).keyStart()).isEqualTo(1);
        assertThat(dotenv.entries().get(2).keyLine()).isEqualTo(4);
    }

    @Test
    void reportsAnUnclosedQuoteWithItsLineAndReadsTheNextLines() {
        Dotenv dotenv = DotenvParser.parse("A=1\nB=\"never closed\nC=3\n");

        assertThat(dotenv.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("B", "line 2", "never closed");
        });
        assertThat(dotenv.entries()).extracting(DotenvEntry::key).containsExactly("A", "C");
    }

    @Test
    void reportsMalformedLinesWithTheirLineAndGoesOn() {
        Dotenv dotenv = DotenvParser.parse("A=1\nnot a pair\n=value\nB='x' trailing\nexport\nC=3\n");

        assertThat(dotenv.problems()).extracting(Dotenv.Problem::line).containsExactly(2, 3, 4, 5);
        assertThat(dotenv.entries()).extracting(DotenvEntry::key).containsExactly("A", "B", "C");
    }

    @Test
    void neverPutsAValueIntoAProblemMessage() {
        Dotenv dotenv = DotenvParser.parse("DB_PASSWORD=\"p4ss-Q7w9\nTOKEN='t0k' p4ss-Q7w9\n");

        assertThat(dotenv.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.message()).doesNotContain("p4ss"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void neverThrowsOnScrambledFiles(long seed) {
        String[] pieces = {"A", "export ", "=", ":", "\"", "'", "\\", "\n", "\r\n", "#", " ", "\t", "${X}", "\uFEFF",
            "é", "-", "."};
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            Dotenv dotenv = DotenvParser.parse(text.toString());
            for (DotenvEntry entry : dotenv.entries()) {
                assertThat(entry.start()).isLessThanOrEqualTo(entry.keyStart());
                assertThat(entry.valueStart()).isLessThanOrEqualTo(entry.valueEnd());
                assertThat(entry.end()).isBetween(entry.keyStart(), text.length());
            }
        }
    }
}

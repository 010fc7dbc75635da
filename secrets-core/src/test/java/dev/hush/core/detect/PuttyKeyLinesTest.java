package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PuTTY analyzer cuts a key's lines one at a time, exactly as splitting the text at {@code \r?\n} would. */
class PuttyKeyLinesTest {
    @Test
    void givesTheLinesThatSplittingGives() {
        String[] texts = {"", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\r\r\nb", "a\rb\n", "\n\n", "\r\n", "x\r", "key: v\r\nPrivate-MAC: 00\r\ntail"};
        for (String text : texts) {
            for (int from = 0; from <= text.length(); from++) {
                for (int to = from; to <= text.length(); to++) {
                    List<String> cut = new ArrayList<>();
                    PuttyKeyAnalyzer.Lines lines = new PuttyKeyAnalyzer.Lines(text, from, to);
                    for (String line = lines.next(); line != null; line = lines.next()) {
                        cut.add(line);
                    }
                    assertThat(cut).as("%s [%d, %d)", text.replace("\r", "\\r").replace("\n", "\\n"), from, to)
                            .isEqualTo(Arrays.asList(text.substring(from, to).split("\r?\n", -1)));
                }
            }
        }
    }
}

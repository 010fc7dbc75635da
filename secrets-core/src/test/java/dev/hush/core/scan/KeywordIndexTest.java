package dev.hush.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordIndexTest {
    private static List<String> hits(KeywordIndex index, String text) {
        List<String> hits = new ArrayList<>();
        index.search(text, (keyword, end) -> hits.add(index.keywords().get(keyword) + "@" + end));
        return hits;
    }

    @Test
    void findsOverlappingKeywordsInOnePass() {
        KeywordIndex index = new KeywordIndex(List.of("he", "she", "his", "hers"));

        assertThat(hits(index, "ushers")).containsExactly("she@4", "he@4", "hers@6");
    }

    @Test
    void findsAKeywordThatEndsInsideAnotherOnesFailurePath() {
        KeywordIndex index = new KeywordIndex(List.of("ghp_", "hp_t", "p"));

        assertThat(hits(index, "xghp_t")).containsExactly("p@4", "ghp_@5", "hp_t@6");
    }

    @Test
    void ignoresCaseOfTheTextAndOfTheKeywords() {
        KeywordIndex index = new KeywordIndex(List.of("akia", "SK_LIVE_"));

        assertThat(hits(index, "AKIA Akia akIA sk_live_ SK_LIVE_"))
                .containsExactly("akia@4", "akia@9", "akia@14", "SK_LIVE_@23", "SK_LIVE_@32");
    }

    @Test
    void foldsNonAsciiLettersThatLowerCaseToAscii() {
        // KELVIN SIGN lower-cases to 'k', as String.toLowerCase does.
        KeywordIndex index = new KeywordIndex(List.of("key"));

        assertThat(hits(index, "\u212Aey \u00e9key")).containsExactly("key@3", "key@8");
    }

    @Test
    void reportsRepeatedAndAdjacentOccurrences() {
        KeywordIndex index = new KeywordIndex(List.of("aa"));

        assertThat(hits(index, "aaaa")).containsExactly("aa@2", "aa@3", "aa@4");
    }

    @Test
    void reportsNothingOnTextWithoutKeywords() {
        KeywordIndex index = new KeywordIndex(List.of("token", "secret"));

        assertThat(hits(index, "")).isEmpty();
        assertThat(hits(index, "public static void main(String[] args) {}")).isEmpty();
        assertThat(index.containsAny("a secret here")).isTrue();
        assertThat(index.containsAny("nothing here")).isFalse();
    }

    @Test
    void listsTheSameKeywordOnlyOncePerState() {
        KeywordIndex index = new KeywordIndex(List.of("sg.", "msg."));

        assertThat(hits(index, "msg.send")).containsExactly("msg.@4", "sg.@4");
    }

    @Test
    void refusesKeywordsItCannotFold() {
        assertThatThrownBy(() -> new KeywordIndex(List.of("mot\u00e9"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeywordIndex(List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    private static List<String> asciiHits(KeywordIndex index, String text) {
        List<String> hits = new ArrayList<>();
        byte[] bytes = (text + "padding that is not part of the file").getBytes(StandardCharsets.UTF_8);
        KeywordIndex.Occurrences found = index.searchAscii(bytes, text.length());
        assertThat(found).isNotNull();
        found.forEach((keyword, end) -> hits.add(index.keywords().get(keyword) + "@" + end));
        return hits;
    }

    @Test
    void findsInAsciiBytesWhatItFindsInTheDecodedText() {
        KeywordIndex index = new KeywordIndex(List.of("he", "she", "his", "hers", "aa", "sk_live_", "a"));
        Random random = new Random(42);
        String alphabet = "ahesirkSHE_LIVlv x\n";
        for (int round = 0; round < 500; round++) {
            // Lengths around the point where the search splits the bytes into four interleaved passes.
            int length = random.nextInt(round % 2 == 0 ? 200 : 5000);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(asciiHits(index, text.toString())).isEqualTo(hits(index, text.toString()));
        }
    }

    @Test
    void findsKeywordsThatStraddleTheQuartersOfALongText() {
        KeywordIndex index = new KeywordIndex(List.of("sk_live_", "live_", "k_l"));
        int length = 4000;
        for (int quarter : new int[] {length / 4, length / 2, 3 * length / 4}) {
            for (int shift = -8; shift <= 8; shift++) {
                StringBuilder text = new StringBuilder("x".repeat(length));
                text.replace(quarter + shift, quarter + shift + 8, "SK_LIVE_");
                assertThat(asciiHits(index, text.toString())).isEqualTo(hits(index, text.toString())).hasSize(3);
            }
        }
    }

    @Test
    void leavesBytesThatAreNotAsciiToTheTextSearch() {
        KeywordIndex index = new KeywordIndex(List.of("key"));
        byte[] kelvin = "\u212Aey and key".getBytes(StandardCharsets.UTF_8);
        byte[] late = ("key " + "x".repeat(5000) + "\u00e9").getBytes(StandardCharsets.UTF_8);

        assertThat(index.searchAscii(kelvin, kelvin.length)).isNull();
        assertThat(index.searchAscii(late, late.length)).isNull();
        assertThat(index.searchAscii(late, 10)).isNotNull();
    }

    @Test
    void findsAByteThatIsNotAsciiWhereverItIsInTheWordsOfEight() {
        KeywordIndex index = new KeywordIndex(List.of("key"));
        int length = 4000;
        for (int at : new int[] {0, 1, 7, 8, 9, 999, 1000, 1001, 1999, 2000, 3000, 3991, 3992, 3993, 3998, 3999}) {
            byte[] bytes = ("x".repeat(at) + "\u00e9" + "x".repeat(length - at - 1) + "KEY").getBytes(StandardCharsets.UTF_8);
            // The two bytes of the UTF-8 e-acute both have their high bit set.
            assertThat(index.searchAscii(bytes, bytes.length)).as("non-ASCII at %d", at).isNull();
            assertThat(index.searchAscii(bytes, at)).as("ASCII before %d", at).isNotNull();
            assertThat(KeywordIndex.isAscii(bytes, at + 1)).isFalse();
            assertThat(KeywordIndex.isAscii(bytes, at)).isTrue();
        }
        byte[] ascii = ("x".repeat(length - 3) + "KEY").getBytes(StandardCharsets.UTF_8);
        assertThat(asciiHits(index, new String(ascii, StandardCharsets.US_ASCII))).containsExactly("key@" + length);
    }

    @Test
    void tellsWhetherAKeywordOccurs() {
        KeywordIndex index = new KeywordIndex(List.of("token", "services"));
        byte[] bytes = "x: 1\nServices:\n".getBytes(StandardCharsets.UTF_8);

        assertThat(index.searchAscii(bytes, bytes.length).contains(1)).isTrue();
        assertThat(index.searchAscii(bytes, bytes.length).contains(0)).isFalse();
        assertThat(index.find("a token, caf\u00e9").contains(0)).isTrue();
        assertThat(index.find("a token, caf\u00e9").contains(1)).isFalse();
    }
    @Test
    void findsWhatComparingEveryKeywordAtEveryOffsetFinds() {
        // Many short keywords over a small alphabet: deep failure chains, where a state's row is
        // mostly its failure state's, and keywords that end inside others.
        Random random = new Random(7);
        String alphabet = "abAB_-1.";
        for (int round = 0; round < 200; round++) {
            List<String> keywords = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            while (keywords.size() < count) {
                String keyword = randomText(random, alphabet, 1 + random.nextInt(6));
                if (keywords.stream().noneMatch(keyword::equalsIgnoreCase)) {
                    keywords.add(keyword);
                }
            }
            KeywordIndex index = new KeywordIndex(keywords);
            String text = randomText(random, alphabet + "xyz", random.nextInt(300));
            List<String> naive = new ArrayList<>();
            for (int end = 1; end <= text.length(); end++) {
                for (String keyword : keywords) {
                    int start = end - keyword.length();
                    if (start >= 0 && text.regionMatches(true, start, keyword, 0, keyword.length())) {
                        naive.add(keyword + "@" + end);
                    }
                }
            }
            assertThat(hits(index, text)).as("keywords %s in %s", keywords, text).containsExactlyInAnyOrderElementsOf(naive);
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}

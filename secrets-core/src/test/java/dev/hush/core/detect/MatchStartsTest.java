package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.rules.BuiltInRules;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MatchStartsTest {
    private static final String[] SEPARATORS = {
        " ", "  ", "\t", "\n", "\r\n", "\n\n", "\"", "'", "`", "=", ": ", ":", ",", ", ", "(", ")", "[", "]", "{", "}",
        "-", "--", "_", ".", "/", " -a ", " --pass ", "\n  - ", "\\", "$", "%", "|", ";", "&", "<", ">", "@",
    };
    private static final String ALPHABET = "abcdefxyzABCDEFXYZ0123456789+/=_-";

    private static MatchStarts of(String regex, String... keywords) {
        return MatchStarts.of(Pattern.compile(regex), List.of(keywords));
    }

    @Test
    void boundsAKeywordAfterAPrefixOfBoundedWidth() {
        assertThat(of("(?i)(?:^|[\\s\"'])machine[ \\t]+(\\w+)", "machine").reach("machine")).isEqualTo(1);
        assertThat(of("(?:(?<![\\w-])(?:--)?(?:requirepass|masterauth)|redis-cli\\s+-a)\\s+(\\S+)",
                "requirepass", "masterauth", "redis-cli")).satisfies(starts -> {
                    assertThat(starts.reach("requirepass")).isEqualTo(2);
                    assertThat(starts.reach("masterauth")).isEqualTo(2);
                    assertThat(starts.reach("redis-cli")).isZero();
                });
        assertThat(of("(-----BEGIN PGP PRIVATE KEY BLOCK-----\\r?\\n[A-Z]+)", "begin pgp private key block")
                .reach("BEGIN PGP private key block")).isEqualTo(5);
        assertThat(of("\\b(?:x{2,4}|y)TOKEN_=", "token_").reach("token_")).isEqualTo(4);
    }

    @Test
    void boundsNothingWhereAMatchCanLackTheKeywordOrHoldItFarAway() {
        // An unbounded prefix, an optional keyword, an alternative without it, a keyword split by a quantifier.
        assertThat(of("\\bnew[ \\t]+PDO\\(", "pdo")).isNull();
        assertThat(of("(?:machine)?\\s+login", "machine")).isNull();
        assertThat(of("machine\\s+\\w+|login\\s+\\w+", "machine")).isNull();
        assertThat(of("machin?e", "machine")).isNull();
        assertThat(of("-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY-----", "private key-----")).isNull();
        assertThat(of("(?x) machine", "machine")).isNull();
        assertThat(of("\\Qmachine\\E", "machine")).isNull();
        // A keyword only inside a look-ahead is not part of the match.
        assertThat(of("(?=machine)\\w+", "machine")).isNull();
    }

    @Test
    void boundsTheCataloguesMultiLineRulesThatAKeywordStarts() {
        List<String> bounded = new ArrayList<>();
        for (Rule rule : BuiltInRules.withSamples().regexRules()) {
            if (rule.multiline() && MatchStarts.of(rule.regex().orElseThrow(), rule.keywords()) != null) {
                bounded.add(rule.id());
            }
        }
        assertThat(bounded).contains("netrc-inline-password", "redis-password", "pgp-private-key-block",
                "jenkins-initial-admin-password", "truenas-api-key", "dotnet-credential-literal",
                // Unbounded, their keywords' windows are searched whole: code-credential-arguments once cost a third
                // of the JDK sources' scan (mysqli?_connect spells neither keyword as written), and a process.env
                // fallback made a minified bundle's one line 9x its lines.
                "code-credential-arguments", "placeholder-default-secret", "node-env-default-secret", "plist-secret");
    }

    /** The matches of {@code find()} over {@code text[from..to)}, with every group's bounds. */
    private static List<String> reference(Pattern regex, String text, int from, int to) {
        List<String> matches = new ArrayList<>();
        Matcher matcher = regex.matcher(text).region(from, to);
        while (matcher.find()) {
            matches.add(describe(matcher, 0));
        }
        return matches;
    }

    private static String describe(Matcher matcher, int offset) {
        StringBuilder out = new StringBuilder();
        for (int g = 0; g <= matcher.groupCount(); g++) {
            int start = matcher.start(g);
            out.append(start < 0 ? "-" : (start + offset) + ".." + (matcher.end(g) + offset)).append(' ');
        }
        return out.toString();
    }

    private static List<String> viaStarts(Rule rule, MatchStarts starts, String text, int from, int to) {
        List<String> keywords = rule.keywords();
        KeywordIndex index = new KeywordIndex(keywords);
        List<long[]> hits = new ArrayList<>();
        index.search(text, (keyword, end) -> {
            int reach = starts.reach(keywords.get(keyword));
            if (reach >= 0) {
                hits.add(new long[] {end - keywords.get(keyword).length(), reach});
            }
        });
        hits.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int[] pairs = new int[2 * hits.size()];
        for (int h = 0; h < hits.size(); h++) {
            pairs[2 * h] = (int) hits.get(h)[0];
            pairs[2 * h + 1] = (int) hits.get(h)[1];
        }
        return viaPairs(rule, text, from, to, pairs);
    }

    /** Text of keywords in any case, separators, pieces of the rule's true samples and random bodies. */
    private static String generate(Rule rule, Random random) {
        List<String> pieces = new ArrayList<>();
        for (Sample sample : rule.samples().positives()) {
            String text = sample.text();
            pieces.add(text);
            int a = random.nextInt(text.length() + 1);
            int b = random.nextInt(text.length() + 1);
            pieces.add(text.substring(Math.min(a, b), Math.max(a, b)));
        }
        for (String negative : rule.samples().negatives()) {
            pieces.add(negative);
        }
        StringBuilder text = new StringBuilder();
        int parts = 5 + random.nextInt(40);
        for (int p = 0; p < parts; p++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    String keyword = rule.keywords().get(random.nextInt(rule.keywords().size()));
                    text.append(random.nextBoolean() ? keyword : random.nextBoolean()
                            ? keyword.toUpperCase(Locale.ROOT) : keyword.substring(0, 1).toUpperCase(Locale.ROOT) + keyword.substring(1));
                }
                case 1, 2 -> text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
                case 3 -> {
                    int length = 1 + random.nextInt(random.nextBoolean() ? 8 : 80);
                    for (int i = 0; i < length; i++) {
                        text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
                default -> {
                    if (!pieces.isEmpty()) {
                        text.append(pieces.get(random.nextInt(pieces.size())));
                    }
                }
            }
        }
        return text.toString();
    }

    /** The matches of {@link MatchStarts#find} over {@code text[from..to)} from the given pairs, as {@link #reference} lists them. */
    private static List<String> viaPairs(Rule rule, String text, int from, int to, int[] pairs) {
        List<String> matches = new ArrayList<>();
        MatchStarts.find(rule.regex().orElseThrow(), text, from, to, pairs, pairs.length,
                (matcher, offset) -> matches.add(describe(matcher, offset)));
        return matches;
    }

    /** A search of a window of a text: {@code find()}'s matches there are what it must report. */
    private interface WindowSearch {
        List<String> matches(String text, int from, int to);
    }

    /**
     * Asserts that {@code search} finds what {@code find()} finds on 400 generated texts for {@code rule}, over the
     * whole text, a window of lines (as the analyzer searches) or any region; returns how many matches there were.
     */
    private static int assertFindsWhatFindFinds(Rule rule, Random random, WindowSearch search) {
        Pattern regex = rule.regex().orElseThrow();
        int matched = 0;
        for (int round = 0; round < 400; round++) {
            String text = generate(rule, random);
            int from = 0;
            int to = text.length();
            if (round % 2 == 1 && !text.isEmpty()) {
                int a = random.nextInt(text.length() + 1);
                int b = random.nextInt(text.length() + 1);
                from = Math.min(a, b);
                to = Math.max(a, b);
                if (round % 4 == 1) {
                    from = text.lastIndexOf('\n', Math.max(from - 1, 0)) + 1;
                    int end = text.indexOf('\n', to);
                    to = end < 0 ? text.length() : end;
                    from = Math.min(from, to);
                }
            }
            List<String> expected = reference(regex, text, from, to);
            assertThat(search.matches(text, from, to))
                    .as("%s on %s [%d, %d)", rule.id(), text, from, to)
                    .isEqualTo(expected);
            matched += expected.size();
        }
        return matched;
    }

    /**
     * Asserts {@link #assertFindsWhatFindFinds} for every rule of the catalogue that {@code searchOf} has a search for
     * (null for none), and that this is not vacuous: many rules have one, and the generated texts match most of them.
     */
    private static void assertFindsWhatFindFindsForTheCatalogue(long seed, Function<Rule, WindowSearch> searchOf) {
        Random random = new Random(seed);
        int rulesChecked = 0;
        int matched = 0;
        for (Rule rule : BuiltInRules.withSamples().regexRules()) {
            WindowSearch search = searchOf.apply(rule);
            if (search == null) {
                continue;
            }
            rulesChecked++;
            if (assertFindsWhatFindFinds(rule, random, search) > 0) {
                matched++;
            }
        }
        assertThat(rulesChecked).isGreaterThan(50);
        assertThat(matched).isGreaterThan(rulesChecked * 3 / 4);
    }

    @Test
    void findsWhatFindFindsForEveryBoundedRuleOfTheCatalogue() {
        assertFindsWhatFindFindsForTheCatalogue(20261202, rule -> {
            MatchStarts starts = MatchStarts.of(rule.regex().orElseThrow(), rule.keywords());
            return starts == null ? null : (text, from, to) -> viaStarts(rule, starts, text, from, to);
        });
    }

    @Test
    void findsWhatFindFindsTryingOnlyTheLeadingLiteralsOfEveryRuleThatHasThem() {
        assertFindsWhatFindFindsForTheCatalogue(20261204, rule -> {
            String[] literals = rule.regexFlags() == 0 ? ProviderRuleAnalyzer.leadingLiterals(rule.regexSource().orElseThrow()) : null;
            return literals == null ? null
                    : (text, from, to) -> viaPairs(rule, text, from, to, MatchStarts.ofLiterals(text, literals, from, to));
        });
    }

    @Test
    void triesALiteralOnlyWhereItStandsWholeInTheWindowAndInItsCase() {
        String text = "xEAAb EAAc eaad EA";
        assertThat(MatchStarts.ofLiterals(text, new String[] {"EAA", "sq0"}, 0, text.length())).containsExactly(1, 0, 6, 0);
        // The window ends inside the second: it is not there whole.
        assertThat(MatchStarts.ofLiterals(text, new String[] {"EAA"}, 2, 8)).isEmpty();
        assertThat(MatchStarts.ofLiterals(text, new String[] {"EAA"}, 0, 9)).containsExactly(1, 0, 6, 0);
    }

    @Test
    void goesOnAfterEachMatchAsFindDoes() {
        Pattern regex = Pattern.compile("(?i)(?:^|\\s)machine\\s+(\\w+)");
        MatchStarts starts = MatchStarts.of(regex, List.of("machine"));
        String text = "machine a machine b\nMACHINE c xmachine d";
        int[] pairs = {0, 1, 10, 1, 20, 1, 31, 1};

        List<String> found = new ArrayList<>();
        MatchStarts.find(regex, text, 0, text.length(), pairs, pairs.length,
                (matcher, offset) -> found.add(text.substring(matcher.start(1) + offset, matcher.end(1) + offset)));

        assertThat(starts.reach("machine")).isEqualTo(1);
        assertThat(found).containsExactly("a", "b", "c");
        assertThat(Arrays.asList(reference(regex, text, 0, text.length()).size())).containsExactly(3);
    }
}

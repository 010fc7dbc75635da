package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.config.HushConfig;
import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Finding;
import dev.hush.core.rules.BuiltInRules;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wraps each provider rule's first true secret, redrawn at random, in the syntaxes that code and
 * configuration hold a token in, under a key named after the provider ({@code github_token},
 * {@code GithubApiKey}, {@code GITHUB_TOKEN}), and pins per syntax how many of them a whole scan
 * finds; then pins how many rules take their secret one character short, or with a character from
 * outside any token alphabet in its place. This is how a user's files hold a token, where a rule's
 * own samples show one or two ways; the per-syntax figures, with what was missed, are printed at
 * the end. A better figure is welcome: raise the pin with the change that earned it.
 */
class ProviderSyntaxMatrixTest {
    private static final Detector DETECTOR = Detector.create(HushConfig.defaults());
    private static final ProviderRuleAnalyzer PROVIDERS = new ProviderRuleAnalyzer(RuleCatalogue.builtIn());
    private static final Map<Syntax, String> FIGURES = new ConcurrentSkipListMap<>();
    private static final Map<Syntax, String> NEAR_MISSES = new ConcurrentSkipListMap<>();
    /** How many provider secrets each syntax must find: raise it with the change that earns it, never lower it. */
    private static final Map<Syntax, Integer> PINNED_FOUND = new EnumMap<>(Map.ofEntries(
            Map.entry(Syntax.JAVA, 249), Map.entry(Syntax.GO, 253), Map.entry(Syntax.PYTHON, 253),
            Map.entry(Syntax.JAVASCRIPT, 249), Map.entry(Syntax.PHP, 253), Map.entry(Syntax.RUBY, 253),
            Map.entry(Syntax.JSON, 253), Map.entry(Syntax.YAML, 250), Map.entry(Syntax.YAML_NESTED, 237), Map.entry(Syntax.XML, 254),
            Map.entry(Syntax.INI, 254), Map.entry(Syntax.TOML, 250), Map.entry(Syntax.MAKEFILE, 254),
            Map.entry(Syntax.SHELL, 253), Map.entry(Syntax.DOTENV, 262), Map.entry(Syntax.PROPERTIES, 250)));
    /** How many rules may take a near miss (one short, or a '#' in the tail) of their fixed-length format. */
    private static final int PINNED_NEAR_MISSES = 8;

    /** One way of writing {@code key = secret}: the file it sits in and the line, with the key's three spellings. */
    enum Syntax {
        JAVA("src/main/java/app/Config.java", "    private static final String %2$sApiKey = \"%4$s\";"),
        GO("internal/config/config.go", "\t%3$sToken := \"%4$s\""),
        PYTHON("app/settings.py", "%1$s_token = '%4$s'"),
        JAVASCRIPT("src/config.js", "const %3$sApiKey = `%4$s`;"),
        PHP("config/app.php", "$config['%1$s_token'] = \"%4$s\";"),
        RUBY("config/initializers/client.rb", "%1$s_token: \"%4$s\","),
        JSON("config/settings.json", "{\n  \"%1$s_token\": \"%4$s\"\n}"),
        YAML("config/settings.yaml", "%1$s_api_key: %4$s"),
        YAML_NESTED("config/application.yaml", "%1$s:\n  api-key: %4$s"),
        XML("config/settings.xml", "<settings>\n  <%3$sToken>%4$s</%3$sToken>\n</settings>"),
        INI("config/settings.ini", "[%1$s]\n%1$s_token = %4$s"),
        TOML("config/settings.toml", "[%1$s]\n%1$s_api_key = \"%4$s\""),
        MAKEFILE("Makefile", "%5$s_TOKEN ?= %4$s"),
        SHELL("scripts/deploy.sh", "export %5$s_TOKEN=\"%4$s\""),
        DOTENV(".env", "%5$s_TOKEN=%4$s"),
        PROPERTIES("src/main/resources/application.properties", "%1$s.api-key=%4$s");

        final String path;
        final String template;

        Syntax(String path, String template) {
            this.path = path;
            this.template = template;
        }

        /** Returns the file's text holding {@code secret} under a key named after {@code provider}. */
        String wrap(String provider, String secret) {
            String snake = provider.replace('-', '_');
            String camel = Character.toUpperCase(snake.charAt(0)) + snake.substring(1).replace("_", "");
            String lowerCamel = snake.replace("_", "");
            return String.format(Locale.ROOT, template + "\n", snake, camel, lowerCamel, secret,
                    snake.toUpperCase(Locale.ROOT));
        }
    }

    /** The provider rules: regex rules whose first true sample's secret is one token (no whitespace, no quote). */
    static List<Rule> providerRules() {
        return BuiltInRules.withSamples().regexRules().stream()
                .filter(rule -> rule.paths().isEmpty() && !rule.multiline())
                .filter(rule -> rule.rotation().isPresent())
                .filter(rule -> firstSecret(rule).chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\''))
                .filter(rule -> firstSecret(rule).length() >= 16)
                .toList();
    }

    @ParameterizedTest(name = "provider secrets written in {0}")
    @MethodSource("syntaxes")
    void findsAtLeastThePinnedShareOfProviderSecretsInEachSyntax(Syntax syntax, int pinnedFound) {
        List<Rule> rules = providerRules();
        List<String> missed = new ArrayList<>();
        for (Rule rule : rules) {
            String secret = firstSecret(rule);
            if (scan(syntax.path, syntax.wrap(provider(rule), secret)).stream().noneMatch(covering(secret))) {
                missed.add(rule.id());
            }
        }
        int found = rules.size() - missed.size();
        FIGURES.put(syntax, found + "/" + rules.size() + " found; missed " + missed);
        assertThat(found).as("provider secrets found in %s (missed %s)", syntax, missed).isGreaterThanOrEqualTo(pinnedFound);
    }

    @ParameterizedTest(name = "near misses written in {0}")
    @EnumSource(Syntax.class)
    void takesNoMoreThanThePinnedNearMissesInEachSyntax(Syntax syntax) {
        List<String> taken = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        for (Rule rule : providerRules()) {
            String secret = firstSecret(rule);
            // A format whose length varies (sk_live_ and 10 to 99 characters) takes its token three short: no near miss of length.
            if (foundBy(rule, syntax, secret.substring(0, secret.length() - 3))) {
                continue;
            }
            String shorter = secret.substring(0, secret.length() - 1);
            // A '#' in the token's tail: no token alphabet has it, and the run before it is too short to be the token.
            int at = secret.length() - 2;
            String broken = secret.substring(0, at) + '#' + secret.substring(at + 1);
            if (foundBy(rule, syntax, shorter) || foundBy(rule, syntax, broken)) {
                taken.add(rule.id());
            }
            if (foundByAny(syntax, provider(rule), shorter) || foundByAny(syntax, provider(rule), broken)) {
                flagged.add(rule.id());
            }
        }
        NEAR_MISSES.put(syntax, taken.size() + " rules take a near miss of their format " + taken
                + "; any rule flags the near misses of " + flagged.size() + " " + flagged);
        assertThat(taken).as("rules that take a near miss of their fixed-length format in %s", syntax)
                .hasSizeLessThanOrEqualTo(PINNED_NEAR_MISSES);
    }

    static Stream<Arguments> syntaxes() {
        return Stream.of(Syntax.values()).map(syntax -> Arguments.of(syntax, PINNED_FOUND.get(syntax)));
    }

    @AfterAll
    static void printFigures() {
        System.out.println("provider secrets per syntax, of " + providerRules().size() + " provider rules:");
        FIGURES.forEach((syntax, figures) -> System.out.printf(Locale.ROOT, "  %-11s %s%n", syntax, figures));
        NEAR_MISSES.forEach((syntax, figures) -> System.out.printf(Locale.ROOT, "  %-11s %s%n", syntax, figures));
    }

    /** Returns whether the provider rules alone report {@code rule} on {@code value}: the whole scan keeps one finding of several. */
    private static boolean foundBy(Rule rule, Syntax syntax, String value) {
        FileAnalysis analysis = new FileAnalysis(new SourceFile(syntax.path, syntax.wrap(provider(rule), value)), GitFacts.NONE);
        PROVIDERS.analyze(analysis);
        return analysis.findings().stream()
                .filter(finding -> finding.ruleId().equals(rule.id()))
                .anyMatch(finding -> finding.secret().map(s -> value.contains(s.reveal())).orElse(false));
    }

    /** Returns whether a whole scan reports a secret that holds {@code value} or is held by it. */
    private static boolean foundByAny(Syntax syntax, String provider, String value) {
        return scan(syntax.path, syntax.wrap(provider, value)).stream()
                .anyMatch(finding -> finding.secret().map(s -> value.contains(s.reveal()) || s.reveal().contains(value)).orElse(false));
    }

    private static Predicate<Finding> covering(String secret) {
        // The finding holds the secret, or at least half of it (a rule that takes the token's body without its prefix).
        return finding -> finding.secret().map(s -> s.reveal().contains(secret)
                || (secret.contains(s.reveal()) && s.length() * 2 >= secret.length())).orElse(false);
    }

    private static List<Finding> scan(String path, String text) {
        return DETECTOR.analyzeCommitted(path, text.getBytes(StandardCharsets.UTF_8)).findings();
    }

    /**
     * Returns the rule's first true secret with its body redrawn at random from the classes of characters it holds
     * (digits, a-f, g-z, in each case: hex stays hex), its prefix and separators kept: a sample value is a typed run
     * ({@code abcdef0123}) that only the rule itself takes, where a user's token is random and the assignment
     * analyzers judge it too. A checksum in the token (GitHub's, npm's) does not survive: as in a generated sample.
     */
    private static String firstSecret(Rule rule) {
        String secret = rule.samples().positives().stream().flatMap(sample -> sample.secret().stream()).findFirst().orElse("");
        String lower = secret.toLowerCase(Locale.ROOT);
        if (rule.verification() != dev.hush.core.rules.Verification.NONE) {
            return secret;  // a JWT's or a key's structure is checked: a redrawn one is no longer one
        }
        // The issuer's prefix stays: all up to its last separator (sk-proj-, dop_v1_), a URL up to its last '/', and
        // wherever a keyword of the rule is written in it (AIza, .atlasv1.).
        int keep = 0;
        for (int i = 0; i < Math.min(16, secret.length()); i++) {
            keep = "-_.".indexOf(secret.charAt(i)) >= 0 ? i + 1 : keep;
        }
        if (secret.contains("://")) {
            keep = secret.lastIndexOf('/') + 1;
        }
        boolean[] kept = new boolean[secret.length()];
        java.util.Arrays.fill(kept, 0, keep, true);
        for (String keyword : rule.keywords()) {
            for (int at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
                java.util.Arrays.fill(kept, at, at + keyword.length(), true);
            }
        }
        // Each run between separators is drawn from the classes it holds: hex stays hex, digits stay digits (Slack's
        // 123-456 parts), a base64 run mixes cases and digits.
        java.util.Random random = new java.util.Random(rule.id().hashCode());
        StringBuilder redrawn = new StringBuilder();
        for (int start = 0; start < secret.length(); ) {
            int end = start;
            while (end < secret.length() && drawable(secret.charAt(end))) {
                end++;
            }
            if (end == start) {
                redrawn.append(secret.charAt(start++));
                continue;
            }
            StringBuilder alphabet = new StringBuilder();
            for (String range : CLASSES) {
                boolean present = false;
                for (int i = start; i < end; i++) {
                    present |= !kept[i] && range.indexOf(secret.charAt(i)) >= 0;
                }
                alphabet.append(present ? range : "");
            }
            for (int i = start; i < end; i++) {
                redrawn.append(kept[i] ? secret.charAt(i) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            start = end;
        }
        return redrawn.toString();
    }

    private static boolean drawable(char c) {
        return CLASSES.stream().anyMatch(range -> range.indexOf(c) >= 0);
    }

    /** The classes of characters a token body is drawn from. */
    private static final List<String> CLASSES = List.of(
            "0123456789", "abcdef", "ghijklmnopqrstuvwxyz", "ABCDEF", "GHIJKLMNOPQRSTUVWXYZ");

    /** Returns the provider's name as a key would spell it: the rule id's first word ({@code github} of {@code github-pat}). */
    private static String provider(Rule rule) {
        String first = rule.id().split("-")[0];
        return first.length() >= 3 ? first : rule.id().replaceFirst("^(\\w+)-(\\w+).*", "$1-$2");
    }
}

package dev.hush.core.detect;

import dev.hush.core.rules.BuiltInRules;
import dev.hush.core.format.SourceFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import dev.hush.core.rules.RuleCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ProviderRuleAnalyzerTest {
    private static final ProviderRuleAnalyzer BUILT_IN = new ProviderRuleAnalyzer(RuleCatalogue.builtIn());
    /** A user's rule that applies to properties files only. */
    private static final RuleCatalogue ACME_PROPERTIES = RuleCatalogue.parse("""
            rules:
              - id: acme-token
                description: ACME token
                regex: '\\b(acme_[0-9a-f]{16})\\b'
                keywords: [acme_]
                paths: ['*.properties']
            """, ".hush.yaml");

    private static List<Finding> analyse(ProviderRuleAnalyzer analyzer, String path, String text) {
        FileAnalysis analysis = new FileAnalysis(new SourceFile(path, text), GitFacts.NONE);
        analyzer.analyze(analysis);
        assertThat(analysis.errors()).isEmpty();
        return analysis.findings();
    }

    @Test
    void locatesTheSecretsFirstCharacterAndKeepsItOutOfTheMessage() {
        String text = "# deploy settings\n\nconst stripe = require('stripe')('sk_live_0123456789abcdefghijABCD');\n";

        assertThat(analyse(BUILT_IN, "src/pay.js", text)).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("stripe-secret-key");
            assertThat(finding.location()).hasToString("src/pay.js:3:35");
            assertThat(finding.message()).isEqualTo("Stripe live secret key.");
            assertThat(finding.fix()).contains("https://dashboard.stripe.com/apikeys").contains("Compose secret");
            assertThat(finding.preview()).isEqualTo("sk_l…");
        });
    }

    @Test
    void startsEachFileAfreshThoughAThreadKeepsTheRulesStateFromFileToFile() {
        // A thread's search keeps each rule's state from file to file: after a file whose windows reach far into it, a
        // short one is still searched from its start, and a path the rule skipped does not make it skip the next.
        String token = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
        String longFile = "x".repeat(5_000) + "\nA=" + token + "\n" + "y".repeat(5_000) + "\nB=" + token + "\n";
        ProviderRuleAnalyzer analyzer = new ProviderRuleAnalyzer(ACME_PROPERTIES);

        assertThat(analyse(BUILT_IN, "long.txt", longFile)).extracting(f -> f.location().line()).containsExactly(2, 4);
        assertThat(analyse(BUILT_IN, "short.txt", "A=" + token + "\n")).extracting(f -> f.location().line()).containsExactly(1);
        assertThat(analyse(analyzer, "a.txt", "acme_0123456789abcdef\n")).isEmpty();
        assertThat(analyse(analyzer, "app.properties", "acme_0123456789abcdef\n")).hasSize(1);
        assertThat(analyse(analyzer, "b.txt", "acme_0123456789abcdef\n")).isEmpty();
    }

    @Test
    void findsEveryTokenOnALineThatHasSeveral() {
        String line = "A=ghp_0123456789abcdefghijklmnopqrstuvwxyz B=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n";

        assertThat(analyse(BUILT_IN, "tokens.txt", line)).extracting(f -> f.location().column()).containsExactly(3, 46);
    }

    @Test
    void reportsAPlaceholderOfTheRightShapeWithLowSeverity() {
        assertThat(analyse(BUILT_IN, "README.md", "token: ghp_EXAMPLE0123456789abcdefghijklmnopqrs\n"))
                .singleElement().satisfies(finding -> {
                    assertThat(finding.ruleId()).isEqualTo("github-pat");
                    assertThat(finding.severity()).isEqualTo(Severity.LOW);
                    assertThat(finding.message()).contains("placeholder");
                });
    }

    @Test
    void skipsValuesUnderTheEntropyFloorAndAllowedValues() {
        assertThat(analyse(BUILT_IN, "a.txt", "AKIAAAAAAAAAAAAAAAAA\nghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nAKIAIOSFODNN7EXAMPLE\n"))
                .isEmpty();
    }

    @Test
    void reportsAStandInBodyAfterTheIssuersPrefixWithLowSeverity() {
        assertThat(analyse(BUILT_IN, "a.txt", "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nSTRIPE_KEY=sk_live_AAAAAAAAAAAAAAAAAAAAAAAA\n"))
                .extracting(Finding::ruleId, Finding::severity)
                .containsExactly(tuple("github-pat", Severity.LOW), tuple("stripe-secret-key", Severity.LOW));
    }

    @Test
    void runsAUserRuleOnlyOnTheFilesItsPathsName() {
        ProviderRuleAnalyzer analyzer = new ProviderRuleAnalyzer(ACME_PROPERTIES);
        String text = "acme.token=acme_0123456789abcdef\n";

        assertThat(analyse(analyzer, "conf/app.properties", text)).extracting(Finding::ruleId).containsExactly("acme-token");
        assertThat(analyse(analyzer, "conf/app.yaml", text)).isEmpty();
    }

    @Test
    void runsTheCheckThatARuleNamesWithVerifyWhateverItsId() {
        String rule = """
                rules:
                  - id: team-session-token
                    description: Team session token
                    regex: '\\b(eyJ[A-Za-z0-9_.-]{20,})'
                    keywords: [eyj]
                """;
        String token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJodXNoLWRlbW8iLCJuYW1lIjoiRmFrZSBVc2VyIn0"
                + ".FGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv";
        // A header of {"not":"jwt"}: the shape of a token, but no JSON Web Token.
        String notAToken = "eyJub3QiOiJqd3QifQ.e30.FGHIJKLMNOPQRSTUVWXYZabcdef";
        String text = "a=" + token + "\nb=" + notAToken + "\n";
        ProviderRuleAnalyzer plain = new ProviderRuleAnalyzer(RuleCatalogue.parse(rule, ".hush.yaml"));
        ProviderRuleAnalyzer verified = new ProviderRuleAnalyzer(RuleCatalogue.parse(rule + "    verify: jwt\n", ".hush.yaml"));

        assertThat(analyse(plain, "a.txt", text)).extracting(f -> f.location().line()).containsExactly(1, 2);
        assertThat(analyse(verified, "a.txt", text)).extracting(f -> f.location().line()).containsExactly(1);
    }

    @Test
    void runsARuleOnceOnALineWithSeveralOfItsKeywords() {
        RuleCatalogue catalogue = RuleCatalogue.parse("""
                rules:
                  - id: acme-token
                    description: ACME token
                    regex: '\\b((?:acme|acne)_[0-9a-f]{16})\\b'
                    keywords: [acme_, acne_]
                """, ".hush.yaml");
        String text = "x acme_0123456789abcdef acne_fedcba9876543210 acme_00112233445566ff\nacme_0123456789abcdef\n";

        // A second run of the same window would report each value twice.
        assertThat(analyse(new ProviderRuleAnalyzer(catalogue), "t.txt", text))
                .extracting(f -> f.location().line() + ":" + f.location().column())
                .containsExactly("1:3", "1:25", "1:47", "2:1");
    }

    @Test
    void findsAMultiLineSecretThatStartsOnTheKeywordLine() {
        String json = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"p\",\n"
                + "  \"private_key_id\": \"0123456789abcdef0123456789abcdef01234567\",\n  \"private_key\": \"\"\n}\n";

        assertThat(analyse(BUILT_IN, "sa.json", json)).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("gcp-service-account-key");
            assertThat(finding.location().line()).isEqualTo(4);
        });
    }

    @Test
    void findsNothingInOrdinaryCode() {
        String code = """
                package demo;

                final class Tokens {
                    private final Map<String, String> keys = new HashMap<>();
                    String token(String name) { return keys.get(name); }
                    void rotate(String secretName, String password) { store.put(secretName, hash(password)); }
                    // see https://example.org/docs for the key format
                }
                """;

        assertThat(analyse(BUILT_IN, "src/Tokens.java", code)).isEmpty();
    }

    @Test
    void neverThrowsOnBinaryLookingOrHugeInput() {
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            noise.append((char) (i * 7919 % 65_000));
        }
        String oneLongLine = "password=" + "a1".repeat(500_000);

        assertThat(analyse(BUILT_IN, "blob.bin", noise.toString())).isNotNull();
        assertThat(analyse(BUILT_IN, "min.js", oneLongLine)).isEmpty();
    }

    @Test
    void givesTheSameFindingsWhenSharedByWorkerThreads() throws Exception {
        StringBuilder text = new StringBuilder();
        BuiltInRules.withSamples().regexRules().forEach(rule ->
                rule.samples().positives().forEach(sample -> text.append(sample.text()).append("\n\n")));
        List<String> expected = render(analyse(BUILT_IN, "all.txt", text.toString()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                runs.add(pool.submit(() -> render(analyse(BUILT_IN, "all.txt", text.toString()))));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).hasSizeGreaterThan(150);
    }

    private static List<String> render(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + "@" + f.location()).toList();
    }

    @Test
    void readsTheLiteralsEveryMatchStartsWithOnlyFromRegexesOfThatShape() {
        assertThat(ProviderRuleAnalyzer.leadingLiterals("\\b((?:AKIA|ASIA|ABIA)[A-Z2-7]{16})\\b"))
                .containsExactly("AKIA", "ASIA", "ABIA");
        assertThat(ProviderRuleAnalyzer.leadingLiterals("(ghp_[A-Za-z0-9]{36})")).containsExactly("ghp_");
        assertThat(ProviderRuleAnalyzer.leadingLiterals("sk-ant-[a-z]+")).containsExactly("sk-ant-");
        // An optional literal, an optional group, another alternation, a longer alternative, a flag: no literal is sure.
        assertThat(ProviderRuleAnalyzer.leadingLiterals("AKIA?[A-Z]{16}")).isNull();
        assertThat(ProviderRuleAnalyzer.leadingLiterals("(?:AKIA|ASIA)?[A-Z]{16}")).isNull();
        assertThat(ProviderRuleAnalyzer.leadingLiterals("((?:AKIA|ASIA)[A-Z]{16})?x")).isNull();
        assertThat(ProviderRuleAnalyzer.leadingLiterals("(?:AKIA|ASIA)[A-Z]{16}|key=\\w+")).isNull();
        assertThat(ProviderRuleAnalyzer.leadingLiterals("AKIA[A-Z]{16}|x")).isNull();
        assertThat(ProviderRuleAnalyzer.leadingLiterals("(?:AKIA[A-Z]|ASIA)[A-Z]{15}")).isNull();
        assertThat(ProviderRuleAnalyzer.leadingLiterals("(?i)akia[a-z]{16}")).isNull();
        assertThat(ProviderRuleAnalyzer.leadingLiterals("[A-Z]{4}[0-9]")).isNull();
        // An alternation inside a character class or escaped is no alternation.
        assertThat(ProviderRuleAnalyzer.leadingLiterals("AKIA[A-Z|]{16}\\|")).containsExactly("AKIA");
        // Quoted text is not read: a quoted parenthesis would seem to close the optional group.
        assertThat(ProviderRuleAnalyzer.leadingLiterals("((?:AKIA|ASIA)\\Q)\\E)?x")).isNull();
    }

    @Test
    void aKeywordInAnotherCaseThanTheLiteralsRunsNoRegexYetAMatchOnItsLineIsFound() {
        // Asia/Tokyo holds the keyword asia, not the literal ASIA; the key after it on the line is still found.
        String text = "zone = Asia/Tokyo\nzone = Asia/Tokyo key = ASIABCDEFGHIJKLMNOP2\n";

        assertThat(analyse(BUILT_IN, "zones.txt", text)).extracting(f -> f.ruleId(), f -> f.location().toString())
                .containsExactly(tuple("aws-access-key-id", "zones.txt:2:25"));
    }

    @Test
    void reportsBasicCredentialsOfStandInWordsLowAndNotAtAllInATest() {
        // test:test, username:password, admin:admin; and a generated password beside them.
        String headers = "curl -H 'Authorization: Basic dGVzdDp0ZXN0' https://api.hush.invalid/\n"
                + "curl -H 'Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=' https://api.hush.invalid/\n"
                + "curl -H 'Authorization: Basic YWRtaW46YWRtaW4=' https://api.hush.invalid/\n"
                + "curl -H 'Authorization: Basic aHVzaDpabTh2TjNrTHgyUnQ=' https://api.hush.invalid/\n";

        assertThat(analyse(BUILT_IN, "deploy/check.sh", headers)).extracting(f -> f.location().line(), Finding::severity)
                .containsExactly(tuple(1, Severity.LOW), tuple(2, Severity.LOW), tuple(3, Severity.LOW), tuple(4, Severity.HIGH));
        assertThat(analyse(BUILT_IN, "tests/test_auth.py", headers)).extracting(f -> f.location().line()).containsExactly(4);
    }

    @Test
    void leavesATestsMadeUpPasswordInAUrlButReportsItInAnApplicationsSettings() {
        String url = "proxy = \"http://john.doe:p4ssw0rd@proxy.hush.internal:8180\"\n";

        assertThat(analyse(BUILT_IN, "tests/unit/test_connection.py", url)).isEmpty();
        assertThat(analyse(BUILT_IN, "app/config.py", url)).extracting(Finding::ruleId).containsExactly("url-basic-auth");
        assertThat(analyse(BUILT_IN, "tests/unit/test_connection.py", url.replace("p4ssw0rd", "Kq8vN3kLx2Rt")))
                .extracting(Finding::ruleId).containsExactly("url-basic-auth");
    }
}

package dev.hush.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hush.core.format.yaml.BoundedYaml;
import dev.hush.core.model.Card;
import dev.hush.core.model.Severity;
import dev.hush.core.testing.HostileYaml;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleCatalogueTest {
    private static final List<String> STRUCTURED_IDS = List.of(
            "compose-inline-secret", "compose-build-arg-secret", "compose-url-credentials", "compose-privileged",
            "compose-build-privileged", "compose-insecure-entitlement", "compose-docker-socket", "compose-api-socket",
            "dockerfile-arg-secret", "dockerfile-env-secret", "dockerfile-copy-secret-file", "dockerfile-context-secrets",
            "dockerfile-run-insecure",
            "compose-weak-default", "dotenv-secret", "dotenv-weak-default", "dotenv-tracked", "dotenv-not-ignored", "docker-run-privileged", "docker-run-socket",
            "generic-secret-assignment", "js-secret-assignment", "python-secret-assignment", "php-secret-assignment",
            "sql-password", "properties-secret", "yaml-secret", "ini-secret", "toml-secret", "json-secret",
            "xml-secret", "terraform-secret", "kubernetes-secret", "kubeconfig-credential", "npmrc-auth",
            "docker-config-auth", "cloud-credentials", "env-logged", "env-dumped-in-script",
            "netrc-password", "git-credentials-password", "pgpass-password", "htpasswd-credential", "shadow-password-hash",
            "ftp-client-password", "database-gui-password", "database-gui-credentials", "browser-password-export",
            "putty-private-key", "keystore-private-key", "rails-master-key", "rails-secret-key-base",
            "pgbouncer-userlist-password", "ansible-vault-password",
            "windows-answer-file-password", "jetty-realm-password", "postfix-sasl-password", "solana-keypair",
            "user-password-file");

    @Test
    void shipsAtLeastEightyProviderRulesAndEveryStructuredRule() {
        RuleCatalogue catalogue = RuleCatalogue.builtIn();

        assertThat(catalogue.regexRules()).hasSizeGreaterThanOrEqualTo(80);
        assertThat(catalogue.rules()).filteredOn(rule -> rule.analyzer().isPresent())
                .extracting(Rule::id).containsExactlyInAnyOrderElementsOf(STRUCTURED_IDS);
        assertThat(catalogue.find("private-key")).isPresent();
        assertThat(catalogue.find("generic-secret-assignment")).get().extracting(Rule::severity).isEqualTo(Severity.MEDIUM);
        assertThat(RuleCatalogue.builtIn()).isSameAs(catalogue);
    }

    @Test
    void givesEveryRuleSamplesOfBothKindsAndARotationHint() {
        for (Rule rule : BuiltInRules.withSamples().rules()) {
            assertThat(rule.samples().positives()).as("true samples of %s", rule.id()).isNotEmpty();
            assertThat(rule.samples().negatives()).as("false samples of %s", rule.id()).isNotEmpty();
            assertThat(rule.rotation()).as("rotation of %s", rule.id()).isPresent();
            assertThat(rule.rotation().orElseThrow().revoke()).as("revoke of %s", rule.id()).isNotBlank();
            assertThat(rule.fix()).as("fix of %s", rule.id()).isNotBlank();
            if (rule.analyzer().isPresent()) {
                assertThat(rule.samples().path()).as("sample path of %s", rule.id()).isPresent();
            }
        }
    }

    @Test
    void appliesDefaultsToAUserRule() {
        RuleCatalogue catalogue = RuleCatalogue.parse("""
                rules:
                  - id: acme-api-token
                    description: ACME API token
                    regex: '\\b(acme_[a-z0-9]{32})\\b'
                    keywords: [acme_]
                  - id: acme-whole-match
                    description: ACME whole match
                    regex: 'acme-[0-9]{8}'
                    keywords: [acme-]
                    paths: ['config/**/*.properties']
                """, ".hush.yaml");

        Rule token = catalogue.find("acme-api-token").orElseThrow();
        assertThat(token.card()).isEqualTo(Card.INLINE_SECRET);
        assertThat(token.severity()).isEqualTo(Severity.HIGH);
        assertThat(token.secretGroup()).isEqualTo(1);
        assertThat(token.rotation()).isEmpty();
        assertThat(token.fix()).contains("Revoke it where it was issued");
        assertThat(token.origin()).isEqualTo(".hush.yaml:2");
        assertThat(token.appliesTo("anything/at/all.txt")).isTrue();
        Rule whole = catalogue.find("acme-whole-match").orElseThrow();
        assertThat(whole.secretGroup()).isZero();
        assertThat(whole.appliesTo("config/app.properties")).isTrue();
        assertThat(whole.appliesTo("config/prod/app.properties")).isTrue();
        assertThat(whole.appliesTo("src/app.properties")).isFalse();
    }

    @Test
    void expandsTheAssignMacroInARegex() {
        Rule rule = RuleCatalogue.parse("""
                rules:
                  - id: acme-secret
                    description: ACME secret
                    regex: '(?i)acme%ASSIGN%([a-f0-9]{16})\\b'
                    keywords: [acme]
                """, ".hush.yaml").find("acme-secret").orElseThrow();

        var matcher = rule.regex().orElseThrow().matcher("ACME_SECRET = \"0123456789abcdef\"");
        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group(rule.secretGroup())).isEqualTo("0123456789abcdef");
    }

    @Test
    void rejectsADuplicateIdNamingTheOriginAndLine() {
        assertThatThrownBy(() -> RuleCatalogue.parse("""
                rules:
                  - id: acme-token
                    description: ACME token
                    regex: 'acme_[a-z]{8}'
                    keywords: [acme_]
                  - id: acme-token
                    description: ACME token again
                    regex: 'acme-[a-z]{8}'
                    keywords: [acme-]
                """, ".hush.yaml"))
                .isInstanceOf(RuleFormatException.class)
                .hasMessageStartingWith(".hush.yaml:6: ")
                .hasMessageContaining("duplicate rule id 'acme-token'")
                .hasMessageContaining("line 2")
                .satisfies(e -> assertThat(((RuleFormatException) e).line()).isEqualTo(6));
    }

    @Test
    void readsTheCheckARuleNamesAndRejectsAnUnknownOne() {
        String rule = """
                rules:
                  - id: team-token
                    description: Team token
                    keywords: [eyj]
                    regex: '(eyJ[A-Za-z0-9_.-]{20,})'
                """;

        assertThat(RuleCatalogue.parse(rule + "    verify: base64-jwt\n", "team-rules.yaml").find("team-token"))
                .get().extracting(Rule::verification).isEqualTo(Verification.BASE64_JWT);
        assertThat(RuleCatalogue.parse(rule, "team-rules.yaml").find("team-token"))
                .get().extracting(Rule::verification).isEqualTo(Verification.NONE);
        assertThatThrownBy(() -> RuleCatalogue.parse(rule + "    verify: signature\n", "team-rules.yaml"))
                .isInstanceOf(RuleFormatException.class)
                .hasMessageStartingWith("team-rules.yaml:6: ")
                .hasMessageContaining("unknown verify 'signature'; use one of [none, jwt, base64-jwt,");
    }

    @Test
    void rejectsARegexThatDoesNotCompile() {
        assertThatThrownBy(() -> RuleCatalogue.parse("""
                rules:
                  - id: broken
                    description: Broken
                    keywords: [acme]
                    regex: 'acme_([a-z]{8}'
                """, "team-rules.yaml"))
                .isInstanceOf(RuleFormatException.class)
                .hasMessageStartingWith("team-rules.yaml:5: ")
                .hasMessageContaining("does not compile");
    }

    @Test
    void rejectsARegexRuleWithoutKeywords() {
        assertThatThrownBy(() -> RuleCatalogue.parse("""
                rules:
                  - id: no-keywords
                    description: No keywords
                    regex: 'acme_[a-z]{8}'
                """, ".hush.yaml"))
                .isInstanceOf(RuleFormatException.class)
                .hasMessageStartingWith(".hush.yaml:2: ")
                .hasMessageContaining("no 'keywords'");
    }

    @Test
    void rejectsASecretGroupTheRegexDoesNotHave() {
        assertThatThrownBy(() -> RuleCatalogue.parse("""
                rules:
                  - id: bad-group
                    description: Bad group
                    regex: 'acme_([a-z]{8})'
                    keywords: [acme_]
                    secretGroup: 2
                """, ".hush.yaml"))
                .isInstanceOf(RuleFormatException.class)
                .hasMessage(".hush.yaml:6: rule 'bad-group' names secretGroup 2 but its regex has 1 group(s)");
    }

    @Test
    void rejectsUnknownFieldsUpperCaseKeywordsAndBadYaml() {
        assertThatThrownBy(() -> RuleCatalogue.parse("""
                rules:
                  - id: typo
                    description: Typo
                    regexp: 'acme'
                """, ".hush.yaml"))
                .hasMessageStartingWith(".hush.yaml:4: unknown rule field 'regexp'");
        assertThatThrownBy(() -> RuleCatalogue.parse("""
                rules:
                  - id: upper
                    description: Upper
                    regex: 'ACME_[a-z]{8}'
                    keywords: [ACME_]
                """, ".hush.yaml"))
                .hasMessageContaining("must be lower-case");
        assertThatThrownBy(() -> RuleCatalogue.parse("rules:\n  - id: [unclosed\n", ".hush.yaml"))
                .isInstanceOf(RuleFormatException.class)
                .hasMessageStartingWith(".hush.yaml:")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> RuleCatalogue.parse("rules:\n  - id: Not_Kebab\n    description: x\n    analyzer: compose\n", "x.yaml"))
                .hasMessageStartingWith("x.yaml:2: ").hasMessageContaining("kebab-case");
    }

    @Test
    void readsNothingFromAFileWithoutRules() {
        assertThat(RuleCatalogue.parse("", ".hush.yaml").rules()).isEmpty();
        assertThat(RuleCatalogue.parse("baseline: .hush-baseline.json\n", ".hush.yaml").rules()).isEmpty();
    }

    @Test
    void replacesARuleOfTheSameIdAndDropsDisabledOnes() {
        RuleCatalogue user = RuleCatalogue.parse("""
                rules:
                  - id: github-pat
                    description: GitHub token, our way
                    severity: medium
                    regex: '\\b(ghp_[A-Za-z0-9]{36})\\b'
                    keywords: [ghp_]
                """, ".hush.yaml");
        RuleCatalogue builtIn = RuleCatalogue.builtIn();

        RuleCatalogue merged = builtIn.withRules(user.rules()).without(Set.of("jwt"));

        assertThat(merged.rules()).hasSize(builtIn.rules().size() - 1);
        assertThat(merged.find("github-pat").orElseThrow().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(merged.rules().indexOf(merged.find("github-pat").orElseThrow()))
                .isEqualTo(builtIn.rules().indexOf(builtIn.find("github-pat").orElseThrow()));
        assertThat(merged.find("jwt")).isEmpty();
        assertThat(builtIn.find("jwt")).isPresent();
    }

    static Stream<Arguments> hostileYaml() {
        return HostileYaml.cases("rules");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileYaml")
    void givesARuleErrorOrRulesForHostileYamlQuickly(String name, String yaml) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                RuleCatalogue.parse(yaml, "p/.hush.yaml");
            } catch (RuleFormatException e) {
                assertThat(e.origin()).isEqualTo("p/.hush.yaml");
                assertThat(e).hasMessageStartingWith("p/.hush.yaml");
            }
        });
    }

    @Test
    void namesTheLineWhereNestingGoesTooDeep() {
        assertThatThrownBy(() -> RuleCatalogue.parse(HostileYaml.deepBlock("rules", 200), ".hush.yaml"))
                .isInstanceOf(RuleFormatException.class)
                .hasMessageStartingWith(".hush.yaml:" + (BoundedYaml.MAX_DEPTH + 1) + ": ")
                .hasMessageContaining("nested more than");
        assertThatThrownBy(() -> RuleCatalogue.parse(HostileYaml.deepFlow("rules", 100_000), ".hush.yaml"))
                .isInstanceOf(RuleFormatException.class)
                .hasMessageStartingWith(".hush.yaml:1: ");
    }

    @Test
    void refusesAliasBombsAndHugeTextsQuickly() {
        assertThatThrownBy(() -> RuleCatalogue.parse(HostileYaml.billionLaughs("rules"), ".hush.yaml"))
                .isInstanceOf(RuleFormatException.class).hasMessageContaining("aliases");
        String huge = "rules:\n  - id: big\n    description: '" + "x".repeat(3 * 1024 * 1024) + "'\n";
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertThatThrownBy(() -> RuleCatalogue.parse(huge, ".hush.yaml"))
                .isInstanceOf(RuleFormatException.class).hasMessageContaining("more than"));
    }
}

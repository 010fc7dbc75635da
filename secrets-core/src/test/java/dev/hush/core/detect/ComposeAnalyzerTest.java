package dev.hush.core.detect;

import dev.hush.core.testing.TestResources;
import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.compose.ComposeYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanError;
import dev.hush.core.testing.HostileYaml;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComposeAnalyzerTest {

    @Test
    void findsLiteralsInTheMapFormOfEnvironmentAndNotTheNamesNextToSecrets() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("environment-map.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "6:26 compose-inline-secret POSTGRES_PASSWORD service=db HIGH",
                "12:19 compose-inline-secret API_TOKEN service=db HIGH",
                "13:27 compose-inline-secret STRIPE_SECRET_KEY service=db HIGH");
        assertThat(secrets(analysis)).containsExactly(
                "hunter2-not-real-0001", "tok_0000111122223333aaaa", "sk_live_000000000000000000000000");
        assertThat(analysis.errors()).isEmpty();
    }

    @Test
    void findsLiteralsInTheListFormOfEnvironmentWhereTheValueStarts() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("environment-list.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "6:21 compose-inline-secret DB_PASSWORD service=api HIGH",
                "7:18 compose-inline-secret API_KEY service=api HIGH",
                "8:25 compose-inline-secret SIGNING_SECRET service=api HIGH");
        assertThat(secrets(analysis)).containsExactly(
                "hunter2-not-real-0002", "key-0000111122223333", "sig-0000111122223333");
    }

    @Test
    void findsBuildArgsInMapAndListForm() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("build-args.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "7:20 compose-build-arg-secret NPM_TOKEN service=web HIGH",
                "13:30 compose-build-arg-secret PIP_INDEX_PASSWORD service=worker HIGH");
        assertThat(analysis.findings().get(0).message()).contains("image history").doesNotContain("npm_0000");
        assertThat(analysis.findings().get(0).fix()).contains("build secret");
    }

    @Test
    void reportsAnAnchoredSecretOnceWhereItIsWrittenAndNamesTheServicesThatUseIt() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("anchors.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "3:16 compose-inline-secret DB_PASSWORD service=x-common-env HIGH",
                "8:18 compose-inline-secret QUEUE_TOKEN service=x-worker HIGH",
                "20:20 compose-inline-secret DB_PASSWORD service=jobs HIGH",
                "24:26 compose-inline-secret POSTGRES_PASSWORD service=db HIGH");
        List<Finding> findings = analysis.findings();
        // jobs overrides DB_PASSWORD, so only api gets the anchored one.
        assertThat(findings.get(0).message()).isEqualTo(
                "x-common-env: environment variable DB_PASSWORD has an inline value;"
                        + " service api uses it through anchor &common-env.");
        assertThat(findings.get(1).message()).endsWith("services worker-a, worker-b use it through anchor &worker.");
        assertThat(findings.get(2).message()).isEqualTo("Service jobs: environment variable DB_PASSWORD has an inline value.");
        assertThat(findings.get(3).message()).endsWith("; service db-replica uses it through anchor &db-env.");
    }

    @Test
    void findsSecretSettingsInTheInlineContentOfAConfigWhereTheyAreWritten() {
        FileAnalysis analysis = analyze("compose.yaml", """
                services:
                  app:
                    image: ghcr.io/hush/app:1.0
                    configs: [app_conf, app_json]
                configs:
                  app_conf:
                    content: |
                      [database]
                      host = db
                      db_password = Zq8vN3kLx2Rt
                      admin_password: "changeme"
                  app_json:
                    content: |
                      {
                        "api_token": "Vb6Ms1Qe8Rw3Ty5UaB4c",
                        "region": "eu"
                      }
                  from_file:
                    file: ./app.conf
                """);

        assertThat(summaries(analysis)).containsExactly(
                "10:21 compose-inline-secret db_password service=configs.app_conf HIGH",
                "11:24 compose-weak-default admin_password service=configs.app_conf MEDIUM",
                "15:23 compose-inline-secret api_token service=configs.app_json HIGH");
        assertThat(secrets(analysis)).containsExactly("Zq8vN3kLx2Rt", "changeme", "Vb6Ms1Qe8Rw3Ty5UaB4c");
        assertThat(analysis.findings().get(0).message())
                .isEqualTo("configs.app_conf: the inline content of the config sets db_password to a literal value.");
    }

    @Test
    void leavesReferencesNamesAndProseInTheInlineContentOfAConfig() {
        FileAnalysis analysis = analyze("compose.yaml", """
                services:
                  app:
                    image: ghcr.io/hush/app:1.0
                configs:
                  app_conf:
                    content: |
                      db_password = ${DB_PASSWORD}
                      password_file: /run/secrets/db_password
                      secret_note: keep the password in a vault
                      token: $$TOKEN
                      database_url = postgres://app:Zq8vN3kLx2Rt@db/app
                      log_level = debug
                """);

        assertThat(summaries(analysis)).isEmpty();
    }

    @Test
    void treatsReferencesAsReferencesAndLiteralDefaultsAsSecrets() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("interpolation.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "7:41 compose-inline-secret SESSION_SECRET service=app HIGH",
                "8:40 compose-inline-secret CACHE_PASSWORD service=app HIGH",
                "9:23 compose-inline-secret ADMIN_PASSWORD service=app HIGH",
                "11:55 compose-inline-secret NESTED_TOKEN service=app HIGH");
        assertThat(secrets(analysis)).containsExactly(
                "dev-session-0000111122223333", "cache-0000111122223333", "pa$w0rd-0000111122223333",
                "nested-0000111122223333");
        assertThat(analysis.findings().get(0).message()).contains("inline default");
        assertThat(analysis.findings().get(2).message()).doesNotContain("default");
    }

    @Test
    void findsThePasswordOfAUrlWhateverTheKey() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("url-credentials.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "5:34 compose-url-credentials DATABASE_URL service=etl HIGH",
                "7:23 compose-url-credentials REDIS service=etl HIGH",
                "8:31 compose-url-credentials BROKER_URL service=etl LOW",
                "14:45 compose-url-credentials PIP_EXTRA_INDEX_URL service=etl HIGH");
        assertThat(secrets(analysis)).containsExactly(
                "whale-0000111122223333", "redis-0000111122223333", "changeme", "pip-0000111122223333");
    }

    @Test
    void reportsWeakDefaultsAndSkipsTemplatesAndValuesThatCannotBeSecrets() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("placeholders.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "5:20 compose-weak-default DB_PASSWORD service=app MEDIUM",
                "7:23 compose-weak-default ADMIN_PASSWORD service=app MEDIUM");
    }

    @Test
    void takesSettingsUnderWeakSecretNamesForSettingsAndAVariableNameForNoSecret() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("settings.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "22:19 compose-inline-secret SITE_AUTH service=gateway HIGH",
                "23:20 compose-inline-secret GRAPH_AUTH service=gateway HIGH",
                "24:23 compose-inline-secret QUOTED_SECRET service=gateway HIGH",
                "25:24 compose-inline-secret TOKEN_PASSWORD service=gateway HIGH");
    }

    @Test
    void findsPrivilegedServicesBuildsAndInsecureEntitlements() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("privileged.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "4:17 compose-privileged - service=agent HIGH",
                "8:19 compose-build-privileged - service=builder HIGH",
                "11:11 compose-insecure-entitlement - service=builder HIGH");
        assertThat(analysis.findings()).extracting(Finding::card).containsOnly(Card.PRIVILEGED);
        assertThat(analysis.findings().get(0).fix()).startsWith("replace privileged: true with cap_drop: [ALL]");
        assertThat(analysis.findings()).allSatisfy(finding -> assertThat(finding.secret()).isEmpty());
    }

    @Test
    void findsDockerSocketMountsInShortAndLongSyntaxEvenReadOnly() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("docker-socket.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "5:9 compose-docker-socket - service=traefik HIGH",
                "10:10 compose-docker-socket - service=portainer HIGH",
                "12:17 compose-docker-socket - service=portainer HIGH",
                "21:9 compose-docker-socket - service=windows HIGH",
                "22:9 compose-docker-socket - service=windows HIGH",
                "25:21 compose-api-socket - service=dind-client HIGH",
                "29:9 compose-docker-socket - service=rootless HIGH",
                "30:9 compose-docker-socket - service=rootless HIGH");
        assertThat(analysis.findings()).extracting(Finding::card).containsOnly(Card.DOCKER_SOCKET);
        assertThat(analysis.findings().get(0).message()).contains("read-only does not help");
        assertThat(analysis.findings().get(1).message()).doesNotContain("read-only");
        assertThat(analysis.findings().get(2).message()).contains("read-only does not help");
        assertThat(analysis.findings().get(0).fix()).contains("docker context over SSH/TLS");
    }

    @Test
    void resolvesEnvFilesAgainstTheComposeFilesFolder() {
        FileAnalysis analysis = analyze("project/app/compose.yaml", fixture("project/app/compose.yaml"));

        assertThat(analysis.envFiles()).containsExactly(
                "project/app/.env", "project/app/config/worker.env", "project/shared.env", "project/app/local.env");
        assertThat(analysis.findings()).isEmpty();
        assertThat(analysis.errors()).isEmpty();
    }

    @Test
    void reportsDuplicateKeysWithTheirLineAndStillFindsTheSecrets() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("duplicate-keys.yaml"));

        assertThat(analysis.errors()).extracting(ScanError::line).containsExactly(6, 7);
        assertThat(analysis.errors().get(0).message()).contains("duplicate key API_TOKEN (first on line 5)");
        assertThat(analysis.errors().get(1).message()).contains("duplicate key web (first on line 2)");
        assertThat(summaries(analysis)).containsExactly(
                "5:18 compose-inline-secret API_TOKEN service=web HIGH",
                "6:18 compose-inline-secret API_TOKEN service=web HIGH");
    }

    @Test
    void reportsASyntaxErrorWithItsLineAndNoFindings() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("syntax-error.yaml"));

        assertThat(analysis.errors()).hasSize(1);
        ScanError error = analysis.errors().get(0);
        assertThat(error.line()).isEqualTo(7);
        assertThat(error.message()).startsWith("invalid YAML: ").doesNotContain("hunter2");
        assertThat(analysis.findings()).isEmpty();
    }

    @Test
    void reportsTabIndentationAsAnErrorOnItsLine() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("tabs.yaml"));

        assertThat(analysis.errors()).extracting(ScanError::line).containsExactly(4);
        assertThat(analysis.errors().get(0).message()).contains("TAB");
    }

    @Test
    void ignoresYamlWithoutATopLevelServicesMap() {
        FileAnalysis kubernetes = analyze("k8s/secret.yaml", fixture("not-compose.yaml"));
        FileAnalysis gitlab = analyze(".gitlab-ci.yml", fixture("gitlab-ci.yml"));

        assertThat(kubernetes.findings()).isEmpty();
        assertThat(kubernetes.errors()).isEmpty();
        assertThat(gitlab.findings()).isEmpty();
        assertThat(gitlab.errors()).isEmpty();
    }

    @Test
    void ignoresJobLevelServicesOfGitlabCi() {
        String ci = "test:\n  services:\n    - postgres:16\n  variables:\n    POSTGRES_PASSWORD: hunter2-not-real-0012\n";

        FileAnalysis analysis = analyze(".gitlab-ci.yml", ci);

        assertThat(analysis.findings()).isEmpty();
        assertThat(analysis.errors()).isEmpty();
    }

    @Test
    void reportsAComposeNamedFileThatIsNotAMap() {
        FileAnalysis analysis = analyze("docker-compose.yml", "- web\n- db\n");
        FileAnalysis other = analyze("list.yaml", "services:\n- web\n");

        assertThat(analysis.errors()).extracting(ScanError::line).containsExactly(1);
        assertThat(other.errors()).isEmpty();
    }

    @Test
    void analysesEveryDocumentOfAStream() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("multi-document.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "5:23 compose-inline-secret FIRST_PASSWORD service=first HIGH",
                "10:17 compose-privileged - service=second HIGH");
    }

    @Test
    void survivesABillionLaughsWithoutExpandingIt() {
        String bomb = fixture("billion-laughs.yaml");

        long start = System.nanoTime();
        FileAnalysis analysis = analyze("compose.yaml", bomb);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(analysis.findings()).isEmpty();
        assertThat(analysis.errors()).isEmpty();
    }

    @Test
    void stopsAtTooManyAliasesWithAnError() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol]\n");
        for (int level = 1; level <= 60; level++) {
            bomb.append("a").append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 20; i++) {
                bomb.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            bomb.append("]\n");
        }
        bomb.append("services:\n  bomb:\n    environment: *a60\n");

        FileAnalysis analysis = analyze("compose.yaml", bomb.toString());

        assertThat(analysis.errors()).hasSize(1);
        assertThat(analysis.errors().get(0).message()).contains("aliases");
        // 20 aliases a line: the 1025th is on the line of level 52.
        assertThat(analysis.errors().get(0).line()).isEqualTo(53);
    }

    @Test
    void stopsAMergeBombThatCopiesAHugeMapManyTimes() {
        StringBuilder bomb = new StringBuilder("x-big: &big\n");
        for (int i = 0; i < 10_000; i++) {
            bomb.append("  k").append(i).append(": v\n");
        }
        bomb.append("services:\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("  s").append(i).append(":\n    environment:\n      <<: *big\n");
        }

        long start = System.nanoTime();
        FileAnalysis analysis = analyze("compose.yaml", bomb.toString());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(analysis.errors()).hasSize(1);
        assertThat(analysis.errors().get(0).message()).contains("map entries once merges are applied");
        assertThat(analysis.errors().get(0).line()).isBetween(10_002, 10_002 + 3 * 30);
    }

    @Test
    void stopsWhenAliasedServicesMultiplyTheEntries() {
        StringBuilder bomb = new StringBuilder("services:\n  big: &big\n    environment:\n");
        for (int i = 0; i < 1_000; i++) {
            bomb.append("      - K").append(i).append("=v\n");
        }
        for (int i = 0; i < 150; i++) {
            bomb.append("  s").append(i).append(": *big\n");
        }

        FileAnalysis analysis = analyze("compose.yaml", bomb.toString());

        assertThat(analysis.errors()).hasSize(1);
        assertThat(analysis.errors().get(0).message()).contains("more than " + ComposeFile.MAX_ENTRIES);
        assertThat(analysis.findings()).isEmpty();
    }

    @Test
    void stopsAtDeepNestingWithAnErrorInsteadOfAStackOverflow() {
        String deep = "services:\n  web:\n    labels: " + "[".repeat(50_000) + "\n";

        FileAnalysis analysis = analyze("compose.yaml", deep);

        assertThat(analysis.errors()).hasSize(1);
        assertThat(analysis.errors().get(0).line()).isEqualTo(3);
        assertThat(analysis.errors().get(0).message()).contains("nested more than");
    }

    @Test
    void refusesFilesBeyondTheCodePointLimit() {
        String huge = "services:\n  web:\n    image: example/web:1.0\n# " + "x".repeat(ComposeYaml.CODE_POINT_LIMIT) + "\n";

        FileAnalysis analysis = analyze("compose.yaml", huge);

        assertThat(analysis.errors()).extracting(ScanError::line).containsExactly(0);
        assertThat(analysis.findings()).isEmpty();
    }

    @Test
    void refusesAMapThatMergesItselfInsteadOfLoopingForever() {
        // Found by ParserFuzzTest: snakeyaml-engine's merge of such a map never ended.
        FileAnalysis analysis = analyze("compose.yaml", "x-base: &base\n  image: a\n  <<: *base\nservices:\n  web: *base\n");

        assertThat(analysis.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.message()).contains("an alias refers to the map that holds it");
        });
    }

    @Test
    void readsAHugeScalarWithinTheLimitInLinearTime() {
        // snakeyaml-engine's reader copied its buffer for each KB a scalar grew: 4 MB took 8 s.
        String big = "services:\n  web:\n    image: example/web:1.0\n    labels:\n      note: '"
                + "x".repeat(ComposeYaml.CODE_POINT_LIMIT - 100) + "'\n";

        long start = System.nanoTime();
        FileAnalysis analysis = analyze("compose.yaml", big);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(analysis.errors()).isEmpty();
    }

    static Stream<Arguments> hostileYaml() {
        return HostileYaml.cases("services");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileYaml")
    void reportsHostileYamlAsAnErrorWithALineWithinTheFileQuickly(String name, String yaml) {
        long start = System.nanoTime();
        FileAnalysis analysis = analyze("compose.yaml", yaml);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        long lines = yaml.lines().count();
        assertThat(analysis.errors()).allSatisfy(error -> assertThat(error.line()).isBetween(0, (int) lines + 1));
    }

    @Test
    void findsTheSameLocationsWithCrlfLineBreaks() {
        FileAnalysis analysis = analyze("compose.yaml", fixture("environment-list.yaml").replace("\n", "\r\n"));

        assertThat(summaries(analysis)).containsExactly(
                "6:21 compose-inline-secret DB_PASSWORD service=api HIGH",
                "7:18 compose-inline-secret API_KEY service=api HIGH",
                "8:25 compose-inline-secret SIGNING_SECRET service=api HIGH");
        assertThat(secrets(analysis)).containsExactly(
                "hunter2-not-real-0002", "key-0000111122223333", "sig-0000111122223333");
    }

    @Test
    void findsTheSameLocationsAfterAByteOrderMark() {
        FileAnalysis analysis = analyze("compose.yaml", "\uFEFF" + fixture("environment-map.yaml"));

        assertThat(summaries(analysis)).containsExactly(
                "6:26 compose-inline-secret POSTGRES_PASSWORD service=db HIGH",
                "12:19 compose-inline-secret API_TOKEN service=db HIGH",
                "13:27 compose-inline-secret STRIPE_SECRET_KEY service=db HIGH");
    }

    @Test
    void countsColumnsInCharsAfterCharactersBeyondTheBasicPlane() {
        String text = "services:\n  web:\n    labels: {icon: \"\uD83D\uDC33\uD83D\uDC33\"}\n"
                + "    environment: {ICON: \"\uD83D\uDC33\", API_TOKEN: tok-0000111122223333}\n";

        FileAnalysis analysis = analyze("compose.yaml", text);

        assertThat(summaries(analysis)).containsExactly("4:42 compose-inline-secret API_TOKEN service=web HIGH");
    }

    @Test
    void keepsTabsInsideValues() {
        String text = "services:\n  web:\n    environment:\n      API_TOKEN: \"tok\\t0000111122223333\"\n";

        FileAnalysis analysis = analyze("compose.yaml", text);

        assertThat(analysis.errors()).isEmpty();
        assertThat(secrets(analysis)).containsExactly("tok\t0000111122223333");
        // An escape makes the source differ from the value: the location falls back to the scalar.
        assertThat(summaries(analysis)).containsExactly("4:18 compose-inline-secret API_TOKEN service=web HIGH");
    }

    @Test
    void neverPutsTheValueInTheMessageOrFix() {
        for (String name : List.of("environment-map.yaml", "environment-list.yaml", "build-args.yaml", "anchors.yaml",
                "interpolation.yaml", "url-credentials.yaml")) {
            FileAnalysis analysis = analyze("compose.yaml", fixture(name));
            assertThat(analysis.findings()).isNotEmpty().allSatisfy(finding -> {
                String value = finding.secret().orElseThrow().reveal();
                assertThat(finding.message()).doesNotContain(value);
                assertThat(finding.fix()).doesNotContain(value);
            });
        }
    }

    @Test
    void skipsYamlFilesThatDoNotMentionServicesWithoutParsingThem() {
        FileAnalysis analysis = analyze("config/app.yaml", "key: [unclosed\n");
        FileAnalysis compose = analyze("config/compose.yaml", "key: [unclosed\n");

        assertThat(analysis.errors()).isEmpty();
        assertThat(compose.errors()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void neverThrowsOnMangledComposeFiles(long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<String> names = List.of("environment-map.yaml", "environment-list.yaml", "anchors.yaml",
                "interpolation.yaml", "docker-socket.yaml", "url-credentials.yaml", "privileged.yaml");
        String symbols = "&*<>:-[]{}'\"\\$\n\t #|!%@`,?=";
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder(fixture(names.get(random.nextInt(names.size()))));
            for (int edit = random.nextInt(4); edit >= 0; edit--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, symbols.charAt(random.nextInt(symbols.length())));
                    default -> text.setLength(at);
                }
                if (text.length() == 0) {
                    text.append("services:");
                }
            }
            FileAnalysis analysis = analyze("compose.yaml", text.toString());
            assertThat(analysis.errors()).allSatisfy(error -> assertThat(error.line()).isBetween(0, text.length() + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"compose.yaml", "a/b/docker-compose.prod.yml", "x.YAML", "ci/.gitlab-ci.yml"})
    void appliesToEveryYamlFile(String path) {
        assertThat(ComposeAnalyzer.appliesTo(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile", ".env", "compose.json", "yaml.txt"})
    void doesNotApplyToOtherFiles(String path) {
        assertThat(ComposeAnalyzer.appliesTo(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/var/run/docker.sock", "/run/docker.sock", "//var/run/docker.sock", "/var/run/docker.sock/",
            "//./pipe/docker_engine", "\\\\.\\pipe\\docker_engine", "\0/docker.sock"})
    void recognisesTheDockerSocket(String path) {
        assertThat(ComposeAnalyzer.isDockerSocket(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/var/run/docker", "/var/run/containerd/containerd.sock", "docker.sock.d/x", "./data"})
    void doesNotTakeOtherPathsForTheDockerSocket(String path) {
        assertThat(ComposeAnalyzer.isDockerSocket(path)).isFalse();
    }

    @Test
    void reportsAWordTheAppAcceptsAsAWeakDefaultAndNoTemplate() {
        FileAnalysis analysis = analyze("compose.yaml", """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: example
                      ADMIN_PASSWORD: changeme
                      API_TOKEN: <your-token>
                      SECRET_KEY: ${SECRET_KEY:-secret}
                      WEB_PASSWORD: your-password-here
                      EMPTY_PASSWORD: ""
                      ADMINPASS: changeme
                      PROXY_BYPASS: localhost
                  web:
                    build:
                      context: .
                      args:
                        NPM_TOKEN: admin
                """);

        assertThat(summaries(analysis)).containsExactly(
                "5:26 compose-weak-default POSTGRES_PASSWORD service=db MEDIUM",
                "6:23 compose-weak-default ADMIN_PASSWORD service=db MEDIUM",
                "8:33 compose-weak-default SECRET_KEY service=db MEDIUM",
                "11:18 compose-weak-default ADMINPASS service=db MEDIUM",
                "17:20 compose-build-arg-secret NPM_TOKEN service=web LOW");
        Finding weak = analysis.findings().get(0);
        assertThat(weak.card()).isEqualTo(Card.INLINE_SECRET);
        assertThat(weak.secret().orElseThrow().reveal()).isEqualTo("example");
        assertThat(weak.message()).contains("default password", "guess").doesNotContain(": example");
        assertThat(weak.fix()).contains("hush migrate --generate-weak");
    }

    @Test
    void takesFilePathsOtherProgramsReferencesTemplatesAndInstructionsForNoSecret() {
        // What the app resolves itself (Symfony's %env(NAME)% and %parameter%), a key file's path, an
        // app store's {NAME} template, and instructions in place of a value.
        FileAnalysis analysis = analyze("compose.yaml", """
                services:
                  app:
                    image: ghcr.io/hush/app:1.0
                    environment:
                      JWT_SECRET_KEY: /config/jwt/private.pem
                      JWT_PUBLIC_KEY_PATH: '%kernel.project_dir%/config/jwt/public.pem'
                      JWT_PASSPHRASE: '%env(JWT_PASSPHRASE)%'
                      SESSION_SECRET: '%SESSION_SECRET%'
                      DB_PASSWORD: '{APP_DB_PASSWORD}'
                      API_KEY: baz
                      SECRET_KEY: change-this-to-32-random-hex-chars
                      APP_SECRET: putYourSecretHere
                      SIGNING_SECRET: Zq8vN3kLx2Rt/pem
                      ADMIN_PASSWORD: 'Zq8v%N3kL%x2Rt'
                """);

        assertThat(summaries(analysis)).containsExactly(
                "10:16 compose-weak-default API_KEY service=app MEDIUM",
                "13:23 compose-inline-secret SIGNING_SECRET service=app HIGH",
                "14:24 compose-inline-secret ADMIN_PASSWORD service=app HIGH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.example.yml", "deploy/compose.sample.yaml", "compose.template.yaml"})
    void takesAWeakWordInAnExampleComposeFileForAStandIn(String path) {
        FileAnalysis analysis = analyze(path, """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: changeme
                """);

        assertThat(summaries(analysis)).isEmpty();
    }

    @Test
    void takesTheIdHalfOfAKeyPairForNoSecretAndALoneKeyForOne() {
        FileAnalysis analysis = analyze("compose.yaml", """
                services:
                  store:
                    image: ghcr.io/hush/store:1.0
                    environment:
                      STORE_ACCESS_KEY: hushstore
                      STORE_SECRET_KEY: Qx7hushStoreSecret0001
                      PUSHER_APP_KEY: hushpusher
                      PUSHER_APP_SECRET: Qx7hushPusherSecret01
                  app:
                    image: ghcr.io/hush/app:1.0
                    environment:
                      APP_KEY: base64:Qx7hushAppKey0000000000000000000000000001=
                      VAULT_ACCESS_KEY: Qx7hushVaultKey0001
                  migrated:
                    image: ghcr.io/hush/store:1.0
                    env_file: .secrets/migrated.env
                    environment:
                      MINIO_ACCESS_KEY: hushminio
                      REVERB_APP_KEY: hushreverb
                """);

        assertThat(keys(analysis)).containsExactly("STORE_SECRET_KEY", "PUSHER_APP_SECRET", "APP_KEY", "VAULT_ACCESS_KEY");
    }

    @Test
    void takesTemplatesNamesInstructionsAndTypedFillsForNoSecretButWeakWordsForWeakDefaults() {
        FileAnalysis analysis = analyze("compose.yaml", """
                services:
                  app:
                    image: ghcr.io/hush/app:1.0
                    environment:
                      - OPENAI_API_KEY=user_provided
                      - PASSWORD=PASSWORD
                      - DB_PASSWORD=DB_PASSWORD
                      - REGISTRY_PASSWORD=PASS
                      - ACCESS_TOKEN_SECRET=access_token_secret
                      - AUTH_SECRET=change-this-run-openssl-rand-hex-32
                      - SECRET_KEY_BASE=secret-key-is-here1
                      - APP_KEY=SomeRandomString3232RandomString
                      - RUNNER_SECRET=0000000000000000000000000000000000000000
                      - SALT_KEYS=00hush0000hush0000hush0000hush00
                      - CIPHER_KEY=0123456789abcdef0123456789abcdef
                      - OTP_KEY_BASE=long-long-long-long-long-hush-key-base
                      - SECRET=secret
                      - JWT_SECRET=example-hush-jwt-secret-key
                      - ADMIN_PASSWORD=password
                      - ROOT_PASSWORD=admin123456
                      - HUSH_SECRET=Qx7hush00000000Secret1
                """);

        assertThat(summaries(analysis)).containsExactly(
                "17:16 compose-weak-default SECRET service=app MEDIUM",
                "18:20 compose-weak-default JWT_SECRET service=app MEDIUM",
                "19:24 compose-weak-default ADMIN_PASSWORD service=app MEDIUM",
                "20:23 compose-inline-secret ROOT_PASSWORD service=app HIGH",
                "21:21 compose-inline-secret HUSH_SECRET service=app HIGH");
    }

    @Test
    void readsNamesOfUsersAndDigestsForNoSecretAndAdminEncAndEncryptionKeysForSecrets() {
        FileAnalysis analysis = analyze("compose.yaml", """
                services:
                  app:
                    image: ghcr.io/hush/app:1.0
                    environment:
                      AUTHENTICATION_APIKEY_USERS: ops@hush.example.org
                      ROOT_PASSWORD_SHA2: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
                      HUSH_SHA256_PASSWORD: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
                      FOUNDRY_ADMIN_KEY: hushadmin0001
                      DB_ENC_KEY: hushrealtime0001
                      HUSH_KEY_ENCRYPTION: Qx7hushKeyEncryption0000000000000001=
                """);

        assertThat(keys(analysis)).containsExactly("FOUNDRY_ADMIN_KEY", "DB_ENC_KEY", "HUSH_KEY_ENCRYPTION");
    }

    @Test
    void findsTheSecretSettingsOfAMultiLineEnvironmentValueWhereTheyAreWritten() {
        FileAnalysis analysis = analyze("compose.yaml", """
                services:
                  app:
                    image: ghcr.io/hush/app:1.0
                    environment:
                      APP_CONFIG: |
                        db:
                          user: hush
                          password: Qx7hushConfig01
                          host: db.hush.invalid
                        check_tables: true
                      OTHER_CONFIG: |
                        db:
                          user: hush
                          password_file: /run/secrets/db
                """);

        assertThat(summaries(analysis)).containsExactly("8:21 compose-inline-secret password service=app HIGH");
        assertThat(secrets(analysis)).containsExactly("Qx7hushConfig01");
        assertThat(analysis.findings().get(0).message()).contains("APP_CONFIG").doesNotContain("Qx7hush");
    }

    @Test
    void takesATemplateInAUrlForNoPasswordAndAWeakOneForAPassword() {
        FileAnalysis analysis = analyze("compose.yaml", """
                services:
                  app:
                    image: ghcr.io/hush/app:1.0
                    environment:
                      DATABASE_URL: postgres://app:your_db_pass@db.hush.invalid/app
                      CACHE_URL: redis://app:<password>@cache.hush.invalid/0
                      QUEUE_URL: amqp://app:password@queue.hush.invalid/
                """);

        assertThat(keys(analysis)).containsExactly("QUEUE_URL");
    }

    @Test
    void takesHostsAddressesAndDataSourceNamesUnderAWeakSecretNameForSettings() {
        FileAnalysis analysis = analyze("compose.yaml", """
                services:
                  app:
                    image: ghcr.io/hush/app:1.0
                    environment:
                      SSO_AUTH: sso.hush.example.org
                      CACHE_AUTH: cache:6379
                      QUEUE_DSN: mysql:host=db;dbname=hush
                      ADMIN_AUTH: ops@hush.example.org
                      MAIL_DSN: mysql:host=db;dbname=hush;password=Qx7hushDsn01
                      SITE_TOKEN: Qx7hush.Token0001
                      DB_PASSWORD: db.hush.example.org
                """);

        assertThat(keys(analysis)).containsExactly("MAIL_DSN", "SITE_TOKEN", "DB_PASSWORD");
    }

    private static List<String> keys(FileAnalysis analysis) {
        return analysis.findings().stream().map(f -> f.key().orElse("-")).toList();
    }

    static FileAnalysis analyze(String path, String text) {
        FileAnalysis analysis = new FileAnalysis(new SourceFile(path, text), GitFacts.NONE);
        new ComposeAnalyzer().analyze(analysis);
        return analysis;
    }

    static List<String> summaries(FileAnalysis analysis) {
        return analysis.findings().stream().map(ComposeAnalyzerTest::summary).toList();
    }

    static String summary(Finding finding) {
        return finding.location().line() + ":" + finding.location().column() + " " + finding.ruleId() + " "
                + finding.key().orElse("-") + " service=" + finding.service().orElse("-") + " " + finding.severity();
    }

    private static List<String> secrets(FileAnalysis analysis) {
        return analysis.findings().stream().map(f -> f.secret().orElseThrow().reveal()).toList();
    }

    static String fixture(String name) {
        return TestResources.composeFixture(name);
    }
}

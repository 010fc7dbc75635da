package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DotenvAnalyzerTest {
    private static final Path FIXTURES = DockerfileFixtures.folder("dotenv");
    private static final String SECRET = "DB_PASSWORD=p4ss-Q7w9-zX2k\n";
    private static final String PLACEHOLDER_ONLY = "DB_PASSWORD=changeme\n";

    /** Git facts for a work tree where the named paths are tracked or ignored. */
    private record FakeGit(boolean isRepository, Set<String> tracked, Set<String> ignored) implements GitFacts {
        static FakeGit repository() {
            return new FakeGit(true, Set.of(), Set.of());
        }

        @Override
        public boolean isTracked(String path) {
            return tracked.contains(path);
        }

        @Override
        public boolean isIgnored(String path) {
            return ignored.contains(path);
        }
    }

    static Stream<String> fixtures() {
        return DockerfileFixtures.fixtures(FIXTURES);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reportsExactlyTheFindingsEachFixtureExpects(String path) {
        assertThat(DotenvAnalyzer.appliesTo(path)).isTrue();
        FileAnalysis analysis = DockerfileFixtures.analyze(
                new DotenvAnalyzer(), path, DockerfileFixtures.read(FIXTURES, path), GitFacts.NONE);

        assertThat(DockerfileFixtures.summaries(analysis.findings()))
                .containsExactlyElementsOf(DockerfileFixtures.expected(FIXTURES, path));
        if (!path.startsWith("malformed")) {
            assertThat(analysis.errors()).isEmpty();
        }
    }

    @Test
    void hasATrueAndAFalseSampleForTheSecretRule() {
        assertThat(DockerfileFixtures.expected(FIXTURES, "secret.env")).anyMatch(l -> l.startsWith("dotenv-secret "));
        assertThat(DockerfileFixtures.expected(FIXTURES, "secret-fp.env")).isEmpty();
    }

    @Test
    void reportsTheLinesItCannotReadWithTheirLineNumber() {
        FileAnalysis analysis = analyze(".env", "GOOD_TOKEN=t0k\nbad line\nDB_PASSWORD=\"never closed\n",
                GitFacts.NONE);

        assertThat(analysis.errors()).extracting(e -> e.line()).containsExactly(2, 3);
        assertThat(analysis.errors()).allSatisfy(e -> assertThat(e.path()).isEqualTo(".env"));
    }

    @Test
    void takesNullsAndSettingsUnderWeakSecretNamesForNoSecret() {
        FileAnalysis analysis = analyze(".env", """
                PROXY_PASSWORD=None
                QUEUE_SECRET=null
                RING_NUM_TOKENS=256
                MAIL_PASSWORD_SCHEME=SHA512-CRYPT
                AUTH_RATELIMIT=10/minute;1000/hour
                REGISTRY_AUTH=htpasswd
                ERRORS_DSN=tcp://errors:9000
                ROBOT_TOKEN=ROBOT_TOKEN
                SITE_AUTH=ops:Qx7-hush-0000
                QUEUE_PASSWORD=qx7hushqueue
                """, GitFacts.NONE);

        assertThat(analysis.findings()).extracting(f -> f.ruleId() + " " + f.key().orElse("") + " " + f.severity())
                .containsExactly("dotenv-secret SITE_AUTH HIGH",
                        "dotenv-secret QUEUE_PASSWORD HIGH");
    }

    @Test
    void takesTheIdHalfOfAKeyPairForNoSecretAndTemplatesAndDigestsForNone() {
        FileAnalysis analysis = analyze(".env", """
                PUSHER_APP_KEY=hushpusher
                PUSHER_APP_SECRET=Qx7hushPusherSecret01
                STORE_ACCESS_KEY=hushstore
                STORE_SECRET_KEY=Qx7hushStoreSecret0001
                APP_KEY=SomeRandomString3232RandomString
                GITHUB_TOKEN=ghp_1234567890abcdefghijklmnopqrstuvwxyz
                HUSH_SHA256_PASSWORD=5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
                LONE_ACCESS_KEY=Qx7hushLoneKey0001
                """, GitFacts.NONE);

        assertThat(analysis.findings()).extracting(f -> f.ruleId() + " " + f.key().orElse(""))
                .containsExactly("dotenv-secret PUSHER_APP_SECRET", "dotenv-secret STORE_SECRET_KEY",
                        "dotenv-secret LONE_ACCESS_KEY");
    }

    @Test
    void keepsTheMultiLineValueAsTheSecretAndOutOfTheMessage() {
        FileAnalysis analysis = analyze(".env", "PRIVATE_KEY=\"line one\nline two\"\n", GitFacts.NONE);

        Finding finding = analysis.findings().get(0);
        assertThat(finding.secret().orElseThrow().reveal()).isEqualTo("line one\nline two");
        assertThat(finding.message()).contains("PRIVATE_KEY").doesNotContain("line one");
        assertThat(finding.fix()).doesNotContain("line one");
    }

    @Test
    void movesAConnectionUrlWholeButJudgesItsPassword() {
        FileAnalysis real = analyze(".env", "DATABASE_URL=postgres://app:p4ss-Q7w9@db/app\n", GitFacts.NONE);
        FileAnalysis placeholder = analyze(".env", "DATABASE_URL=postgres://app:changeme@db/app\n", GitFacts.NONE);

        assertThat(real.findings().get(0).secret().orElseThrow().reveal())
                .isEqualTo("postgres://app:p4ss-Q7w9@db/app");
        assertThat(real.findings().get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(placeholder.findings().get(0).severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void reportsATrackedFileWithSecretsAtItsFirstLine() {
        FileAnalysis analysis = analyze("app/.env", SECRET, new FakeGit(true, Set.of("app/.env"), Set.of()));

        assertThat(analysis.findings()).filteredOn(f -> f.ruleId().equals("dotenv-tracked")).singleElement()
                .satisfies(f -> {
                    assertThat(f.card()).isEqualTo(Card.TRACKED_SECRET_FILE);
                    assertThat(f.severity()).isEqualTo(Severity.HIGH);
                    assertThat(f.location().line()).isEqualTo(1);
                    assertThat(f.location().column()).isEqualTo(1);
                    assertThat(f.secret()).isEmpty();
                    assertThat(f.fix()).contains("git rm --cached app/.env", ".gitignore", "rotate");
                });
        assertThat(ruleIds(analysis)).doesNotContain("dotenv-not-ignored");
    }

    @Test
    void reportsAnUntrackedFileThatNoGitignoreCovers() {
        FileAnalysis analysis = analyze(".env.local", SECRET, FakeGit.repository());

        assertThat(analysis.findings()).filteredOn(f -> f.ruleId().equals("dotenv-not-ignored")).singleElement()
                .satisfies(f -> {
                    assertThat(f.card()).isEqualTo(Card.TRACKED_SECRET_FILE);
                    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                    assertThat(f.location().line()).isEqualTo(1);
                    assertThat(f.fix()).contains(".gitignore");
                });
    }

    @Test
    void saysNothingAboutGitWhenTheFileIsIgnored() {
        FileAnalysis analysis = analyze(".env", SECRET, new FakeGit(true, Set.of(), Set.of(".env")));

        assertThat(ruleIds(analysis)).containsExactly("dotenv-secret");
    }

    @Test
    void saysNothingAboutGitOutsideAWorkTree() {
        assertThat(ruleIds(analyze(".env", SECRET, GitFacts.NONE))).containsExactly("dotenv-secret");
    }

    @Test
    void saysNothingAboutGitWhenTheFileHoldsOnlyPlaceholders() {
        FileAnalysis analysis = analyze(".env", PLACEHOLDER_ONLY, new FakeGit(true, Set.of(".env"), Set.of()));

        assertThat(DockerfileFixtures.summaries(analysis.findings()))
                .containsExactly("dotenv-weak-default 1:1 medium DB_PASSWORD");
    }

    @Test
    void reportsAWeakDefaultButNoTemplateAndNothingInAnExampleFile() {
        String text = "POSTGRES_PASSWORD=example\nADMIN_PASSWORD=admin\nAPI_TOKEN=<your-token>\n"
                + "DB_PASSWORD=your-password-here\nEMPTY_PASSWORD=\n";

        assertThat(DockerfileFixtures.summaries(analyze(".env", text, GitFacts.NONE).findings())).containsExactly(
                "dotenv-weak-default 1:1 medium POSTGRES_PASSWORD",
                "dotenv-weak-default 2:1 medium ADMIN_PASSWORD");
        assertThat(analyze(".env.example", text, GitFacts.NONE).findings()).isEmpty();
        assertThat(analyze(".env.template", "ADMIN_PASSWORD=CHANGE_ME\n", GitFacts.NONE).findings()).isEmpty();
    }

    @Test
    void neverReportsGitExposureOfAnExampleFile() {
        FileAnalysis analysis = analyze(".env.example", SECRET, new FakeGit(true, Set.of(".env.example"), Set.of()));

        assertThat(ruleIds(analysis)).containsExactly("dotenv-secret");
        assertThat(analysis.findings().get(0).message()).contains("example file");
    }

    @Test
    void ignoresPlaceholdersInExampleFiles() {
        assertThat(analyze(".env.sample", PLACEHOLDER_ONLY, FakeGit.repository()).findings()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        ".env, true",
        "app/.env, true",
        ".env.production, true",
        ".env.example, true",
        "db.env, true",
        "config/web.ENV, true",
        ".envrc, false",
        "env, false",
        ".env/README.md, false",
        "environment.ts, false"
    })
    void recognisesDotenvFilesByName(String path, boolean expected) {
        assertThat(DotenvAnalyzer.appliesTo(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        ".env.example, true",
        "app/.env.sample, true",
        ".env.template, true",
        ".env.dist, true",
        "example.env, true",
        ".env, false",
        ".env.production, false",
        ".env.local, false"
    })
    void recognisesExampleFiles(String path, boolean expected) {
        assertThat(DotenvAnalyzer.isExample(path)).isEqualTo(expected);
    }

    @Test
    void findsOnlyPlaceholdersInTheAwesomeComposeDotenvFiles() throws IOException {
        Path corpus = corpus();
        Map<String, List<String>> actual = new TreeMap<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String path = corpus.relativize(file).toString().replace('\\', '/');
                if (!DotenvAnalyzer.appliesTo(path)) {
                    continue;
                }
                FileAnalysis analysis = analyze(path, Files.readString(file, StandardCharsets.UTF_8),
                        FakeGit.repository());
                assertThat(analysis.errors()).as(path).isEmpty();
                actual.put(path, DockerfileFixtures.summaries(analysis.findings()));
            }
        }

        // The sample passwords are "changeit": weak defaults the services run with, and no git findings.
        assertThat(actual).isEqualTo(Map.of(
                "pihole-cloudflared-DoH/.env", List.of("dotenv-weak-default 2:1 medium PIHOLE_PW"),
                "plex/.env", List.of(),
                "postgresql-pgadmin/.env",
                        List.of("dotenv-weak-default 2:1 medium POSTGRES_PW",
                                "dotenv-weak-default 5:1 medium PGADMIN_PW"),
                "wireguard/.env", List.of()));
    }

    /** Returns the awesome-compose corpus, found by walking up from the module to {@code shared/corpus}. */
    private static Path corpus() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/awesome-compose");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/corpus/awesome-compose is not in any parent folder");
        throw new AssertionError("unreachable");
    }

    private static FileAnalysis analyze(String path, String text, GitFacts git) {
        return DockerfileFixtures.analyze(new DotenvAnalyzer(), path, text, git);
    }

    private static List<String> ruleIds(FileAnalysis analysis) {
        return analysis.findings().stream().map(Finding::ruleId).collect(Collectors.toList());
    }
}

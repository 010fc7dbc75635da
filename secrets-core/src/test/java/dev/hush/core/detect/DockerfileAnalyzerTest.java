package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileAnalyzerTest {
    private static final Path FIXTURES = DockerfileFixtures.folder("dockerfile");
    private static final List<String> RULES = List.of(
            "dockerfile-env-secret", "dockerfile-arg-secret", "dockerfile-copy-secret-file", "dockerfile-run-insecure");

    static Stream<String> fixtures() {
        return DockerfileFixtures.fixtures(FIXTURES);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reportsExactlyTheFindingsEachFixtureExpects(String path) {
        assertThat(DockerfileAnalyzer.appliesTo(path)).isTrue();
        FileAnalysis analysis = DockerfileFixtures.analyze(
                new DockerfileAnalyzer(), path, DockerfileFixtures.read(FIXTURES, path), GitFacts.NONE);

        assertThat(DockerfileFixtures.summaries(analysis.findings()))
                .containsExactlyElementsOf(DockerfileFixtures.expected(FIXTURES, path));
        assertThat(analysis.errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dockerfile-env-secret", "dockerfile-arg-secret", "dockerfile-copy-secret-file", "dockerfile-run-insecure"})
    void everyRuleHasATrueAndAFalseSample(String rule) {
        String stem = rule.substring("dockerfile-".length());
        assertThat(DockerfileFixtures.expected(FIXTURES, stem + ".Dockerfile")).anyMatch(l -> l.startsWith(rule + " "));
        assertThat(DockerfileFixtures.fixtures(FIXTURES)).contains(stem + "-fp.Dockerfile");
        assertThat(DockerfileFixtures.expected(FIXTURES, stem + "-fp.Dockerfile")).isEmpty();
        assertThat(RULES).contains(rule);
    }

    @Test
    void keepsTheSecretButNeverPutsItInTheMessageOrFix() {
        FileAnalysis analysis = analyze("Dockerfile", "FROM alpine\nENV DB_PASSWORD=p4ss-Q7w9-zX2k\n");

        Finding finding = analysis.findings().get(0);
        assertThat(finding.secret()).hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo("p4ss-Q7w9-zX2k"));
        assertThat(finding.card()).isEqualTo(Card.INLINE_SECRET);
        assertThat(finding.message()).contains("DB_PASSWORD", "docker history").doesNotContain("p4ss");
        assertThat(finding.fix()).contains("--mount=type=secret,id=db_password").doesNotContain("p4ss");
    }

    @Test
    void takesTheDefaultOfAReferenceAsTheSecret() {
        FileAnalysis analysis = analyze("Dockerfile", "ARG API_TOKEN=${API_TOKEN:-tok-Q7w9-zX2k}\n");

        assertThat(analysis.findings().get(0).secret().orElseThrow().reveal()).isEqualTo("tok-Q7w9-zX2k");
    }

    @Test
    void reportsAnInsecureRunOnThePrivilegedCard() {
        FileAnalysis analysis = analyze("Dockerfile", "FROM alpine\nRUN --security=insecure true\n");

        assertThat(analysis.findings()).singleElement().satisfies(f -> {
            assertThat(f.card()).isEqualTo(Card.PRIVILEGED);
            assertThat(f.ruleId()).isEqualTo("dockerfile-run-insecure");
        });
    }

    @Test
    void leavesDockerRunInsideRunToTheDockerRunAnalyzer() {
        String text = "FROM docker:27\nRUN docker run --privileged -v /var/run/docker.sock:/var/run/docker.sock x\n";

        assertThat(analyze("Dockerfile", text).findings()).isEmpty();
        assertThat(DockerfileFixtures.analyze(new DockerRunAnalyzer(), "Dockerfile", text, GitFacts.NONE).findings())
                .extracting(Finding::ruleId)
                .containsExactly("docker-run-privileged", "docker-run-socket");
    }

    @Test
    void reportsAnUnclosedHeredocAsAnErrorWithItsLine() {
        FileAnalysis analysis = analyze("Dockerfile", "FROM alpine\nRUN <<EOF\necho hi\n");

        assertThat(analysis.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).contains("<<EOF", "line 2");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "Dockerfile, true",
        "app/Dockerfile, true",
        "dockerfile, true",
        "Dockerfile.prod, true",
        "api.Dockerfile, true",
        "build/web.dockerfile, true",
        "Containerfile, true",
        "worker.containerfile, true",
        "Dockerfile-notes.md, false",
        "docker-compose.yml, false",
        "Dockerfiles/README, false",
        ".dockerignore, false"
    })
    void recognisesDockerfilesByName(String path, boolean expected) {
        assertThat(DockerfileAnalyzer.appliesTo(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile", "DOCKERFILE", "a/b/dockerFile", "Dockerfile.", ".dockerfile", "x.DockerFile",
        "dockerfile.dockerfile", "Containerfile", "a/CONTAINERFILE.dev", "b.containerFile", "dockerfil", "ockerfile",
        "dockerfile-x", "xdockerfile", "a.dockerfile/b", "", "/", "a/", "Docker\u212Afile", "doc\u212Aerfile",
        "dockerf\u0131le", "Dockerf\u0130le", "d\u00f6ckerfile", "\u00e9.dockerfile", "Dockerfile.\u00e9",
        "dir\u00e9/Dockerfile", "containerf\u0131le.x", "\u0130.containerfile", "DOC\u212AERFILE.prod"})
    void comparesADockerfilesNameAsLowerCasingItWould(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        boolean lowerCased = name.equals("dockerfile") || name.equals("containerfile") || name.startsWith("dockerfile.")
                || name.endsWith(".dockerfile") || name.startsWith("containerfile.") || name.endsWith(".containerfile");
        assertThat(DockerfileAnalyzer.appliesTo(path)).as(path).isEqualTo(lowerCased);
    }

    @ParameterizedTest
    @CsvSource({
        ".env, true",
        "config/.env.production, true",
        "id_ed25519, true",
        "/home/app/.ssh/config, true",
        "deploy/tls.key, true",
        "keystore.p12, true",
        "server.pfx, true",
        ".docker/config.json, true",
        ".git-credentials, true",
        ".env.example, false",
        ".env.sample, false",
        "id_ed25519.pub, false",
        ".ssh/known_hosts, false",
        "ca.pem, false",
        "fullchain.pem, false",
        "repo-public.key, false",
        "https://example.org/server.key, false",
        "config.json, false",
        "environment.ts, false"
    })
    void tellsSecretFilesFromTheirNeighbours(String source, boolean expected) {
        assertThat(DockerfileAnalyzer.isSecretFile(source)).isEqualTo(expected);
    }

    private static FileAnalysis analyze(String path, String text) {
        return DockerfileFixtures.analyze(new DockerfileAnalyzer(), path, text, GitFacts.NONE);
    }
}

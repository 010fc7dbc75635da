package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerRunAnalyzerTest {
    private static final Path FIXTURES = DockerfileFixtures.folder("scripts");

    static Stream<String> fixtures() {
        return DockerfileFixtures.fixtures(FIXTURES);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reportsExactlyTheFindingsEachFixtureExpects(String path) {
        String text = DockerfileFixtures.read(FIXTURES, path);
        assertThat(DockerRunAnalyzer.appliesTo(path) || DockerRunAnalyzer.appliesToText(text.lines().findFirst().orElse("")))
                .isTrue();
        FileAnalysis analysis = DockerfileFixtures.analyze(new DockerRunAnalyzer(), path, text, GitFacts.NONE);

        assertThat(DockerfileFixtures.summaries(analysis.findings()))
                .containsExactlyElementsOf(DockerfileFixtures.expected(FIXTURES, path));
        assertThat(analysis.errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"privileged", "socket"})
    void everyRuleHasATrueAndAFalseSample(String stem) {
        assertThat(DockerfileFixtures.expected(FIXTURES, stem + ".sh"))
                .isNotEmpty()
                .allMatch(l -> l.startsWith("docker-run-" + stem + " "));
        assertThat(DockerfileFixtures.expected(FIXTURES, stem + "-fp.sh")).isEmpty();
    }

    @Test
    void putsPrivilegedAndSocketOnTheirCards() {
        FileAnalysis analysis = analyze("run.sh",
                "docker run --privileged -v /var/run/docker.sock:/var/run/docker.sock alpine\n");

        assertThat(analysis.findings()).extracting(Finding::card).containsExactly(Card.PRIVILEGED, Card.DOCKER_SOCKET);
        assertThat(analysis.findings()).allSatisfy(f -> {
            assertThat(f.secret()).isEmpty();
            assertThat(f.fix()).isNotBlank();
        });
        assertThat(analysis.findings().get(0).fix()).contains("--cap-drop ALL");
        assertThat(analysis.findings().get(1).fix()).contains("docker context");
    }

    @Test
    void readsCrlfContinuations() {
        FileAnalysis analysis = analyze("run.sh", "docker run \\\r\n  --privileged \\\r\n  alpine\r\n");

        assertThat(DockerfileFixtures.summaries(analysis.findings())).containsExactly("docker-run-privileged 2:3 high");
    }

    @Test
    void readsAnOnbuildRunOfADockerfile() {
        FileAnalysis analysis = analyze("Dockerfile", "FROM docker\nONBUILD RUN docker run --privileged alpine\n");

        assertThat(DockerfileFixtures.summaries(analysis.findings())).containsExactly("docker-run-privileged 2:24 high");
    }

    @Test
    void leavesInsecureBuildStepsToTheDockerfileAnalyzer() {
        assertThat(analyze("Dockerfile", "FROM alpine\nRUN --security=insecure true\n").findings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "docker", "docker run", "docker run -v", "docker run --mount", "docker run -", "\"docker run",
        "docker run --privileged=", "'", "\\", "docker run \"\" --privileged x", "docker -H"})
    void neverThrowsOnTruncatedCommands(String line) {
        analyze("run.sh", line);
        analyze("run.sh", line + "\n");
    }

    @ParameterizedTest
    @CsvSource({
        "/var/run/docker.sock:/var/run/docker.sock, true",
        "/run/docker.sock:/var/run/docker.sock:ro, true",
        "/run/user/1000/docker.sock:/var/run/docker.sock, true",
        "/var/run/docker.sock/:/x, true",
        "/var/run/docker.sock.bak:/x, false",
        "/var/run/docker.sock, false",
        "/var/run/docker:/x, false",
        "/srv/my-docker.sock:/x, false"
    })
    void recognisesASocketVolume(String volume, boolean expected) {
        assertThat(DockerRunAnalyzer.isSocketVolume(volume)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock|true",
        "src=/run/docker.sock,dst=/var/run/docker.sock|true",
        "type=bind,src=/var/run/docker.sock.bak,dst=/x|false",
        "type=volume,src=docker.sock,dst=/x|false",
        "type=tmpfs,dst=/var/run/docker.sock|false"
    })
    void recognisesASocketMount(String mount, boolean expected) {
        assertThat(DockerRunAnalyzer.isSocketMount(mount)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "deploy.sh, true",
        "scripts/run.BASH, true",
        "setup.zsh, true",
        "Makefile, true",
        "GNUmakefile, true",
        "build/rules.mk, true",
        ".github/workflows/ci.yml, true",
        "sub/.github/workflows/release.yaml, true",
        ".gitlab-ci.yml, true",
        "Jenkinsfile, true",
        ".circleci/config.yml, true",
        "azure-pipelines.yml, true",
        "bitbucket-pipelines.yml, true",
        "Taskfile.yml, true",
        "justfile, true",
        "Dockerfile, true",
        "api.Dockerfile, true",
        "docker-compose.yml, false",
        ".github/dependabot.yml, false",
        "README.md, false",
        "config.yml, false"
    })
    void recognisesScriptsByName(String path, boolean expected) {
        assertThat(DockerRunAnalyzer.appliesTo(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "#!/bin/sh|true",
        "#!/bin/bash -e|true",
        "#!/usr/bin/env bash|true",
        "#!/usr/bin/env -S zsh -f|true",
        "#! /bin/dash|true",
        "#!/usr/bin/env python3|false",
        "#!/usr/bin/node|false",
        "# just a comment|false",
        "echo hi|false"
    })
    void recognisesShellShebangs(String firstLine, boolean expected) {
        assertThat(DockerRunAnalyzer.appliesToText(firstLine)).isEqualTo(expected);
    }

    private static FileAnalysis analyze(String path, String text) {
        return DockerfileFixtures.analyze(new DockerRunAnalyzer(), path, text, GitFacts.NONE);
    }
}

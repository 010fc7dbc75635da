package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs analyzers over the fixture files of the Dockerfile, dotenv and docker-run tests. Each
 * fixture {@code name} has a sidecar {@code name.expected} listing the findings it must give,
 * one per line as {@code rule-id line:column severity [key]}; an empty sidecar means none.
 */
final class DockerfileFixtures {
    private DockerfileFixtures() {
    }

    /** Returns the fixture folder {@code name} under the test resources. */
    static Path folder(String name) {
        try {
            return Paths.get(Objects.requireNonNull(DockerfileFixtures.class.getResource("/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the fixture paths under {@code folder}, relative to it with {@code /}, sidecars left out. */
    static Stream<String> fixtures(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<String> paths = files.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.endsWith(".expected"))
                    .sorted()
                    .collect(Collectors.toList());
            return paths.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the text of the fixture at {@code path} under {@code folder}. */
    static String read(Path folder, String path) {
        try {
            return Files.readString(folder.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the expected findings of the fixture at {@code path}, from its sidecar. */
    static List<String> expected(Path folder, String path) {
        Path sidecar = folder.resolve(path + ".expected");
        assertThat(sidecar).as("every fixture has a .expected sidecar").exists();
        List<String> lines = new ArrayList<>();
        for (String line : read(folder, path + ".expected").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /** Returns the analysis of {@code text} at {@code path} by {@code analyzer}. */
    static FileAnalysis analyze(Analyzer analyzer, String path, String text, GitFacts git) {
        FileAnalysis analysis = new FileAnalysis(new SourceFile(path, text), git);
        analyzer.analyze(analysis);
        return analysis;
    }

    /** Returns the findings in the sidecar format. */
    static List<String> summaries(List<Finding> findings) {
        return findings.stream().map(DockerfileFixtures::summary).collect(Collectors.toList());
    }

    /** Returns one finding as {@code rule-id line:column severity [key]}. */
    static String summary(Finding finding) {
        return finding.ruleId() + " " + finding.location().line() + ":" + finding.location().column() + " "
                + finding.severity().id() + finding.key().map(k -> " " + k).orElse("");
    }
}

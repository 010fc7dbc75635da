package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the analyzer over the real compose projects of docker/awesome-compose. */
class ComposeCorpusTest {
    private static Path corpus;

    @BeforeAll
    static void findCorpus() {
        corpus = locate().orElse(null);
        Assumptions.assumeTrue(corpus != null,
                "shared/corpus/awesome-compose not found above " + Path.of("").toAbsolutePath() + ": corpus test skipped");
    }

    @Test
    void findsExactlyThePinnedFindingsAndNoErrors() throws IOException {
        List<String> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int composeFiles = 0;
        for (Path file : yamlFiles()) {
            String path = corpus.relativize(file).toString().replace('\\', '/');
            FileAnalysis analysis = new FileAnalysis(
                    new SourceFile(path, Files.readString(file, StandardCharsets.UTF_8)), GitFacts.NONE);
            new ComposeAnalyzer().analyze(analysis);
            composeFiles++;
            analysis.errors().forEach(error -> errors.add(error.toString()));
            for (Finding finding : analysis.findings()) {
                found.add(path + ":" + finding.location().line() + ":" + finding.location().column() + " "
                        + finding.ruleId() + " " + finding.key().orElse("-") + " " + finding.severity());
            }
        }

        assertThat(composeFiles).isEqualTo(39);
        assertThat(errors).isEmpty();
        assertThat(found).containsExactlyElementsOf(expected());
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(corpus)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> ComposeAnalyzer.appliesTo(file.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> expected() {
        return ComposeAnalyzerTest.fixture("awesome-compose.expected").lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    private static Optional<Path> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/awesome-compose");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

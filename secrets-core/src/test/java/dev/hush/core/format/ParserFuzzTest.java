package dev.hush.core.format;

import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.compose.Interpolation;
import dev.hush.core.format.dockerfile.Dockerfile;
import dev.hush.core.format.dockerfile.DockerfileInstruction;
import dev.hush.core.format.dockerfile.DockerfileParser;
import dev.hush.core.format.dotenv.Dotenv;
import dev.hush.core.format.dotenv.DotenvEntry;
import dev.hush.core.format.dotenv.DotenvParser;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the scan's parsers: whatever the bytes (decoded as UTF-8, as the scan does), they return a model (with problems where the
 * text could not be read) and never throw, and every place they give is inside the text.
 *
 * <p>A plain {@code mvn test} runs only the inputs under
 * {@code src/test/resources/dev/hush/core/scan/ParserFuzzTestInputs/<method>/} (regression
 * mode); {@code JAZZER_FUZZ=1 mvn test -Dtest=ParserFuzzTest#<method>} fuzzes one method and
 * adds what it finds to that folder.
 */
class ParserFuzzTest {
    private static final int MAX_LENGTH = 64 * 1024;

    @FuzzTest(maxDuration = "60s")
    void composeFileNeverThrowsAndPlacesEverythingInTheText(@NotNull @WithLength(max = MAX_LENGTH) byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        SourceFile file = new SourceFile("compose.yaml", text);
        ComposeFile compose = ComposeFile.parse(file);

        for (ComposeFile.Problem problem : compose.problems()) {
            assertThat(problem.line()).isBetween(0, file.lineCount());
        }
        for (ComposeFile.Document document : compose.documents()) {
            inText(document.root(), text);
            for (ComposeFile.Service service : document.services()) {
                inText(service.key(), text);
                inText(service.body(), text);
                List<ComposeFile.Variable> variables = new ArrayList<>(service.environment());
                variables.addAll(service.buildArgs());
                for (ComposeFile.Variable variable : variables) {
                    inText(variable.entry(), text);
                    inText(variable.key().span(), text);
                    variable.value().ifPresent(value -> inText(value.span(), text));
                }
                for (ComposeFile.Volume volume : service.volumes()) {
                    inText(volume.entry(), text);
                }
            }
        }
    }

    private static void inText(ComposeFile.Span span, String text) {
        assertThat(span.start()).isBetween(0, text.length());
        assertThat(span.end()).isBetween(span.start(), text.length());
        assertThat(span.line()).isPositive();
        assertThat(span.column()).isPositive();
    }

    @FuzzTest(maxDuration = "60s")
    void dotenvParserNeverThrowsAndPlacesEntriesInTheText(@NotNull @WithLength(max = MAX_LENGTH) byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Dotenv dotenv = DotenvParser.parse(text);
        int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;

        for (DotenvEntry entry : dotenv.entries()) {
            assertThat(entry.start()).isBetween(0, text.length());
            assertThat(entry.end()).isBetween(entry.start(), text.length());
            assertThat(entry.keyStart()).isBetween(entry.start(), entry.end());
            assertThat(entry.keyLine()).isBetween(1, lines);
            assertThat(text.startsWith(entry.key(), entry.keyStart())).isTrue();
            if (entry.value().isPresent()) {
                assertThat(entry.valueStart()).isBetween(entry.keyStart(), text.length());
                assertThat(entry.valueEnd()).isBetween(entry.valueStart(), text.length());
                assertThat(entry.valueLine()).isBetween(entry.keyLine(), lines);
            }
        }
        for (Dotenv.Problem problem : dotenv.problems()) {
            assertThat(problem.line()).isBetween(1, lines);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void dockerfileParserNeverThrowsAndPlacesInstructionsInTheText(
            @NotNull @WithLength(max = MAX_LENGTH) byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Dockerfile dockerfile = DockerfileParser.parse(text);
        int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;

        for (DockerfileInstruction instruction : dockerfile.instructions()) {
            assertThat(instruction.start()).isBetween(0, text.length());
            assertThat(instruction.end()).isBetween(instruction.start(), text.length());
            assertThat(instruction.line()).isBetween(1, lines);
            assertThat(instruction.keywordOffset()).isBetween(instruction.start(), instruction.end());
            for (int i = 0; i <= instruction.arguments().length(); i++) {
                assertThat(instruction.offsetOf(i)).isBetween(0, text.length());
            }
            for (DockerfileInstruction.Heredoc heredoc : instruction.heredocs()) {
                assertThat(heredoc.bodyStart()).isBetween(0, text.length());
                assertThat(heredoc.bodyEnd()).isBetween(heredoc.bodyStart(), text.length());
            }
        }
        for (Dockerfile.Problem problem : dockerfile.problems()) {
            assertThat(problem.line()).isBetween(0, lines);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void interpolationNeverThrowsAndCoversTheValueInOrder(@NotNull @WithLength(max = 4096) byte[] bytes) {
        String value = new String(bytes, StandardCharsets.UTF_8);
        List<Interpolation.Part> parts = Interpolation.parse(value);

        int at = 0;
        for (Interpolation.Part part : parts) {
            assertThat(part.start()).isEqualTo(at);
            assertThat(part.end()).isBetween(part.start(), value.length());
            at = part.end();
            if (part instanceof Interpolation.Reference reference) {
                assertThat(reference.argumentStart()).isBetween(reference.start(), reference.end());
            }
        }
        assertThat(at).isEqualTo(value.length());
        Interpolation.unset(value);
        Interpolation.hasReferences(value);
    }
}

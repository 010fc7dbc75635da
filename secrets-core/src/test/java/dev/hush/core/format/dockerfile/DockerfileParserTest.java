package dev.hush.core.format.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileParserTest {

    @Test
    void joinsContinuationLinesAndDropsCommentsInsideThem() {
        String text = "FROM alpine\nRUN apk add \\\n# a comment inside\n\n    curl \\  \n    git\nUSER app\n";

        Dockerfile dockerfile = DockerfileParser.parse(text);

        assertThat(dockerfile.instructions()).extracting(DockerfileInstruction::keyword)
                .containsExactly("FROM", "RUN", "USER");
        DockerfileInstruction run = dockerfile.instructions().get(1);
        assertThat(run.arguments()).isEqualTo("apk add     curl     git");
        assertThat(run.line()).isEqualTo(2);
        assertThat(text.substring(run.start(), run.end())).startsWith("RUN apk").endsWith("    git");
        assertThat(dockerfile.instructions().get(2).line()).isEqualTo(7);
    }

    @Test
    void mapsEveryArgumentCharacterToItsOffsetInTheFile() {
        String text = "FROM alpine\nENV A=1 \\\n    DB_PASSWORD=p4ss\n";

        DockerfileInstruction env = DockerfileParser.parse(text).instructions().get(1);

        int index = env.arguments().indexOf("DB_PASSWORD");
        assertThat(env.offsetOf(index)).isEqualTo(text.indexOf("DB_PASSWORD"));
        assertThat(env.offsetOf(env.arguments().length())).isEqualTo(text.indexOf("p4ss") + 4);
        assertThat(env.keywordOffset()).isEqualTo(text.indexOf("ENV"));
    }

    @Test
    void splitsEnvPairsWithQuotesAndGivesTheirValueSpans() {
        String text = "ENV A=\"b c\" B=d C='$e'\n";

        List<DockerfileAssignment> pairs = DockerfileParser.parse(text).instructions().get(0).assignments();

        assertThat(pairs).extracting(DockerfileAssignment::name).containsExactly("A", "B", "C");
        assertThat(pairs).extracting(a -> a.value().orElseThrow()).containsExactly("b c", "d", "$e");
        assertThat(pairs).extracting(DockerfileAssignment::literal).containsExactly(false, false, true);
        DockerfileAssignment a = pairs.get(0);
        assertThat(text.substring(a.valueStart(), a.valueEnd())).isEqualTo("\"b c\"");
        assertThat(text.substring(a.nameStart(), a.nameStart() + 1)).isEqualTo("A");
    }

    @Test
    void readsTheLegacyEnvFormAsNameAndRestOfLine() {
        String text = "ENV DB_PASSWORD p4ss word  \n";

        DockerfileAssignment pair = DockerfileParser.parse(text).instructions().get(0).assignments().get(0);

        assertThat(pair.name()).isEqualTo("DB_PASSWORD");
        assertThat(pair.value()).contains("p4ss word");
        assertThat(text.substring(pair.valueStart(), pair.valueEnd())).isEqualTo("p4ss word");
    }

    @Test
    void givesAnArgWithoutDefaultNoValue() {
        List<DockerfileAssignment> pairs = DockerfileParser.parse("ARG A B=2\n").instructions().get(0).assignments();

        assertThat(pairs).extracting(DockerfileAssignment::value).containsExactly(Optional.empty(), Optional.of("2"));
    }

    @Test
    void keepsHeredocBodiesOutOfTheInstructions() {
        String text = "FROM alpine\nRUN <<EOF\nENV DB_PASSWORD=p4ss\nUSER root\nEOF\nUSER app\n";

        Dockerfile dockerfile = DockerfileParser.parse(text);

        assertThat(dockerfile.instructions()).extracting(DockerfileInstruction::keyword)
                .containsExactly("FROM", "RUN", "USER");
        DockerfileInstruction run = dockerfile.instructions().get(1);
        assertThat(run.heredocs()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("EOF");
            assertThat(h.body()).isEqualTo("ENV DB_PASSWORD=p4ss\nUSER root");
            assertThat(h.bodyLine()).isEqualTo(3);
            assertThat(h.expands()).isTrue();
            assertThat(text.substring(h.bodyStart(), h.bodyEnd())).isEqualTo(h.body());
        });
        assertThat(text.substring(run.start(), run.end())).endsWith("\nEOF");
        assertThat(dockerfile.instructions().get(2).line()).isEqualTo(6);
    }

    @Test
    void readsSeveralHeredocsQuotedDelimitersAndTabStripping() {
        String text = "COPY <<-\"A\" <<'B' /dest/\n\tone\n\tA\ntwo\nB\nUSER app\n";

        Dockerfile dockerfile = DockerfileParser.parse(text);

        DockerfileInstruction copy = dockerfile.instructions().get(0);
        assertThat(copy.heredocs()).extracting(DockerfileInstruction.Heredoc::name).containsExactly("A", "B");
        assertThat(copy.heredocs()).extracting(DockerfileInstruction.Heredoc::body).containsExactly("\tone", "two");
        assertThat(copy.heredocs()).extracting(DockerfileInstruction.Heredoc::expands).containsExactly(false, false);
        assertThat(dockerfile.instructions()).extracting(DockerfileInstruction::keyword).containsExactly("COPY", "USER");
    }

    @Test
    void doesNotTakeAHereStringOrAQuotedMarkerForAHeredoc() {
        String text = "RUN cat <<< \"x\" && echo '<<EOF'\nUSER app\n";

        Dockerfile dockerfile = DockerfileParser.parse(text);

        assertThat(dockerfile.instructions()).extracting(DockerfileInstruction::keyword).containsExactly("RUN", "USER");
        assertThat(dockerfile.instructions().get(0).heredocs()).isEmpty();
    }

    @Test
    void reportsAnUnclosedHeredocAndReadsTheRestAsItsBody() {
        Dockerfile dockerfile = DockerfileParser.parse("FROM alpine\nRUN <<EOF\nUSER root\n");

        assertThat(dockerfile.instructions()).extracting(DockerfileInstruction::keyword).containsExactly("FROM", "RUN");
        assertThat(dockerfile.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2));
    }

    @Test
    void usesTheBacktickAfterAnEscapeDirective() {
        String text = "# escape=`\nFROM windows\nRUN dir C:\\ `\n    && echo done\n";

        Dockerfile dockerfile = DockerfileParser.parse(text);

        assertThat(dockerfile.escape()).isEqualTo('`');
        assertThat(dockerfile.instructions().get(1).arguments()).isEqualTo("dir C:\\     && echo done");
    }

    @Test
    void readsDirectivesOnlyAtTheTop() {
        Dockerfile dockerfile = DockerfileParser.parse("# syntax=docker/dockerfile:1\n# a comment\n# escape=`\nFROM a\n");

        assertThat(dockerfile.directives()).containsOnlyKeys("syntax");
        assertThat(dockerfile.escape()).isEqualTo('\\');
    }

    @Test
    void reportsAnUnknownEscapeCharacterAndKeepsTheBackslash() {
        Dockerfile dockerfile = DockerfileParser.parse("# escape=x\nFROM a\n");

        assertThat(dockerfile.escape()).isEqualTo('\\');
        assertThat(dockerfile.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(1));
    }

    @Test
    void readsCrlfFilesAByteOrderMarkAndAMissingFinalNewline() {
        String text = "\uFEFFFROM alpine\r\nENV A=1 \\\r\n    B=2\r\nUSER app";

        Dockerfile dockerfile = DockerfileParser.parse(text);

        assertThat(dockerfile.instructions()).extracting(DockerfileInstruction::keyword)
                .containsExactly("FROM", "ENV", "USER");
        assertThat(dockerfile.instructions().get(1).assignments()).extracting(a -> a.value().orElseThrow())
                .containsExactly("1", "2");
        assertThat(dockerfile.instructions().get(2).arguments()).isEqualTo("app");
        assertThat(dockerfile.instructions().get(0).start()).isEqualTo(1);
    }

    @Test
    void readsExecFormAndFallsBackToShellFormOnBadJson() {
        List<DockerfileInstruction> instructions =
                DockerfileParser.parse("CMD [\"sh\", \"-c\", \"echo \\\"hi\\\"\"]\nCMD [not json]\n").instructions();

        assertThat(instructions.get(0).execForm()).contains(List.of("sh", "-c", "echo \"hi\""));
        assertThat(instructions.get(1).execForm()).isEmpty();
    }

    @Test
    void givesTheTriggerOfAnOnbuild() {
        DockerfileInstruction onbuild = DockerfileParser.parse("ONBUILD run --security=insecure make\n").instructions().get(0);

        assertThat(onbuild.keyword()).isEqualTo("ONBUILD");
        assertThat(onbuild.trigger()).hasValueSatisfying(t -> {
            assertThat(t.keyword()).isEqualTo("RUN");
            assertThat(t.flags()).extracting(DockerfileInstruction.Word::text).containsExactly("--security=insecure");
            assertThat(t.flags().get(0).start()).isEqualTo(12);
        });
    }

    @Test
    void neverShowsArgumentsInToString() {
        DockerfileInstruction env = DockerfileParser.parse("ENV DB_PASSWORD=p4ss\n").instructions().get(0);

        assertThat(env.toString()).isEqualTo("DockerfileInstruction[ENV at line 1]");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void neverThrowsOnScrambledDockerfiles(long seed) {
        String[] pieces = {"RUN ", "ENV ", "ARG ", "COPY ", "ONBUILD ", "<<EOF", "<<-'X'", "EOF", "X", "\\", "`", "\n",
            "\r\n", "\"", "'", "${", "}", "=", " ", "# escape=`\n", "[\"", "\"]", ",", "#", "\uFEFF", "\t"};
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            Dockerfile dockerfile = DockerfileParser.parse(text.toString());
            for (DockerfileInstruction instruction : dockerfile.instructions()) {
                instruction.assignments();
                instruction.flags();
                instruction.execForm();
                instruction.trigger().ifPresent(DockerfileInstruction::words);
                assertThat(instruction.start()).isBetween(0, text.length());
                assertThat(instruction.end()).isBetween(instruction.start(), text.length());
            }
        }
    }
}

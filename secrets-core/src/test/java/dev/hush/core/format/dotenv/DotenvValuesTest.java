package dev.hush.core.format.dotenv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class DotenvValuesTest {
    private static final Predicate<String> NOTHING_OUTSIDE = name -> false;

    private static Map<String, Optional<String>> values(String text, Predicate<String> outside) {
        return DotenvValues.resolve(DotenvParser.parse(text).entries(), outside).stream()
                .collect(Collectors.toMap(v -> v.entry().key(), DotenvValues.Value::value, (a, b) -> b));
    }

    private static Map<String, String> reasons(String text, Predicate<String> outside) {
        return DotenvValues.resolve(DotenvParser.parse(text).entries(), outside).stream()
                .filter(v -> v.unresolved().isPresent())
                .collect(Collectors.toMap(v -> v.entry().key(), v -> v.unresolved().get(), (a, b) -> b));
    }

    @Test
    void interpolatesUnquotedAndDoubleQuotedValuesFromEarlierLinesAndKeepsSingleQuotedOnesLiteral() {
        Map<String, Optional<String>> values = values("""
                PART=zq
                A="base-${PART}-Zq81vN3kLx"
                B=base-$PART-Zq81vN3kLx
                C='base-${PART}-Zq81vN3kLx'
                D=${PART:-dflt}-${EMPTY_LATER-none}
                E="pa$$word\\$PART"
                F="l1\\nl2-${PART:+on}"
                G=${PART:?needed}
                """, NOTHING_OUTSIDE);

        assertThat(values).containsEntry("A", Optional.of("base-zq-Zq81vN3kLx"))
                .containsEntry("B", Optional.of("base-zq-Zq81vN3kLx"))
                .containsEntry("C", Optional.of("base-${PART}-Zq81vN3kLx"))
                .containsEntry("E", Optional.of("pa$word$PART"))
                .containsEntry("F", Optional.of("l1\nl2-on"))
                .containsEntry("G", Optional.of("zq"));
        // EMPTY_LATER is set by no earlier line: the environment decides, so D is not resolved.
        assertThat(values).containsEntry("D", Optional.empty());
    }

    @Test
    void leavesUnresolvedWhatTheEnvironmentDecidesAndSaysWhyWithoutTheValue() {
        Map<String, String> reasons = reasons("""
                PART=Zq81-hunter2-not-real
                FROM_ENV
                A=x-${NOT_IN_FILE}
                B=x-${PART}
                C=x-${FROM_ENV}
                D=x-${A}
                E=${LATER}
                LATER=1
                F=${TWICE}
                TWICE=1
                G=${TWICE}
                TWICE=2
                H=${UNSET_HERE:?set it}
                I=${PART
                """, Set.of("PART")::contains);

        assertThat(reasons).containsOnlyKeys("FROM_ENV", "A", "B", "C", "D", "E", "F", "G", "H", "I");
        assertThat(reasons.get("A")).contains("NOT_IN_FILE, which no earlier line of the file sets");
        assertThat(reasons.get("B")).contains("PART, which is set in the environment hush runs in");
        assertThat(reasons.get("C")).contains("FROM_ENV (line 2), and FROM_ENV is listed without a value on line 2");
        assertThat(reasons.get("D")).contains("refers to A (line 3), and A refers to NOT_IN_FILE");
        assertThat(reasons.get("E")).contains("LATER, which no earlier line");
        assertThat(reasons.get("G")).contains("TWICE, which the file sets again on line 12");
        assertThat(reasons.get("H")).contains("UNSET_HERE, which no earlier line");
        assertThat(reasons.get("I")).contains("Compose refuses the value: the ${ at character 1");
        assertThat(String.join("\n", reasons.values())).doesNotContain("hunter2");
        assertThat(DotenvValues.resolve(DotenvParser.parse("A=hunter2-not-real").entries(), NOTHING_OUTSIDE))
                .singleElement().hasToString("Value[A, 16 chars]");
    }

    @Test
    void saysComposeRefusesARequiredVariableTheFileLeavesEmpty() {
        List<DotenvValues.Value> values = DotenvValues.resolve(DotenvParser.parse("EMPTY=\nA=${EMPTY:?set it}\n")
                .entries(), NOTHING_OUTSIDE);

        assertThat(values.get(1).unresolved()).hasValueSatisfying(reason ->
                assertThat(reason).isEqualTo("Compose refuses the value: the required variable EMPTY is empty,"
                        + " so no service got it"));
    }

    /**
     * Runs {@code docker-compose config} (v1, where installed) on the forms v1 and v2 read alike:
     * {@code ${VAR}} in unquoted and double-quoted values, {@code ${VAR:-d}} of a set variable,
     * and the escapes of double-quoted values. v1 differs elsewhere (python-dotenv: single-quoted
     * values are interpolated too, {@code $VAR} and {@code $$} are kept, {@code :-} of an empty
     * variable gives the empty value), so those forms are checked against the documentation only.
     */
    @Test
    void agreesWithDockerComposeV1ConfigOnTheFormsV1AndV2ReadAlike(@TempDir Path project) throws Exception {
        Optional<Path> compose = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(folder -> Path.of(folder, "docker-compose")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(compose.isPresent(), "docker-compose (v1) is not installed");
        String dotenv = """
                PART=zq
                A="base-${PART}-Zq81vN3kLx"
                B=x-${PART}-y # comment
                C=${PART:-dflt}
                D="l1\\nl2\\t${PART}"
                E="q\\"${PART}\\\\"
                F=${PART}${PART}-Kq72
                """;
        Files.writeString(project.resolve(".env"), dotenv);
        Files.writeString(project.resolve("compose.yaml"), """
                services:
                  db:
                    image: postgres:16
                    environment:
                      A: ${A}
                      B: ${B}
                      C: ${C}
                      D: ${D}
                      E: ${E}
                      F: ${F}
                """);
        ProcessBuilder builder = new ProcessBuilder(compose.get().toString(), "-f", "compose.yaml", "config")
                .directory(project.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> !name.equals("PATH"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(process.waitFor() == 0, "docker-compose config failed: " + out);
        @SuppressWarnings("unchecked")
        Map<String, Object> services = (Map<String, Object>) ((Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(out)).get("services");
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get("db")).get("environment");

        Map<String, Optional<String>> ours = values(dotenv, NOTHING_OUTSIDE);

        assertThat(environment).hasSize(6);
        environment.forEach((key, value) -> assertThat(ours.get(key)).as(key).contains(String.valueOf(value)));
    }
}

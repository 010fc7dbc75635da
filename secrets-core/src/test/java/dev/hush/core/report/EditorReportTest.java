package dev.hush.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.testing.SampleReports;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditorReportTest {
    private static List<String> write(String base) {
        StringBuilder out = new StringBuilder();
        new EditorReport(base).write(SampleReports.withEveryCard(), out);
        return out.toString().lines().toList();
    }

    @Test
    void writesOneCompilerStyleLinePerFindingWithKeyAndService() {
        assertThat(write(".")).contains(
                "compose.yaml:12:26: error: compose-inline-secret: inline password in the environment of service db"
                        + " (POSTGRES_PASSWORD in service db)",
                ".env:2:19: error: dotenv-secret: inline password in a dotenv file (POSTGRES_PASSWORD)");
    }

    @Test
    void everyLineMatchesTheShapeThatProblemMatchersRead() {
        assertThat(write("")).isNotEmpty()
                .allMatch(line -> line.matches("[^:\\s][^:]*:\\d+:\\d+: (error|warning|info): [a-z0-9-]+: \\S.*"), "shape");
    }

    @Test
    void startsEachPathWithTheFolderTheScanStartedFrom() {
        assertThat(write("examples/leaky-app")).first().asString().startsWith("examples/leaky-app/");
        assertThat(write("examples\\leaky-app\\")).first().asString().startsWith("examples/leaky-app/");
    }

    @Test
    void reportsUnreadableFilesAsErrorLines() {
        assertThat(write(".")).anyMatch(line -> line.startsWith("broken/compose.yaml:") && line.contains(": error: unreadable: "));
    }

    @Test
    void neverWritesAValue() {
        assertThat(String.join("\n", write("."))).doesNotContain(SampleReports.PASSWORD).doesNotContain(SampleReports.TOKEN);
    }
}

package dev.hush.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.testing.SampleReports;
import org.junit.jupiter.api.Test;

class TextReportTest {
    private static String write(boolean color, boolean showSecrets) {
        StringBuilder out = new StringBuilder();
        new TextReport(color, showSecrets).write(SampleReports.withEveryCard(), out);
        return out.toString();
    }

    @Test
    void groupsFindingsByFileWithLineColumnKeyAndPreview() {
        String text = write(false, false);
        assertThat(text).contains("compose.yaml\n  12:26   HIGH   inline-secret  compose-inline-secret  POSTGRES_PASSWORD (service db) = hush…\n");
        assertThat(text).contains("fix: move it to a Compose secret: hush migrate");
    }

    @Test
    void pointsOutTheSameSecretInSeveralPlaces() {
        assertThat(write(false, false)).contains("is in 2 places: .env:2:19 compose.yaml:12:26");
    }

    @Test
    void endsWithASummaryOfSeveritiesFilesAndErrors() {
        assertThat(write(false, false)).endsWith("4 findings (4 high, 0 medium, 0 low) in 7 files, 4.0 KiB, 12 ms; 1 error\n");
    }

    @Test
    void coloursOnlyWhenAsked() {
        assertThat(write(false, false)).doesNotContain("\u001b[");
        assertThat(write(true, false)).contains("\u001b[31m");
    }

    @Test
    void showsValuesOnlyWhenAsked() {
        assertThat(write(false, false)).doesNotContain(SampleReports.PASSWORD).doesNotContain(SampleReports.TOKEN);
        assertThat(write(false, true)).contains(SampleReports.PASSWORD);
    }
}

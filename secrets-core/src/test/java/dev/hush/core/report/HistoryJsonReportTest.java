package dev.hush.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.history.HistoryFinding;
import dev.hush.core.history.HistoryReport;
import dev.hush.core.model.Card;
import dev.hush.core.model.Commit;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryJsonReportTest {
    private static final Commit INTRODUCED = new Commit("1111111111111111111111111111111111111111", "Ada",
            Instant.parse("2024-01-01T01:00:00Z"));
    private static final Commit LATER = new Commit("2222222222222222222222222222222222222222", "Grace",
            Instant.parse("2024-01-02T01:00:00Z"));

    private static HistoryReport report() {
        Finding finding = Finding.builder("fake-secret", Card.INLINE_SECRET, Location.of("app.env", 2, 5).in(INTRODUCED))
                .key("API_TOKEN").secret("fake-token-value-1234").message("A fake token is committed.").fix("Rotate it.")
                .build();
        HistoryFinding history = new HistoryFinding(finding, true, false, 3,
                List.of(Location.of("copy.env", 1, 7).in(LATER)));
        return new HistoryReport(List.of(history), List.of(), new HistoryReport.Stats(10, 4, 2048, 1, 0, 12), false);
    }

    @Test
    void writesWhereTheSecretIsAndWasAlongsideTheScanMembers() {
        StringBuilder out = new StringBuilder();

        new HistoryJsonReport(false).write(report(), out);

        assertThat(out.toString())
                .contains("\"rule\": \"fake-secret\"")
                .contains("\"inHead\": true")
                .contains("\"pushed\": false")
                .contains("\"occurrences\": 3")
                .contains("\"id\": \"1111111111111111111111111111111111111111\"")
                .contains("\"date\": \"2024-01-01T01:00:00Z\"")
                .contains("\"path\": \"copy.env\"")
                .contains("\"author\": \"Grace\"")
                .contains("\"commits\": 10")
                .contains("\"binaryBlobs\": 1")
                .contains("\"preview\": \"fake…\"")
                .doesNotContain("fake-token-value-1234")
                .doesNotContain("\"secret\"");
    }

    @Test
    void writesTheValueOnlyWhenAsked() {
        StringBuilder out = new StringBuilder();

        new HistoryJsonReport(true).write(report(), out);

        assertThat(out.toString()).contains("\"secret\": \"fake-token-value-1234\"");
    }
}

package dev.hush.core.report;

import dev.hush.core.baseline.Fingerprints;
import dev.hush.core.history.HistoryFinding;
import dev.hush.core.history.HistoryReport;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import java.util.Map;

/**
 * Writes a history report as JSON. Each finding has the members of {@link JsonReport}'s
 * findings (its {@code commit} is the one that introduced the value) and also
 * {@code inHead}, {@code pushed}, {@code occurrences} and {@code otherPlaces} (path, line,
 * column, commit); {@code stats} counts commits and blobs. Values appear only when the
 * user asked for them, as {@code secret}.
 */
public final class HistoryJsonReport {
    private final boolean showSecrets;

    /** Creates a JSON reporter for history; {@code showSecrets} adds each finding's value. */
    public HistoryJsonReport(boolean showSecrets) {
        this.showSecrets = showSecrets;
    }

    /** Writes {@code report} to {@code out}. */
    public void write(HistoryReport report, Appendable out) {
        Map<Finding, String> fingerprints = Fingerprints.cache()
                .ofAll(report.findings().stream().map(HistoryFinding::finding).toList());
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        JsonReport.writeTool(json);
        json.name("findings").beginArray();
        for (HistoryFinding finding : report.findings()) {
            writeFinding(json, finding, fingerprints.get(finding.finding()));
        }
        json.endArray();
        JsonReport.writeErrors(json, report.errors());
        JsonReport.writeSkipped(json, report.skipped());
        json.member("partial", report.partial());
        HistoryReport.Stats stats = report.stats();
        json.name("stats").beginObject()
                .member("commits", stats.commitsWalked())
                .member("blobs", stats.blobsScanned())
                .member("bytes", stats.bytesScanned())
                .member("binaryBlobs", stats.binarySkipped())
                .member("oversizedBlobs", stats.oversizedSkipped())
                .member("millis", stats.millis())
                .endObject();
        json.endObject();
    }

    private void writeFinding(JsonWriter json, HistoryFinding historyFinding, String fingerprint) {
        Finding finding = historyFinding.finding();
        json.beginObject();
        JsonReport.findingMembers(json, finding, fingerprint);
        json.name("commit");
        JsonReport.writeCommit(json, finding.location().commit().orElseThrow());
        json.member("inHead", historyFinding.inHead())
                .member("pushed", historyFinding.pushed())
                .member("occurrences", historyFinding.occurrences());
        json.name("otherPlaces").beginArray();
        for (Location place : historyFinding.otherPlaces()) {
            json.beginObject()
                    .member("path", place.path())
                    .member("line", place.line())
                    .member("column", place.column());
            json.name("commit");
            JsonReport.writeCommit(json, place.commit().orElseThrow());
            json.endObject();
        }
        json.endArray();
        if (showSecrets) {
            json.member("secret", finding.secret().map(s -> s.reveal()).orElse(null));
        }
        json.endObject();
    }
}

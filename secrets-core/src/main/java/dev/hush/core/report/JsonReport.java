package dev.hush.core.report;

import dev.hush.core.HushVersion;
import dev.hush.core.model.Commit;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import dev.hush.core.model.SkippedFile;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a scan report as JSON for other tools. Member names are a contract:
 * {@code tool}, {@code findings} (rule, card, severity, path, line, column, key, service,
 * preview, fingerprint, message, fix, commit), {@code errors}, {@code skipped},
 * {@code staleBaseline}, {@code partial} and {@code stats}. Values appear only when the
 * user asked for them, as {@code secret}.
 */
public final class JsonReport implements Reporter {
    private final boolean showSecrets;

    /** Creates a JSON reporter; {@code showSecrets} adds each finding's value. */
    public JsonReport(boolean showSecrets) {
        this.showSecrets = showSecrets;
    }

    @Override
    public void write(ScanReport report, Appendable out) {
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        writeTool(json);
        json.name("findings").beginArray();
        for (Finding finding : report.findings()) {
            writeFinding(json, finding, report.fingerprint(finding));
        }
        json.endArray();
        writeErrors(json, report.errors());
        writeSkipped(json, report.skipped());
        json.name("staleBaseline").beginArray();
        report.staleBaselineEntries().forEach(json::value);
        json.endArray();
        json.member("partial", report.partial());
        ScanReport.Stats stats = report.stats();
        json.name("stats").beginObject()
                .member("files", stats.files())
                .member("bytes", stats.bytes())
                .member("binaryFiles", stats.binaryFiles())
                .member("millis", stats.millis())
                .endObject();
        json.endObject();
    }

    private void writeFinding(JsonWriter json, Finding finding, String fingerprint) {
        json.beginObject();
        findingMembers(json, finding, fingerprint);
        json.name("commit");
        if (finding.location().commit().isPresent()) {
            writeCommit(json, finding.location().commit().get());
        } else {
            json.nullValue();
        }
        if (showSecrets) {
            json.member("secret", finding.secret().map(s -> s.reveal()).orElse(null));
        }
        json.endObject();
    }

    /** Writes the members every report's finding has, from {@code rule} to {@code fix}, into an open object. */
    static void findingMembers(JsonWriter json, Finding finding, String fingerprint) {
        json.member("rule", finding.ruleId())
                .member("card", finding.card().id())
                .member("severity", finding.severity().id());
        placeMembers(json, finding);
        json.member("fingerprint", fingerprint)
                .member("message", finding.message())
                .member("fix", finding.fix());
    }

    /** Writes where a finding is and what it shows, from {@code path} to {@code preview}, into an open object. */
    static void placeMembers(JsonWriter json, Finding finding) {
        json.member("path", finding.location().path())
                .member("line", finding.location().line())
                .member("column", finding.location().column())
                .member("key", finding.key().orElse(null))
                .member("service", finding.service().orElse(null))
                .member("preview", finding.preview());
    }

    /** Writes a commit as {@code {"id", "author", "date"}}. */
    static void writeCommit(JsonWriter json, Commit commit) {
        json.beginObject()
                .member("id", commit.id())
                .member("author", commit.author())
                .member("date", DateTimeFormatter.ISO_INSTANT.format(commit.date()))
                .endObject();
    }

    /** Writes {@code "errors": [{"path", "line", "message"}]}. */
    static void writeErrors(JsonWriter json, List<ScanError> errors) {
        json.name("errors").beginArray();
        for (ScanError error : errors) {
            json.beginObject().member("path", error.path()).member("line", error.line())
                    .member("message", error.message()).endObject();
        }
        json.endArray();
    }

    /** Writes the {@code skipped} member: each file or folder not read, with why. */
    static void writeSkipped(JsonWriter json, List<SkippedFile> skipped) {
        json.name("skipped").beginArray();
        for (SkippedFile file : skipped) {
            json.beginObject().member("path", file.path()).member("reason", file.reason()).endObject();
        }
        json.endArray();
    }

    /** Writes {@code "tool": {"name": "hush", "version"}}, which every JSON report starts with. */
    static void writeTool(JsonWriter json) {
        json.name("tool").beginObject().member("name", "hush").member("version", HushVersion.get()).endObject();
    }
}

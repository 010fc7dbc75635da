package dev.hush.core.report;

import dev.hush.core.HushVersion;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import dev.hush.core.model.Severity;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a scan report as SARIF 2.1.0, in the shape GitHub code scanning accepts: one run,
 * the rules that fired with their help text, one result per finding with its location,
 * severity and a partial fingerprint that stays the same when lines move. Paths are relative to
 * {@code %SRCROOT%}; given the scan's root, the run names it in {@code originalUriBaseIds}, which
 * the SARIF viewer needs to open a result's file (code scanning resolves paths itself).
 */
public final class SarifReport implements Reporter {
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String RULES_DOC = "https://github.com/hush-dev/hush/blob/main/docs/rules.md#";

    private final Optional<URI> sourceRoot;

    /** Returns a report whose paths are relative to a {@code %SRCROOT%} it does not name. */
    public SarifReport() {
        this.sourceRoot = Optional.empty();
    }

    /** Returns a report that names {@code sourceRoot}, a folder's {@code file:} URI, as {@code %SRCROOT%}. */
    public SarifReport(URI sourceRoot) {
        Objects.requireNonNull(sourceRoot, "sourceRoot == null");
        String uri = sourceRoot.toString();
        // A base URI must end in a slash, or the viewer resolves "compose.yaml" against the folder's parent.
        this.sourceRoot = Optional.of(uri.endsWith("/") ? sourceRoot : URI.create(uri + "/"));
    }

    @Override
    public void write(ScanReport report, Appendable out) {
        Map<String, Finding> rules = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            rules.putIfAbsent(finding.ruleId(), finding);
        }
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        JsonWriter json = new JsonWriter(out);
        json.beginObject().member("$schema", SCHEMA).member("version", "2.1.0");
        json.name("runs").beginArray().beginObject();
        json.name("tool").beginObject().name("driver").beginObject()
                .member("name", "hush")
                .member("version", HushVersion.get())
                .member("informationUri", "https://github.com/hush-dev/hush");
        json.name("rules").beginArray();
        for (Finding example : rules.values()) {
            ruleIndex.put(example.ruleId(), ruleIndex.size());
            writeRule(json, example);
        }
        json.endArray().endObject().endObject();
        if (sourceRoot.isPresent()) {
            json.name("originalUriBaseIds").beginObject().name("%SRCROOT%").beginObject()
                    .member("uri", sourceRoot.get().toString()).endObject().endObject();
        }
        json.name("results").beginArray();
        for (Finding finding : report.findings()) {
            writeResult(json, finding, ruleIndex.get(finding.ruleId()), report.fingerprint(finding));
        }
        json.endArray();
        json.name("invocations").beginArray().beginObject()
                .member("executionSuccessful", !report.partial());
        json.name("toolExecutionNotifications").beginArray();
        for (ScanError error : report.errors()) {
            json.beginObject().member("level", "error");
            json.name("message").beginObject().member("text", error.message()).endObject();
            json.name("locations").beginArray().beginObject().name("physicalLocation").beginObject();
            json.name("artifactLocation").beginObject().member("uri", error.path()).endObject();
            if (error.line() > 0) {
                json.name("region").beginObject().member("startLine", error.line()).endObject();
            }
            json.endObject().endObject().endArray();
            json.endObject();
        }
        json.endArray().endObject().endArray();
        json.endObject().endArray();
        json.endObject();
    }

    private static void writeRule(JsonWriter json, Finding example) {
        json.beginObject().member("id", example.ruleId()).member("name", example.ruleId());
        json.name("shortDescription").beginObject().member("text", example.message()).endObject();
        json.name("fullDescription").beginObject().member("text", example.message() + ". Fix: " + example.fix()).endObject();
        json.member("helpUri", RULES_DOC + example.ruleId());
        json.name("help").beginObject()
                .member("text", example.fix())
                .member("markdown", "**Fix:** " + example.fix() + "\n\nSee " + RULES_DOC + example.ruleId())
                .endObject();
        json.name("defaultConfiguration").beginObject().member("level", level(example.severity())).endObject();
        json.name("properties").beginObject();
        json.name("tags").beginArray().value("security").value(example.card().id()).endArray();
        json.member("security-severity", securitySeverity(example.severity()));
        json.endObject();
        json.endObject();
    }

    private static void writeResult(JsonWriter json, Finding finding, int ruleIndex, String fingerprint) {
        json.beginObject()
                .member("ruleId", finding.ruleId())
                .member("ruleIndex", ruleIndex)
                .member("level", level(finding.severity()));
        String where = finding.key().map(k -> " (" + k + finding.service().map(s -> " in service " + s).orElse("") + ")")
                .orElse("");
        json.name("message").beginObject().member("text", finding.message() + where).endObject();
        json.name("locations").beginArray().beginObject().name("physicalLocation").beginObject();
        json.name("artifactLocation").beginObject()
                .member("uri", finding.location().path())
                .member("uriBaseId", "%SRCROOT%")
                .endObject();
        json.name("region").beginObject()
                .member("startLine", finding.location().line())
                .member("startColumn", finding.location().column())
                .endObject();
        json.endObject().endObject().endArray();
        json.name("partialFingerprints").beginObject().member("hushFingerprint/v1", fingerprint).endObject();
        json.endObject();
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    private static String securitySeverity(Severity severity) {
        return switch (severity) {
            case HIGH -> "8.0";
            case MEDIUM -> "5.0";
            case LOW -> "3.0";
        };
    }
}

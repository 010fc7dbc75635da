package dev.hush.core.report;

import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.LeftValue;
import dev.hush.core.migrate.MigrationDecision;
import dev.hush.core.migrate.PlannedMigration;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.model.Finding;

/**
 * Writes a migration plan as JSON for tools: each decision (finding, action, proposed secret
 * name, explanation), the secret files to write (path and size only), the files to edit with
 * the reasons, and the notes. It never holds a value; findings show their redacted preview.
 */
public final class PlanJsonReport {
    private PlanJsonReport() {
    }

    /** Writes {@code planned} to {@code out}. */
    public static void write(PlannedMigration planned, Appendable out) {
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        JsonReport.writeTool(json);
        json.name("decisions").beginArray();
        for (MigrationDecision decision : planned.decisions()) {
            Finding finding = decision.finding();
            json.beginObject().member("rule", finding.ruleId());
            JsonReport.placeMembers(json, finding);
            json.member("fingerprint", decision.fingerprint())
                    .member("action", decision.action().name().toLowerCase(java.util.Locale.ROOT))
                    .member("secret", decision.secret().map(name -> name.value()).orElse(null))
                    .member("explanation", decision.explanation())
                    .member("delivery", decision.delivery().orElse(null))
                    .member("weakDefault", decision.weakDefault())
                    .endObject();
        }
        json.endArray();
        json.name("secretFiles").beginArray();
        for (SecretFile file : planned.plan().secretFiles()) {
            json.beginObject().member("path", file.path()).member("bytes", file.bytes().length).endObject();
        }
        json.endArray();
        json.name("edits").beginArray();
        for (FileEdit edit : planned.plan().edits()) {
            json.beginObject().member("path", edit.path()).member("creates", !edit.modifiesExisting());
            json.name("reasons").beginArray();
            edit.reasons().forEach(json::value);
            json.endArray().endObject();
        }
        json.endArray();
        json.name("leftValues").beginArray();
        for (LeftValue left : planned.leftValues()) {
            json.beginObject().member("secret", left.secret().value()).member("path", left.path())
                    .member("line", left.line()).member("action", "manual").member("reason", left.reason()).endObject();
        }
        json.endArray();
        json.name("notes").beginArray();
        planned.plan().notes().forEach(json::value);
        json.endArray();
        json.endObject();
    }

    /**
     * Writes, in place of a plan, the one-line error that stopped planning, so that a tool
     * reading {@code --format json} always gets JSON: {@code {"tool": ..., "error": message}}.
     */
    public static void writeError(String message, Appendable out) {
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        JsonReport.writeTool(json);
        json.member("error", message);
        json.endObject();
    }
}

package dev.hush.core.report;

import dev.hush.core.migrate.RotatableSecret;
import dev.hush.core.migrate.RotationChecklist;
import dev.hush.core.migrate.SecretDelivery;
import dev.hush.core.migrate.SecretInventory;
import java.util.Locale;

/**
 * Writes the secrets of {@code hush rotate --list} as JSON for tools: each secret's name, file,
 * deliveries, services, restart commands, and whether its value was ever committed (the commit,
 * never the value).
 */
public final class SecretListJsonReport {
    private SecretListJsonReport() {
    }

    /** Writes {@code inventory} to {@code out}. */
    public static void write(SecretInventory inventory, Appendable out) {
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        JsonReport.writeTool(json);
        json.member("historyRead", inventory.historyRead());
        json.name("secrets").beginArray();
        for (RotatableSecret secret : inventory.secrets()) {
            json.beginObject().member("name", secret.name().value()).member("file", secret.file());
            json.name("deliveries").beginArray();
            for (SecretDelivery delivery : secret.deliveries()) {
                json.beginObject()
                        .member("kind", delivery.kind().name().toLowerCase(Locale.ROOT))
                        .member("path", delivery.path())
                        .member("variable", delivery.variable().orElse(null))
                        .member("service", delivery.service().orElse(null))
                        .member("composeFile", delivery.composeFile().orElse(null))
                        .endObject();
            }
            json.endArray();
            json.name("services").beginArray();
            secret.services().forEach(json::value);
            json.endArray();
            json.name("restart").beginArray();
            secret.restartCommands().forEach(json::value);
            json.endArray();
            if (!inventory.historyRead()) {
                json.member("committed", (String) null);
            } else {
                json.member("committed", secret.committed().isPresent());
            }
            if (secret.committed().isPresent()) {
                RotationChecklist.Exposure exposure = secret.committed().get();
                json.name("commit").beginObject()
                        .member("id", exposure.commit().id())
                        .member("date", exposure.commit().date().toString())
                        .member("inHead", exposure.inHead())
                        .member("pushed", exposure.pushed())
                        .endObject();
            }
            json.endObject();
        }
        json.endArray();
        json.name("problems").beginArray();
        inventory.problems().forEach(json::value);
        json.endArray();
        json.endObject();
    }
}

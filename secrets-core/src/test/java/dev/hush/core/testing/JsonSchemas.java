package dev.hush.core.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Validates documents against the schemas in {@code shared/schemas}: SARIF 2.1.0 and the Compose specification. */
public final class JsonSchemas {
    private JsonSchemas() {
    }

    /** Returns the SARIF 2.1.0 schema. */
    public static Schema sarif() {
        return load("sarif-schema-2.1.0.json", SpecificationVersion.DRAFT_4);
    }

    /** Returns the Compose specification's schema. */
    public static Schema compose() {
        return load("compose-spec.json", SpecificationVersion.DRAFT_7);
    }

    /** Returns the validation errors of a JSON document, as readable lines. */
    public static List<String> errors(Schema schema, String json) {
        return describe(schema.validate(json, InputFormat.JSON));
    }

    /** Returns the validation errors of a YAML document, as readable lines. */
    public static List<String> yamlErrors(Schema schema, String yaml) {
        return describe(schema.validate(yaml, InputFormat.YAML));
    }

    private static List<String> describe(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }

    private static Schema load(String name, SpecificationVersion version) {
        try {
            String text = Files.readString(SharedFolder.require("schemas/" + name), StandardCharsets.UTF_8);
            // The compose schema's $id is not a URI, which the validator refuses; SARIF's "id" is fine.
            text = text.replace("\"$id\": \"compose_spec.json\"", "\"$id\": \"https://hush.dev/schemas/compose-spec.json\"");
            return SchemaRegistry.withDefaultDialect(version).getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.hush.core.migrate.plan;

import dev.hush.core.format.compose.ComposeFile.Variable;
import dev.hush.core.migrate.edit.ComposeEditor;
import dev.hush.core.model.Finding;
import dev.hush.core.model.SecretValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One place a secret is used. */
final class Site {
    /** Where one secret is used, and how the rewrite changes it. */
    enum Kind {
        /** An {@code environment} entry with the value or a reference to it. */
        ENVIRONMENT,
        /** A key a service loads through {@code env_file}. */
        ENV_FILE,
        /** A build argument: compose {@code build.args} and/or a Dockerfile {@code ARG}. */
        BUILD_ARG
    }

    final Kind kind;
    final ComposeEditor editor;
    final Variable variable;
    final String service;
    final List<Finding> findings = new ArrayList<>();
    final List<SecretValue> dropped = new ArrayList<>();
    String dockerfile;
    /** For an {@link Kind#ENV_FILE} site: the dotenv key the service loads, which may differ from the group's key. */
    String loadedKey;
    Optional<String> refusal = Optional.empty();

    Site(Kind kind, ComposeEditor editor, Variable variable, String service) {
        this.kind = kind;
        this.editor = editor;
        this.variable = variable;
        this.service = service;
    }
}

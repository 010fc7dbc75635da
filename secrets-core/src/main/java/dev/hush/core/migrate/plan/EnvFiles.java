package dev.hush.core.migrate.plan;

import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.MigrationPlan;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.migrate.edit.ComposeEditor;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the git-ignored env files a migration writes, one per service and compose file
 * ({@code <secretsDir>/<folder>/<service>.env}), and writes them as secret files (mode 0600,
 * never overwritten) or, when one exists, as an edit that appends the new lines.
 *
 * <p>Every value is single-quoted: Compose v2 reads single-quoted env-file values literally
 * (docs.docker.com/compose/env-file: "Single-quoted (') values are used literally"), and
 * docker-compose v1 reads env files without interpolation and strips the quotes
 * (compose/config/environment.py, python-dotenv). Values that the two would read differently
 * (a quote, a backslash, a line break) are not written; the planner leaves them to the user.
 */
final class EnvFiles {
    private final Path root;
    private final String secretsDir;
    private final Map<String, Pending> files = new LinkedHashMap<>();

    /** The lines of one env file, and the compose file whose service loads it. */
    private static final class Pending {
        final ComposeEditor editor;
        final String service;
        final Map<String, SecretValue> values = new LinkedHashMap<>();

        Pending(ComposeEditor editor, String service) {
            this.editor = editor;
            this.service = service;
        }
    }

    EnvFiles(Path root, String secretsDir) {
        this.root = root;
        this.secretsDir = secretsDir;
    }

    /** Returns why {@code value} cannot be written to an env file the same way for Compose v1 and v2, if it cannot. */
    static Optional<String> unwritable(SecretValue value) {
        String text = value.reveal();
        if (text.indexOf('\'') >= 0 || text.indexOf('\\') >= 0) {
            return Optional.of("holds a quote or a backslash, which Compose v1 and v2 read differently in an env file");
        }
        if (text.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            return Optional.of("holds a line break or a control character, which an env file line cannot carry");
        }
        return Optional.empty();
    }

    /** Adds {@code key} with {@code value} to the env file of {@code service} and returns that file's path. */
    String add(ComposeEditor editor, String service, String key, SecretValue value) {
        String path = pathOf(editor.path(), service);
        Pending pending = files.computeIfAbsent(path, p -> new Pending(editor, service));
        pending.values.put(key, value);
        return path;
    }

    /** Returns the env file of {@code service} in the compose file at {@code composePath}. */
    String pathOf(String composePath, String service) {
        int slash = composePath.lastIndexOf('/');
        String folder = slash < 0 ? "" : composePath.substring(0, slash + 1);
        String name = composePath.substring(slash + 1);
        String stem = ComposeFile.isComposeName(name) && (name.startsWith("compose.") || name.startsWith("docker-compose."))
                && name.chars().filter(ch -> ch == '.').count() == 1 ? "" : "." + name.substring(0, name.lastIndexOf('.'));
        return secretsDir + "/" + folder + service + stem + ".env";
    }

    /** Adds every env file whose compose file was rewritten to {@code plan}. */
    void write(MigrationPlan.Builder plan, Set<ComposeEditor> failed) throws IOException {
        for (Map.Entry<String, Pending> entry : files.entrySet()) {
            Pending pending = entry.getValue();
            if (failed.contains(pending.editor)) {
                continue;
            }
            String path = entry.getKey();
            StringBuilder lines = new StringBuilder();
            pending.values.forEach((key, value) -> lines.append(key).append("='").append(value.reveal()).append("'\n"));
            Path file = root.resolve(path);
            List<SecretValue> values = new ArrayList<>(pending.values.values());
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                byte[] before = Files.readAllBytes(file);
                String text = new String(before, StandardCharsets.UTF_8);
                String added = (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + lines;
                plan.edit(FileEdit.modify(path, before, (text + added).getBytes(StandardCharsets.UTF_8),
                        List.of("add " + String.join(", ", pending.values.keySet()) + " of service " + pending.service),
                        values));
            } else {
                String header = "# Written by hush migrate: variables of service " + pending.service + " in "
                        + pending.editor.path() + ", loaded through env_file. Keep this file out of git.\n";
                plan.secretFile(new SecretFile(SecretName.of(envName(pending.service)), path,
                        SecretValue.of(header + lines)));
            }
        }
    }

    private static String envName(String service) {
        String name = service.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
        return (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) ? "s" + name : name) + ".env";
    }
}

package dev.hush.core.migrate.plan;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.MigrationPlan;
import dev.hush.core.migrate.ProjectPaths;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.edit.IgnoreFileEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans the ignore files besides {@code .gitignore} that keep what a migration writes out of
 * places it would leak from: the {@code .dockerignore} of every build context that contains the
 * secrets folder, an env file or {@code .hush/} (so {@code COPY . .} never bakes them into an
 * image layer), and the AI coding assistants' ignore files already at the root.
 */
final class IgnorePlanning {
    private static final String WHY_DOCKER = "so no image built from this context holds them";
    private static final String WHY_ASSISTANT = "so AI assistants never read the secret files";

    private final Path root;
    private final String secretsDir;

    IgnorePlanning(Path root, String secretsDir) {
        this.root = root;
        this.secretsDir = secretsDir;
    }

    /** Returns the ignore-file edits for a migration that writes {@code plan}, given the project's compose files. */
    List<FileEdit> plan(MigrationPlan plan, List<String> composeFiles) throws IOException {
        List<String> written = new ArrayList<>();
        written.add(secretsDir + "/");
        written.add(ProjectPaths.HUSH_DIR + "/");
        for (SecretFile file : plan.secretFiles()) {
            if (!file.path().startsWith(secretsDir + "/")) {
                written.add(file.path());
            }
        }
        List<FileEdit> edits = new ArrayList<>();
        for (Map.Entry<String, List<String>> file : dockerignores(composeFiles, written).entrySet()) {
            IgnoreFileEdit.plan(root, file.getKey(), IgnoreFileEdit.Syntax.DOCKER, file.getValue(), WHY_DOCKER)
                    .ifPresent(edits::add);
        }
        for (String name : IgnoreFileEdit.ASSISTANT_FILES) {
            if (Files.isRegularFile(root.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                IgnoreFileEdit.plan(root, name, IgnoreFileEdit.Syntax.GIT, List.of("/" + secretsDir + "/"), WHY_ASSISTANT)
                        .ifPresent(edits::add);
            }
        }
        return edits;
    }

    /** Returns each docker-ignore file to edit with the entries, relative to its context, that its context contains. */
    private Map<String, List<String>> dockerignores(List<String> composeFiles, List<String> written) throws IOException {
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (BuildContext context : buildContexts(composeFiles)) {
            List<String> inside = new ArrayList<>();
            for (String path : written) {
                if (context.folder().isEmpty()) {
                    inside.add(path);
                } else if (path.startsWith(context.folder() + "/")) {
                    inside.add(path.substring(context.folder().length() + 1));
                }
            }
            if (!inside.isEmpty()) {
                List<String> entries = files.computeIfAbsent(context.ignoreFile(root), f -> new ArrayList<>());
                inside.stream().filter(entry -> !entries.contains(entry)).forEach(entries::add);
            }
        }
        return files;
    }

    /**
     * A service's build context folder relative to the root ({@code ""} for the root) and its
     * Dockerfile relative to the context.
     */
    record BuildContext(String folder, String dockerfile) {
        /**
         * Returns the ignore file Docker reads for this build: {@code <Dockerfile>.dockerignore}
         * beside the Dockerfile when it exists (BuildKit reads it first, docs.docker.com/build/
         * concepts/context/#filename-and-location), else the context's {@code .dockerignore}.
         */
        String ignoreFile(Path root) {
            String prefix = folder.isEmpty() ? "" : folder + "/";
            String specific = prefix + dockerfile + IgnoreFileEdit.DOCKERIGNORE;
            return Files.isRegularFile(root.resolve(specific), LinkOption.NOFOLLOW_LINKS) ? specific
                    : prefix + IgnoreFileEdit.DOCKERIGNORE;
        }
    }

    /**
     * Returns the local build contexts of the services in {@code composeFiles}, each resolved
     * against its compose file; remote contexts and contexts outside the root are left out.
     */
    Set<BuildContext> buildContexts(List<String> composeFiles) throws IOException {
        Set<BuildContext> contexts = new LinkedHashSet<>();
        for (String path : composeFiles) {
            ComposeFile model = ComposeFile.parse(new SourceFile(path,
                    new String(Files.readAllBytes(root.resolve(path)), StandardCharsets.UTF_8)));
            for (Service service : model.services()) {
                if (service.build().isEmpty()) {
                    continue;
                }
                ComposeFile.Build build = service.build().get();
                String written = build.context().map(ComposeFile.Scalar::text).orElse(".");
                if (written.contains("://") || written.startsWith("git@") || written.contains("${")) {
                    continue;
                }
                Optional<String> folder = ComposeFile.resolve(path, written.isBlank() ? "." : written);
                if (folder.isEmpty() && !isRootFolder(path, written)) {
                    continue;
                }
                String dockerfile = build.dockerfile().map(ComposeFile.Scalar::text).map(String::strip)
                        .filter(file -> !file.isEmpty() && !file.startsWith("/") && !file.contains(".."))
                        .orElse("Dockerfile");
                contexts.add(new BuildContext(folder.orElse(""), dockerfile));
            }
        }
        return contexts;
    }

    /** Returns whether {@code written}, in the compose file at {@code composePath}, is the root itself. */
    private static boolean isRootFolder(String composePath, String written) {
        Path folder = Path.of(composePath).getParent();
        Path resolved = (folder == null ? Path.of("") : folder).resolve(written.strip()).normalize();
        return resolved.toString().isEmpty() && !written.strip().startsWith("/");
    }
}

package dev.hush.core.migrate.plan;

import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.migrate.DeliveryKind;
import dev.hush.core.migrate.edit.ComposeEditor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * Says how one service gets one variable after the migration, so that it reads it the way it
 * read it before.
 *
 * @param kind how the value travels
 * @param fileVariable for {@link DeliveryKind#FILE_VARIABLE}: the variable the image reads the path from
 */
record Delivery(DeliveryKind kind, Optional<String> fileVariable) {

    /**
     * Returns the delivery of {@code key} to {@code service}: the file variable its image reads
     * (from the table, or because the user said so), else a mounted secret when the service
     * is built here, else a git-ignored env file.
     */
    static Delivery of(ComposeEditor editor, String service, String key, MigrationPlanner.Options options,
            Collection<ComposeEditor> editors) {
        if (options.readsFileVariables().contains(service)) {
            return new Delivery(DeliveryKind.FILE_VARIABLE, Optional.of(FileVariableImages.defaultFileVariable(key)));
        }
        List<Service> definitions = definitions(editor, service, editors);
        Optional<String> fileVariable = definitions.stream().map(Service::image).flatMap(Optional::stream).findFirst()
                .flatMap(image -> Values.literal(image.text()))
                .flatMap(image -> FileVariableImages.fileVariable(image, key));
        if (fileVariable.isPresent()) {
            return new Delivery(DeliveryKind.FILE_VARIABLE, fileVariable);
        }
        if (definitions.stream().anyMatch(s -> s.build().isPresent())) {
            return new Delivery(DeliveryKind.MOUNTED_SECRET, Optional.empty());
        }
        return new Delivery(DeliveryKind.ENV_FILE, Optional.empty());
    }

    /** Returns this delivery, or the one of {@code kind} that the user chose instead, for variable {@code key}. */
    Delivery or(Optional<DeliveryKind> chosen, String key) {
        if (chosen.isEmpty() || chosen.get() == kind) {
            return this;
        }
        return new Delivery(chosen.get(), chosen.get() == DeliveryKind.FILE_VARIABLE
                ? Optional.of(FileVariableImages.defaultFileVariable(key))
                : Optional.empty());
    }

    /** The files Compose reads from a folder when no {@code -f} is given: a base file and its override. */
    private static final Set<String> DEFAULT_FILES = Set.of("compose.yaml", "compose.yml", "docker-compose.yaml",
            "docker-compose.yml", "compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml",
            "docker-compose.override.yml");

    /**
     * Returns the definitions of {@code service} that Compose merges: the one in {@code editor}'s
     * file first, then that of its override file (or of the base file it overrides), as Compose
     * reads them from one folder by default (an override file names the image in neither, or in
     * one of them). Other compose files in the folder are other stacks, run with {@code -f}: a
     * {@code build:} in one of them says nothing of a service of the same name in another.
     */
    private static List<Service> definitions(ComposeEditor editor, String service, Collection<ComposeEditor> editors) {
        List<Service> definitions = new ArrayList<>();
        editor.service(service).ifPresent(definitions::add);
        String folder = folderOf(editor.path());
        for (ComposeEditor other : editors) {
            if (other != editor && folderOf(other.path()).equals(folder) && mergedByDefault(editor.path(), other.path())) {
                other.service(service).ifPresent(definitions::add);
            }
        }
        return definitions;
    }

    private static boolean mergedByDefault(String path, String other) {
        String name = nameOf(path);
        String otherName = nameOf(other);
        return DEFAULT_FILES.contains(name) && DEFAULT_FILES.contains(otherName)
                && name.contains(".override.") != otherName.contains(".override.");
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String folderOf(String path) {
        return path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    }
}

package dev.hush.core.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Records every file, folder and link of a project with its bytes and mode, to compare states byte for byte. */
public final class ProjectSnapshot {
    private ProjectSnapshot() {
    }

    /** Returns the state of {@code root}, leaving out {@code .hush}. */
    public static Map<String, String> of(Path root) throws IOException {
        return of(root, false);
    }

    /** Returns the state of {@code root}, with or without {@code .hush}. */
    public static Map<String, String> of(Path root, boolean withHush) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String name = root.relativize(path).toString();
                if (name.isEmpty() || (!withHush && (name.equals(".hush") || name.startsWith(".hush/")))) {
                    continue;
                }
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                if (Files.isSymbolicLink(path)) {
                    state.put(name, "link -> " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    state.put(name, "dir " + mode);
                } else {
                    state.put(name, "file " + mode + " " + Base64.getEncoder().encodeToString(Files.readAllBytes(path)));
                }
            }
        }
        return state;
    }
}

package dev.hush.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Copies the repository's example projects into temporary folders, so tests never touch the originals. */
final class Fixtures {
    private Fixtures() {
    }

    /** Returns the repository's root folder (the parent of this module). */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples").resolve("leaky-app"))) {
                return dir;
            }
        }
        throw new IllegalStateException("examples/leaky-app not found above " + Path.of("").toAbsolutePath());
    }

    /** Copies {@code examples/<name>} into {@code target} and returns the copy. */
    static Path copyExample(String name, Path target) {
        Path source = repositoryRoot().resolve("examples").resolve(name);
        Path copy = target.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }
    /** Returns every file under {@code dir} (except hush's own {@code .hush/}) with its bytes, for byte-for-byte comparisons. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String relative = dir.relativize(file).toString();
                if (!relative.startsWith(".hush/")) {
                    files.put(relative, Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }
}

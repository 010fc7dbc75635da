package dev.hush.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the project's {@code shared/} folder (schemas, corpus), which sits beside the checkout. */
public final class SharedFolder {
    private SharedFolder() {
    }

    /** Returns {@code shared/<relative>}, looking upwards from the working folder, if it exists. */
    public static Optional<Path> find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Returns {@code shared/<relative>} or fails the test with where it was looked for. */
    public static Path require(String relative) {
        return find(relative).orElseThrow(() -> new AssertionError(
                "shared/" + relative + " not found above " + Path.of("").toAbsolutePath()));
    }
}

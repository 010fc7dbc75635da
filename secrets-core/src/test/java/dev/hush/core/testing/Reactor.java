package dev.hush.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the reactor's files, and keeps the files generated from code in step with it. */
public final class Reactor {
    private Reactor() {
    }

    /** Returns the folder holding the reactor's pom.xml, whether tests run from the module or the root. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve("pom.xml")) && Files.isDirectory(candidate.resolve("secrets-core"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no reactor root above " + dir);
    }

    /**
     * Asserts that the text file at {@code relative} holds {@code expected}, after writing it
     * there when the system property {@code hush.updateDocs} is true.
     *
     * @param regenerate the command that rewrites the file, for the failure message
     */
    public static void assertGeneratedFileIsCurrent(String relative, String expected, String regenerate)
            throws IOException {
        Path file = root().resolve(relative);
        if (Boolean.getBoolean("hush.updateDocs")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file)).as("%s exists; write it with %s", file, regenerate).isTrue();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is out of date with the code that generates it; regenerate it with %s", relative, regenerate)
                .isEqualTo(expected);
    }
}

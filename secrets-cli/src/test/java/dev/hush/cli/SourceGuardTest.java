package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Greps the main sources for the cheapest ways to leak a value: a stack trace (whose messages may
 * quote a file) anywhere, and any printing in the libraries, which must never print.
 */
class SourceGuardTest {
    private static final Pattern STACK_TRACE = Pattern.compile("printStackTrace\\s*\\(");
    private static final Pattern PRINTING = Pattern.compile("System\\s*\\.\\s*(out|err)\\b");

    @Test
    void noMainSourcePrintsAStackTrace() throws IOException {
        assertThat(matches(List.of("secrets-core", "secrets-cli", "secrets-runtime"), STACK_TRACE)).isEmpty();
    }

    @Test
    void theLibrariesNeverPrint() throws IOException {
        assertThat(matches(List.of("secrets-core", "secrets-runtime"), PRINTING)).isEmpty();
    }

    private static List<String> matches(List<String> modules, Pattern pattern) throws IOException {
        List<String> found = new ArrayList<>();
        Path root = Fixtures.repositoryRoot();
        for (String module : modules) {
            Path sources = root.resolve(module).resolve("src/main");
            assertThat(sources).as("sources of %s", module).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (pattern.matcher(lines.get(i)).find()) {
                            found.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        return found;
    }
}

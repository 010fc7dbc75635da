package dev.hush.core.format.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Holds what {@link DockerfileParser} read from a Dockerfile.
 *
 * @param escape the escape character from the {@code # escape=} directive, {@code \} by default
 * @param directives the parser directives at the top of the file, by lower-case name
 *     ({@code syntax}, {@code escape}, {@code check})
 * @param instructions the instructions in file order
 * @param problems what could not be read, by line
 */
public record Dockerfile(
        char escape, Map<String, String> directives, List<DockerfileInstruction> instructions, List<Problem> problems) {
    public Dockerfile {
        directives = Map.copyOf(Objects.requireNonNull(directives, "directives == null"));
        instructions = List.copyOf(Objects.requireNonNull(instructions, "instructions == null"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems == null"));
    }

    /**
     * Describes a part of the Dockerfile the parser could not read.
     *
     * @param line the 1-based line where the problem starts
     * @param message what is wrong and what to do
     */
    public record Problem(int line, String message) {
    }
}

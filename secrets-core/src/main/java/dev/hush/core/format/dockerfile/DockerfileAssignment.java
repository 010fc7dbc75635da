package dev.hush.core.format.dockerfile;

import java.util.Optional;

/**
 * Describes one {@code NAME=value} of an {@code ENV}, {@code ARG} or {@code LABEL}
 * instruction, or the {@code NAME value} of a legacy {@code ENV}, with the source offsets a
 * rewrite needs (ends exclusive).
 *
 * @param name the variable name
 * @param value the value with quotes and escapes removed; empty for an {@code ARG} without default
 * @param literal whether the value was single-quoted, so that {@code $} in it is not a reference
 * @param nameStart where the name starts
 * @param valueStart where the written value starts, at its opening quote if any
 * @param valueEnd where the written value ends, after its closing quote if any
 */
public record DockerfileAssignment(
        String name, Optional<String> value, boolean literal, int nameStart, int valueStart, int valueEnd) {
}

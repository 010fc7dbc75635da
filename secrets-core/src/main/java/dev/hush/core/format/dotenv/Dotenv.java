package dev.hush.core.format.dotenv;

import java.util.List;
import java.util.Objects;

/**
 * Holds what {@link DotenvParser} read from a dotenv file: its entries in file order and the
 * lines it could not read.
 *
 * @param entries the {@code KEY=value} and bare {@code KEY} lines, in file order
 * @param problems the malformed lines; the entries around them were still read
 */
public record Dotenv(List<DotenvEntry> entries, List<Problem> problems) {
    public Dotenv {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries == null"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems == null"));
    }

    /**
     * Describes a line the parser could not read.
     *
     * @param line the 1-based line where the problem starts
     * @param message what is wrong and what to do, never a value
     */
    public record Problem(int line, String message) {
    }
}

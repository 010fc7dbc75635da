package dev.hush.core.format.dotenv;

import java.util.Optional;

/**
 * Describes one variable of a dotenv file with the offsets a rewrite needs. Offsets are
 * character offsets into the parsed text; ends are exclusive.
 *
 * @param key the variable name
 * @param value the value after quotes and escapes are processed, and before interpolation when it is
 *     {@link #interpolated()} ({@code $$} stands for a literal {@code $}; {@link DotenvValues} resolves it);
 *     empty for a bare {@code KEY}
 * @param quote how the value was written
 * @param exported whether the line starts with {@code export}
 * @param start where the statement starts, at {@code export} when there is one
 * @param end where the statement ends: after the closing quote or the last character of the value,
 *     before any inline comment
 * @param keyStart where the key starts
 * @param keyLine the 1-based line of the key
 * @param valueStart where the written value starts, at its opening quote when it is quoted
 * @param valueEnd where the written value ends, after its closing quote when it is quoted
 * @param valueLine the 1-based line where the value starts
 */
public record DotenvEntry(
        String key,
        Optional<String> value,
        Quote quote,
        boolean exported,
        int start,
        int end,
        int keyStart,
        int keyLine,
        int valueStart,
        int valueEnd,
        int valueLine) {

    /** Names how a value was written, which decides whether it is interpolated. */
    enum Quote {
        /** {@code KEY=value}: interpolated, inline comments after a space. */
        NONE,
        /** {@code KEY='value'}: literal. */
        SINGLE,
        /** {@code KEY="value"}: escapes and interpolation, may span lines. */
        DOUBLE
    }

    /** Returns whether compose expands {@code $VAR} references in the value. */
    public boolean interpolated() {
        return quote != Quote.SINGLE;
    }
}

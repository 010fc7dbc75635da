package dev.hush.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes indented JSON to an {@link Appendable}, escaping strings as RFC 8259 requires.
 * Calls must nest properly; the writer only keeps track of commas and indentation.
 */
final class JsonWriter {
    private final Appendable out;
    private final Deque<Boolean> firstInScope = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter(Appendable out) {
        this.out = out;
    }

    JsonWriter beginObject() {
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    /** Writes a member name; the next call writes its value. */
    JsonWriter name(String name) {
        separate();
        string(name);
        write(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        separate();
        string(value);
        return this;
    }

    JsonWriter value(long value) {
        separate();
        write(Long.toString(value));
        return this;
    }

    JsonWriter value(boolean value) {
        separate();
        write(Boolean.toString(value));
        return this;
    }

    JsonWriter nullValue() {
        separate();
        write("null");
        return this;
    }

    /** Writes {@code "name": value}. */
    JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    /** Writes {@code "name": value}. */
    JsonWriter member(String name, long value) {
        return name(name).value(value);
    }

    /** Writes {@code "name": value}. */
    JsonWriter member(String name, boolean value) {
        return name(name).value(value);
    }

    private JsonWriter open(char bracket) {
        separate();
        write(String.valueOf(bracket));
        firstInScope.push(true);
        return this;
    }

    private JsonWriter close(char bracket) {
        boolean empty = firstInScope.pop();
        if (!empty) {
            newline();
        }
        write(String.valueOf(bracket));
        if (firstInScope.isEmpty()) {
            write("\n");
        }
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (firstInScope.isEmpty()) {
            return;
        }
        if (!firstInScope.pop()) {
            write(",");
        }
        firstInScope.push(false);
        newline();
    }

    private void newline() {
        write("\n");
        write("  ".repeat(firstInScope.size()));
    }

    private void string(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        write(escaped.append('"').toString());
    }

    private void write(String text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

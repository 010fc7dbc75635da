package dev.hush.core.scan;

import dev.hush.core.model.Location;
import java.util.Arrays;
import java.util.Objects;

/**
 * Holds one file's text with its path relative to the scanned root, and turns character
 * offsets into 1-based lines and columns.
 */
final class SourceFile {
    private final String path;
    private final String text;
    private final int[] lineStarts;

    SourceFile(String path, String text) {
        this.path = Objects.requireNonNull(path, "path == null");
        this.text = Objects.requireNonNull(text, "text == null");
        this.lineStarts = lineStarts(text);
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        return Arrays.copyOf(starts, count);
    }

    /** Returns the path relative to the scanned root, with {@code /} separators. */
    String path() {
        return path;
    }

    /** Returns the file name, the last segment of the path. */
    String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Returns the whole text. */
    String text() {
        return text;
    }

    /** Returns the number of lines. */
    int lineCount() {
        return lineStarts.length;
    }

    /** Returns the 1-based line holding {@code offset}. */
    int lineOf(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** Returns the 1-based column of {@code offset} within its line. */
    int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    /** Returns the text of 1-based {@code line}, without its line break. */
    String line(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    /** Returns the offset where 1-based {@code line} starts. */
    int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /** Returns the location of {@code offset}. */
    Location locationOf(int offset) {
        return Location.of(path, lineOf(offset), columnOf(offset));
    }

    /** Returns the location of a 1-based line and column. */
    Location location(int line, int column) {
        return Location.of(path, line, column);
    }
}

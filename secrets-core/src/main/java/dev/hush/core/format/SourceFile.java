package dev.hush.core.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Holds one file's text with its path relative to the scanned root, and turns character
 * offsets into 1-based lines and columns.
 *
 * <p>A file read from disk or from git is kept as its UTF-8 bytes and decoded only when an
 * analyzer asks for the text: most files of a large scan hold no keyword, and the keyword
 * search runs over the bytes (see {@link #bytes()}). Line starts, likewise, are found
 * only when a location or a line is asked for. Not thread-safe: one analysis uses it.
 */
public final class SourceFile {
    private final String path;
    /** The file's bytes, a leading byte order mark included; null when built from text. */
    private final byte[] bytes;
    private final int length;
    private String text;
    /** The line starts found so far, in {@code lineStarts[0..knownLines)}; all of them once {@code allLines}. */
    private int[] lineStarts;
    private int knownLines;
    private boolean allLines;
    private boolean ascii;
    /** The line found last by {@link #lineStartAround}, from its first char to its line feed (or the end); none at first. */
    private int aroundFrom;
    private int aroundTo = -1;

    public SourceFile(String path, String text) {
        this.path = Objects.requireNonNull(path, "path == null");
        this.text = Objects.requireNonNull(text, "text == null");
        this.bytes = null;
        this.length = 0;
    }

    /**
     * Creates a file holding {@code bytes[0..length)} decoded as UTF-8 (malformed sequences
     * replaced), without a leading byte order mark. The bytes are not copied: the caller must
     * not change them while the file is in use.
     */
    public SourceFile(String path, byte[] bytes, int length) {
        this.path = Objects.requireNonNull(path, "path == null");
        this.bytes = Objects.requireNonNull(bytes, "bytes == null");
        if (length < 0 || length > bytes.length) {
            throw new IndexOutOfBoundsException("length " + length + " outside 0.." + bytes.length);
        }
        this.length = length;
    }

    /** Returns the offset where each line of {@code text} starts, the first line's (0) included. */
    public static int[] lineStarts(String text) {
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

    /** Returns the 1-based line holding {@code offset}, given the {@link #lineStarts(String)} of its text. */
    public static int lineOf(int[] lineStarts, int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /**
     * Finds line starts until {@code lines} are known and the last one known lies past
     * {@code pastOffset}, or the text ends. Lines are found only as far as asked: an analyzer
     * that asks about a hit near the top of a long file does not pay for the rest, and hits
     * asked about in order walk the text once.
     */
    private void findLines(int lines, int pastOffset) {
        if (lineStarts == null) {
            lineStarts = new int[16];
            knownLines = 1;
        }
        String text = null;
        while (!allLines && (knownLines < lines || lineStarts[knownLines - 1] <= pastOffset)) {
            if (text == null) {
                text = text();
            }
            int feed = text.indexOf('\n', lineStarts[knownLines - 1]);
            if (feed < 0) {
                allLines = true;
            } else {
                addLine(feed + 1);
            }
        }
    }

    private void addLine(int start) {
        if (knownLines == lineStarts.length) {
            lineStarts = Arrays.copyOf(lineStarts, knownLines * 2);
        }
        lineStarts[knownLines++] = start;
    }

    /** Returns the path relative to the scanned root, with {@code /} separators. */
    public String path() {
        return path;
    }

    /** Returns the file name, the last segment of the path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Returns the whole text. */
    public String text() {
        if (text == null && ascii) {
            // ASCII decodes the same as UTF-8 and as ISO-8859-1, whose decoding is a plain copy.
            text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        } else if (text == null) {
            boolean bom = startsWithByteOrderMark();
            text = bom ? new String(bytes, 3, length - 3, StandardCharsets.UTF_8)
                    : new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
        return text;
    }

    /**
     * Returns the UTF-8 bytes the file was built from, a byte order mark included, or null
     * when it was built from text; the first {@link #byteLength()} bytes hold the file. Where
     * every byte is ASCII, byte offsets are the text's char offsets.
     */
    public byte[] bytes() {
        return bytes;
    }

    /** Returns how many of {@link #bytes()} hold the file. */
    public int byteLength() {
        return length;
    }

    /** Records that every one of {@link #bytes()} is ASCII, which makes decoding them cheaper. */
    public void knownAscii() {
        ascii = bytes != null;
    }

    /**
     * Returns the text as a sequence of chars: the decoded text, or, for a file whose bytes
     * are known to be ASCII and not yet decoded, a view of the bytes, which spares a copy of
     * the file. The view must not outlive this analysis; its {@code toString} and
     * {@code subSequence} return strings of their own.
     */
    public CharSequence chars() {
        return text == null && ascii ? new AsciiChars(bytes, 0, length) : text();
    }

    /** ASCII bytes read as chars. */
    private record AsciiChars(byte[] bytes, int from, int to) implements CharSequence {
        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return (char) bytes[from + Objects.checkIndex(index, to - from)];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            Objects.checkFromToIndex(start, end, to - from);
            return new String(bytes, from + start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    private boolean startsWithByteOrderMark() {
        return length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }

    /**
     * Returns the offset of the first {@code c} at or after {@code from} in the text, or -1, as
     * {@code text().indexOf(c, from)} does; a file known to be ASCII is searched in its bytes, not decoded.
     */
    public int indexOf(char c, int from) {
        if (text == null && ascii) {
            // A char past ASCII equals no byte of an ASCII file (a byte widens to -128..127).
            for (int i = Math.max(from, 0); i < length; i++) {
                if (bytes[i] == c) {
                    return i;
                }
            }
            return -1;
        }
        return text().indexOf(c, from);
    }

    /** Returns the offset of the first {@code s} at or after {@code from} in the text, or -1, as {@code text().indexOf(s, from)}. */
    public int indexOf(String s, int from) {
        if (text == null && ascii) {
            int start = Math.max(from, 0);
            if (s.isEmpty()) {
                return Math.min(start, length);
            }
            for (int i = indexOf(s.charAt(0), start); i >= 0 && i <= length - s.length(); i = indexOf(s.charAt(0), i + 1)) {
                if (matchesAt(i, s)) {
                    return i;
                }
            }
            return -1;
        }
        return text().indexOf(s, from);
    }

    /** Returns whether the text starts with {@code prefix}, an ASCII string, without decoding the bytes. */
    public boolean startsWith(String prefix) {
        if (bytes == null) {
            return text.startsWith(prefix);
        }
        int offset = startsWithByteOrderMark() ? 3 : 0;
        return length - offset >= prefix.length() && bytes[offset] == prefix.charAt(0) && matchesAt(offset, prefix);
    }

    private boolean matchesAt(int offset, String word) {
        for (int j = 1; j < word.length(); j++) {
            if (bytes[offset + j] != word.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Returns the number of lines. */
    public int lineCount() {
        findLines(Integer.MAX_VALUE, -1);
        return knownLines;
    }

    /** Returns the 1-based line holding {@code offset}. */
    public int lineOf(int offset) {
        findLines(1, offset);
        int index = Arrays.binarySearch(lineStarts, 0, knownLines, offset);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** Returns the 1-based column of {@code offset} within its line. */
    public int columnOf(int offset) {
        return offset - lineStart(lineOf(offset)) + 1;
    }

    /** Returns the offset of the line feed that ends 1-based {@code line}, or the text's length for the last line. */
    public int lineEnd(int line) {
        findLines(line + 1, -1);
        if (line < 1 || line > knownLines) {
            throw new IndexOutOfBoundsException("line " + line + " outside 1.." + knownLines);
        }
        return line < knownLines ? lineStarts[line] - 1 : text().length();
    }

    /** Returns the text of 1-based {@code line}, without its line break. */
    public String line(int line) {
        String text = text();
        int start = lineStart(line);
        int end = lineEnd(line);
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    /**
     * Returns where the line holding {@code offset} starts, as {@code lineStart(lineOf(offset))} does,
     * found by looking around {@code offset} rather than by finding every line before it: a file is
     * walked only at the lines asked about. The line found last is kept, so offsets asked about in
     * order walk each line once however many of them it holds. An ASCII file is not decoded for it.
     */
    public int lineStartAround(int offset) {
        locate(offset);
        return aroundFrom;
    }

    /** Returns the offset of the line feed that ends the line holding {@code offset}, or the text's length. */
    public int lineEndAround(int offset) {
        locate(offset);
        return aroundTo;
    }

    private void locate(int offset) {
        if (offset >= aroundFrom && offset <= aroundTo) {
            return;
        }
        if (text == null && ascii) {
            int i = offset - 1;
            while (i >= 0 && bytes[i] != '\n') {
                i--;
            }
            int j = offset;
            while (j < length && bytes[j] != '\n') {
                j++;
            }
            aroundFrom = i + 1;
            aroundTo = j;
        } else {
            String text = text();
            int feed = text.indexOf('\n', offset);
            aroundFrom = text.lastIndexOf('\n', offset - 1) + 1;
            aroundTo = feed < 0 ? text.length() : feed;
        }
    }

    /** Returns the offset where 1-based {@code line} starts. */
    public int lineStart(int line) {
        findLines(line, -1);
        if (line < 1 || line > knownLines) {
            throw new IndexOutOfBoundsException("line " + line + " outside 1.." + knownLines);
        }
        return lineStarts[line - 1];
    }
}

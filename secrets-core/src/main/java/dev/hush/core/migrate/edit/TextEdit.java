package dev.hush.core.migrate.edit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces {@code length} characters at {@code offset} of a text with {@code replacement};
 * the planners turn a file's text into its new bytes with {@link #apply(byte[], List)}.
 * Offsets count characters of the text without a byte order mark, as the scanner's
 * {@code SourceFile} does. A {@code \n} in a replacement is written as the line break of
 * the line the edit starts in, so a CRLF file stays CRLF.
 *
 * @param offset where the replaced characters start
 * @param length how many characters are replaced; 0 inserts
 * @param replacement what goes in their place, with {@code \n} line breaks
 */
public record TextEdit(int offset, int length, String replacement) {
    private static final Comparator<TextEdit> BY_OFFSET = Comparator.comparingInt(TextEdit::offset)
            .thenComparingInt(TextEdit::length);

    /** Checks that the span is not negative. */
    public TextEdit {
        Objects.requireNonNull(replacement, "replacement == null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0: " + offset);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length < 0: " + length);
        }
    }

    /** Returns an edit inserting {@code text} at {@code offset}. */
    public static TextEdit insert(int offset, String text) {
        return new TextEdit(offset, 0, text);
    }

    /** Returns an edit deleting the characters from {@code start} (inclusive) to {@code end} (exclusive). */
    public static TextEdit delete(int start, int end) {
        return new TextEdit(start, end - start, "");
    }

    /** Returns the offset just after the replaced characters. */
    public int end() {
        return offset + length;
    }

    /**
     * Returns {@code text} with every edit applied. Edits may come in any order; insertions
     * at the same offset keep their given order.
     *
     * @throws IllegalArgumentException when two edits overlap or one reaches past the end
     */
    public static String apply(String text, List<TextEdit> edits) {
        Objects.requireNonNull(text, "text == null");
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(BY_OFFSET);
        StringBuilder out = new StringBuilder(text.length() + 64);
        int copied = 0;
        for (TextEdit edit : sorted) {
            if (edit.end() > text.length()) {
                throw new IllegalArgumentException("edit.end() > text.length(): " + edit.end() + " > " + text.length());
            }
            if (edit.offset < copied) {
                throw new IllegalArgumentException("edits overlap at offset " + edit.offset);
            }
            out.append(text, copied, edit.offset);
            out.append(withLineBreaks(edit.replacement, lineBreakAt(text, edit.offset)));
            copied = edit.end();
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    /**
     * Returns {@code original} (UTF-8, optionally with a byte order mark, which is kept) with
     * every edit applied, as the bytes to put in a {@link FileEdit}.
     *
     * @throws IllegalArgumentException when the bytes are not UTF-8 or the edits overlap
     */
    public static byte[] apply(byte[] original, List<TextEdit> edits) {
        String text = decode(original);
        boolean bom = text.startsWith("\uFEFF");
        String edited = apply(bom ? text.substring(1) : text, edits);
        return ((bom ? "\uFEFF" : "") + edited).getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the line break that ends the line holding {@code offset}, else the one before it, else {@code \n}. */
    public static String lineBreakAt(String text, int offset) {
        int newline = text.indexOf('\n', offset);
        if (newline < 0) {
            newline = text.lastIndexOf('\n', Math.max(0, offset - 1));
        }
        if (newline < 0) {
            return "\n";
        }
        return newline > 0 && text.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
    }

    private static String withLineBreaks(String replacement, String lineBreak) {
        if (lineBreak.equals("\n") || replacement.indexOf('\n') < 0) {
            return replacement;
        }
        StringBuilder out = new StringBuilder(replacement.length() + 8);
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\n' && (i == 0 || replacement.charAt(i - 1) != '\r')) {
                out.append('\r');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // Rewriting a file that is not UTF-8 as text would change bytes the user never saw.
            throw new IllegalArgumentException("not UTF-8 text, so hush does not rewrite it", e);
        }
    }
}

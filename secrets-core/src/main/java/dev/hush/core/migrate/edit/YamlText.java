package dev.hush.core.migrate.edit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the layout of a YAML text, to write new lines the way the file already writes them:
 * where lines start and end, which lines hold only a comment, the file's indentation unit and
 * whether its block lists are indented under their key.
 */
public final class YamlText {
    private static final Pattern KEY_ONLY_LINE = Pattern.compile("^( *)[^\\s#-][^#]*:[ \\t]*(#.*)?$");
    private static final Pattern ITEM_LINE = Pattern.compile("^( *)- ");
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^[A-Za-z_\"'][^:#]*:");

    private final String text;

    public YamlText(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Returns the offset where the line holding {@code offset} starts. */
    public int lineStart(int offset) {
        return lineStartOf(offset);
    }

    /** Returns the offset of the {@code \n} ending the line holding {@code offset}, or the text's length. */
    public int lineEnd(int offset) {
        int newline = text.indexOf('\n', offset);
        return newline < 0 ? text.length() : newline;
    }

    /** Returns the offset after the line holding {@code offset}, line break included. */
    public int nextLineStart(int offset) {
        int end = lineEnd(offset);
        return end < text.length() ? end + 1 : end;
    }

    /** Returns the 0-based column of {@code offset}. */
    public int column(int offset) {
        return offset - lineStartOf(offset);
    }

    private int lineStartOf(int offset) {
        return offset == 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** Returns the text of the line holding {@code offset}, without its line break. */
    public String line(int offset) {
        int start = lineStartOf(offset);
        int end = lineEnd(offset);
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, end);
    }

    /** Returns whether only blanks stand between the start of its line and {@code offset}. */
    public boolean onlyBlanksBefore(int offset) {
        return text.substring(lineStartOf(offset), offset).isBlank();
    }

    /** Returns whether only blanks and an optional comment follow {@code offset} on its line. */
    public boolean onlyCommentAfter(int offset) {
        String rest = text.substring(offset, lineEnd(offset)).strip();
        return rest.isEmpty() || rest.startsWith("#");
    }

    /**
     * Returns the offset after the line break of the last line in {@code [start, end)} that holds
     * content, not only blanks or a comment: where a line appended to that block goes. When that
     * line is the last of a text without a final line break, returns the text's length.
     */
    public int afterLastContentLine(int start, int end) {
        int limit = Math.min(end, text.length());
        int lineStart = lineStartOf(Math.max(start, limit - 1));
        while (true) {
            String part = text.substring(Math.max(lineStart, start), Math.max(Math.max(lineStart, start),
                    Math.min(lineEnd(lineStart), limit))).strip();
            if (!part.isEmpty() && !part.startsWith("#")) {
                return nextLineStart(lineStart);
            }
            if (lineStart <= start || lineStart == 0) {
                return nextLineStart(start);
            }
            lineStart = lineStartOf(lineStart - 1);
        }
    }

    /**
     * Returns {@code offset} (a line start) moved past the comment lines right below it that are
     * indented deeper than {@code column}: they belong to the block above, not to what follows.
     */
    public int afterDeeperComments(int offset, int column) {
        int at = offset;
        while (at < text.length()) {
            String line = line(at);
            String stripped = line.stripLeading();
            int indent = line.length() - stripped.length();
            if (!stripped.startsWith("#") || indent <= column) {
                return at;
            }
            int next = nextLineStart(at);
            if (next == at) {
                return at;
            }
            at = next;
        }
        return at;
    }

    /**
     * Returns the edit inserting {@code lines} (each ending with {@code \n}) at {@code offset},
     * a line start or the end of a text without a final line break.
     */
    public TextEdit insertLines(int offset, String lines) {
        if (offset == text.length() && !text.isEmpty() && !text.endsWith("\n")) {
            return TextEdit.insert(offset, "\n" + lines.substring(0, lines.length() - 1));
        }
        return TextEdit.insert(offset, lines);
    }

    /** Returns the edit deleting the lines from the one holding {@code from} through the one holding {@code to - 1}. */
    public TextEdit deleteLines(int from, int to) {
        int start = lineStartOf(from);
        int end = nextLineStart(Math.max(from, to - 1));
        if (end == text.length() && !text.endsWith("\n") && start > 0) {
            // The last line has no line break: take the one before it instead.
            start--;
            if (start > 0 && text.charAt(start - 1) == '\r') {
                start--;
            }
        }
        return TextEdit.delete(start, end);
    }

    /** Returns the file's indentation step: how far a service's keys sit right of its name; 2 when unknown. */
    public static int unit(int parentColumn, int childColumn) {
        int unit = childColumn - parentColumn;
        return unit > 0 ? unit : 2;
    }

    /** Returns whether block lists sit one step right of their key ({@code key:\n  - a}); true when the file has none. */
    public boolean indentsLists() {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i + 1 < lines.length; i++) {
            Matcher key = KEY_ONLY_LINE.matcher(lines[i]);
            if (!key.matches()) {
                continue;
            }
            int next = i + 1;
            while (next < lines.length && (lines[next].isBlank() || lines[next].strip().startsWith("#"))) {
                next++;
            }
            if (next < lines.length) {
                Matcher item = ITEM_LINE.matcher(lines[next]);
                if (item.find()) {
                    return item.group(1).length() > key.group(1).length();
                }
            }
        }
        return true;
    }

    /** Returns whether the file puts a blank line before its top-level keys, after the first one. */
    public boolean separatesTopLevelKeys() {
        String[] lines = text.split("\r?\n", -1);
        boolean seenKey = false;
        for (int i = 0; i < lines.length; i++) {
            if (TOP_LEVEL_KEY.matcher(lines[i]).find()) {
                if (seenKey && i > 0 && lines[i - 1].isBlank()) {
                    return true;
                }
                seenKey = true;
            }
        }
        return false;
    }

    public static String spaces(int count) {
        return " ".repeat(Math.max(0, count));
    }
}

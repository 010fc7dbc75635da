package dev.hush.core.format.dotenv;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.dotenv.DotenvEntry.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads dotenv files with the grammar Docker Compose uses (compose-go's {@code dotenv}
 * package and the "env file syntax" of the Compose documentation): {@code #} comment lines,
 * blank lines, an optional {@code export } prefix, {@code KEY=value} or compose-go's
 * {@code KEY: value}, a bare {@code KEY} that takes its value from the environment, unquoted
 * values whose inline comment starts at a {@code #} preceded by a space or tab,
 * {@code 'single quoted'} literal values where only {@code \'} is an escape, and
 * {@code "double quoted"} values with {@code \n \r \t \\ \"} escapes that may span lines, and
 * {@code \$}, which becomes {@code $$} (a literal {@code $} once the value is interpolated).
 *
 * <p>The parser never throws: a malformed line becomes a {@link Dotenv.Problem} naming its line,
 * and reading goes on at the next line. A leading byte order mark is skipped; CRLF line
 * breaks are read like LF ones. Unlike compose-go it keeps going after an error, and a value
 * followed by text after its closing quote is a problem rather than a second statement.
 */
public final class DotenvParser {
    private final String text;
    private final int[] lineStarts;
    private final List<DotenvEntry> entries = new ArrayList<>();
    private final List<Dotenv.Problem> problems = new ArrayList<>();
    private int pos;

    private DotenvParser(String text) {
        this.text = text;
        this.lineStarts = SourceFile.lineStarts(text);
    }

    /** Returns the entries and problems of the dotenv {@code text}. */
    public static Dotenv parse(String text) {
        if (text == null) {
            throw new NullPointerException("text == null");
        }
        DotenvParser parser = new DotenvParser(text);
        parser.readAll();
        return new Dotenv(parser.entries, parser.problems);
    }

    private int lineOf(int offset) {
        return SourceFile.lineOf(lineStarts, offset);
    }

    private void readAll() {
        pos = text.startsWith("\uFEFF") ? 1 : 0;
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                return;
            }
            if (text.charAt(pos) == '#') {
                pos = endOfLine(pos);
                continue;
            }
            readStatement();
        }
    }

    private void readStatement() {
        int start = pos;
        int line = lineOf(start);
        boolean exported = false;
        if (text.startsWith("export", pos) && pos + 6 < text.length() && isBlank(text.charAt(pos + 6))) {
            exported = true;
            pos += 6;
            skipBlanks();
        }
        int keyStart = pos;
        while (pos < text.length() && isKeyChar(text.charAt(pos))) {
            pos++;
        }
        String key = text.substring(keyStart, pos);
        skipBlanks();
        if (pos >= text.length() || isLineBreak(text.charAt(pos))) {
            if (key.isEmpty() || key.equals("export") && !exported) {
                // "export" alone on a line.
                problems.add(new Dotenv.Problem(line, "`export` is not followed by a variable name"));
                return;
            }
            entries.add(new DotenvEntry(key, Optional.empty(), Quote.NONE, exported, start, keyStart + key.length(),
                    keyStart, line, keyStart + key.length(), keyStart + key.length(), line));
            return;
        }
        char separator = text.charAt(pos);
        if (separator != '=' && separator != ':' || key.isEmpty()) {
            problems.add(new Dotenv.Problem(line, key.isEmpty()
                    ? "unexpected character '" + separator + "' where a variable name should start; write KEY=value"
                    : "unexpected character '" + separator + "' after the variable name " + key
                            + "; write " + key + "=value"));
            pos = endOfLine(pos);
            return;
        }
        pos++;
        skipBlanks();
        if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
            readQuoted(key, exported, start, keyStart, line);
        } else {
            readUnquoted(key, exported, start, keyStart, line);
        }
    }

    private void readUnquoted(String key, boolean exported, int start, int keyStart, int line) {
        int valueStart = pos;
        int lineEnd = endOfLine(pos);
        int valueEnd = lineEnd;
        for (int i = valueStart; i < lineEnd; i++) {
            // "VAR=VAL# not a comment": only a # after a blank starts an inline comment.
            if (text.charAt(i) == '#' && i > 0 && isBlank(text.charAt(i - 1))) {
                valueEnd = i;
                break;
            }
        }
        while (valueEnd > valueStart && Character.isWhitespace(text.charAt(valueEnd - 1))) {
            valueEnd--;
        }
        entries.add(new DotenvEntry(key, Optional.of(text.substring(valueStart, valueEnd)), Quote.NONE, exported,
                start, valueEnd, keyStart, line, valueStart, valueEnd, lineOf(valueStart)));
        pos = lineEnd;
    }

    private void readQuoted(String key, boolean exported, int start, int keyStart, int line) {
        int valueStart = pos;
        char quote = text.charAt(pos);
        StringBuilder value = new StringBuilder();
        int i = pos + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                value.append(quote == '"' ? unescapeDouble(text.charAt(i + 1)) : unescapeSingle(text.charAt(i + 1)));
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        int valueLine = lineOf(valueStart);
        if (i >= text.length()) {
            problems.add(new Dotenv.Problem(valueLine, "the " + (quote == '"' ? "double" : "single")
                    + "-quoted value of " + key + " opened on line " + valueLine
                    + " is never closed; add the closing " + quote));
            pos = endOfLine(valueStart);
            return;
        }
        int valueEnd = i + 1;
        entries.add(new DotenvEntry(key, Optional.of(value.toString()), quote == '"' ? Quote.DOUBLE : Quote.SINGLE,
                exported, start, valueEnd, keyStart, line, valueStart, valueEnd, valueLine));
        pos = valueEnd;
        skipBlanks();
        if (pos < text.length() && !isLineBreak(text.charAt(pos)) && text.charAt(pos) != '#') {
            problems.add(new Dotenv.Problem(lineOf(pos), "unexpected text after the closing quote of " + key
                    + "; start a comment with ' #' or move the text inside the quotes"));
        }
        pos = endOfLine(pos);
    }

    private static String unescapeDouble(char c) {
        switch (c) {
            case 'n':
                return "\n";
            case 'r':
                return "\r";
            case 't':
                return "\t";
            case '\\':
                return "\\";
            case '"':
                return "\"";
            case '$':
                // compose-go (dotenv expandEscapes) reads \$ as $$, a literal $ for the interpolation.
                return "$$";
            default:
                // compose-go keeps other unknown escapes as written.
                return "\\" + c;
        }
    }

    private static String unescapeSingle(char c) {
        return c == '\'' ? "'" : "\\" + c;
    }

    private void skipBlanks() {
        while (pos < text.length() && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    /** Returns the offset of the {@code \n} ending the line holding {@code offset}, or the text's end. */
    private int endOfLine(int offset) {
        int newline = text.indexOf('\n', offset);
        return newline < 0 ? text.length() : newline;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isLineBreak(char c) {
        return c == '\n';
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }
}

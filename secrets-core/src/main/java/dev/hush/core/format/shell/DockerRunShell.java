package dev.hush.core.format.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads shell command lines just well enough to find {@code docker run} and its options:
 * joins backslash-newline continuations, drops {@code #} comments, splits words at blanks
 * with single quotes, double quotes and backslashes honoured, and splits commands at
 * {@code ; & | ( ) `}. Every character keeps its offset in the file, so findings point at the
 * option as written. It is not a shell: no expansion, no here-documents.
 */
public final class DockerRunShell {
    private DockerRunShell() {
    }

    /**
     * Holds text with the file offset of each of its characters.
     *
     * @param text the text
     * @param offsets {@code offsets[i]} is the file offset of {@code text.charAt(i)}
     */
    public record Line(String text, int[] offsets) {
        public Line {
            if (text.length() != offsets.length) {
                throw new IllegalArgumentException("text.length() != offsets.length: " + offsets.length);
            }
        }
    }

    /**
     * Holds one word of a command with quotes removed, or one command separator.
     *
     * @param text the word as the shell would pass it
     * @param offsets the file offset of each character of {@code text}
     * @param start the file offset where the written word starts, at its quote if any
     * @param quoted whether any part of the word was quoted
     * @param separator whether this is a command separator rather than a word
     */
    public record Token(String text, int[] offsets, int start, boolean quoted, boolean separator) {
        /** Returns the token's text and offsets as a line, to read a quoted command inside it. */
        public Line asLine() {
            return new Line(text, offsets);
        }
    }

    /** Returns the logical lines of {@code text}, whose offsets start at {@code base}. */
    public static List<Line> logicalLines(String text, int base) {
        List<Line> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int[] offsets = new int[64];
        int count = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c == '\\' && continuesAt(text, i + 1)) {
                i = text.indexOf('\n', i);
                continue;
            }
            if (c == '\n') {
                lines.add(new Line(line.toString(), Arrays.copyOf(offsets, count)));
                line.setLength(0);
                count = 0;
                continue;
            }
            if (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) == '\n')) {
                continue;
            }
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            line.append(c);
            offsets[count++] = base + i;
        }
        return lines;
    }

    /** Returns whether only a line break (LF or CRLF) follows at {@code index}. */
    private static boolean continuesAt(String text, int index) {
        return index < text.length() && text.charAt(index) == '\n'
                || index + 1 < text.length() && text.charAt(index) == '\r' && text.charAt(index + 1) == '\n';
    }

    /** Returns the words and separators of {@code line}, up to a comment. */
    public static List<Token> tokens(Line line) {
        List<Token> tokens = new ArrayList<>();
        String text = line.text();
        int[] at = line.offsets();
        Word word = new Word();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                word.flush(tokens);
                i++;
            } else if (c == '#' && word.isEmpty()) {
                break;
            } else if (";&|()`".indexOf(c) >= 0 && !isRedirection(text, i)) {
                word.flush(tokens);
                int end = i + 1;
                while (end < text.length() && text.charAt(end) == c && end - i < 2) {
                    end++;
                }
                tokens.add(new Token(text.substring(i, end), Arrays.copyOfRange(at, i, end), at[i], false, true));
                i = end;
            } else if (c == '\'') {
                word.begin(at[i]);
                word.quoted = true;
                i++;
                while (i < text.length() && text.charAt(i) != '\'') {
                    word.add(text.charAt(i), at[i]);
                    i++;
                }
                i++;
            } else if (c == '"') {
                word.begin(at[i]);
                word.quoted = true;
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                        i++;
                    }
                    word.add(text.charAt(i), at[i]);
                    i++;
                }
                i++;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.begin(at[i]);
                word.add(text.charAt(i + 1), at[i + 1]);
                i += 2;
            } else {
                word.begin(at[i]);
                word.add(c, at[i]);
                i++;
            }
        }
        word.flush(tokens);
        return tokens;
    }

    /** Returns whether the {@code &} at {@code index} belongs to a redirection such as {@code 2>&1}. */
    private static boolean isRedirection(String text, int index) {
        return text.charAt(index) == '&' && index > 0 && (text.charAt(index - 1) == '>' || text.charAt(index - 1) == '<');
    }

    /** Splits {@code tokens} into commands at the separators. */
    public static List<List<Token>> commands(List<Token> tokens) {
        List<List<Token>> commands = new ArrayList<>();
        List<Token> command = new ArrayList<>();
        for (Token token : tokens) {
            if (token.separator()) {
                if (!command.isEmpty()) {
                    commands.add(command);
                }
                command = new ArrayList<>();
            } else {
                command.add(token);
            }
        }
        if (!command.isEmpty()) {
            commands.add(command);
        }
        return commands;
    }

    /** Builds one word character by character. */
    private static final class Word {
        private final StringBuilder text = new StringBuilder();
        private int[] offsets = new int[32];
        private int start = -1;
        private boolean quoted;

        boolean isEmpty() {
            return start < 0;
        }

        void begin(int offset) {
            if (start < 0) {
                start = offset;
            }
        }

        void add(char c, int offset) {
            if (text.length() == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[text.length()] = offset;
            text.append(c);
        }

        void flush(List<Token> tokens) {
            if (start >= 0) {
                tokens.add(new Token(text.toString(), Arrays.copyOf(offsets, text.length()), start, quoted, false));
            }
            text.setLength(0);
            start = -1;
            quoted = false;
        }
    }
}

package dev.hush.core.format.dockerfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds one Dockerfile instruction as BuildKit reads it: the keyword, the arguments with line
 * continuations joined and the comment lines inside them dropped, and for every character of
 * the arguments its offset in the file, so a rewrite can find the exact text it replaces.
 * Offsets are character offsets into the parsed text; ends are exclusive.
 */
public final class DockerfileInstruction {
    private final String keyword;
    private final int keywordOffset;
    private final String arguments;
    private final int[] argumentOffsets;
    private final int line;
    private final int start;
    private final int end;
    private final char escape;
    private final List<Heredoc> heredocs;

    /**
     * Describes a here-document whose body follows the instruction: {@code RUN <<EOF} ...
     * {@code EOF}.
     *
     * @param name the delimiter word
     * @param stripTabs whether it was opened with {@code <<-}, which strips leading tabs
     * @param expands whether the delimiter was unquoted, so that the body is expanded
     * @param bodyStart where the body starts
     * @param bodyEnd where the body ends, before the line break that precedes the delimiter line
     * @param bodyLine the 1-based line where the body starts
     * @param body the body as written
     */
    public record Heredoc(
            String name, boolean stripTabs, boolean expands, int bodyStart, int bodyEnd, int bodyLine, String body) {
    }

    /**
     * Holds one shell-form word of the arguments, with quotes and escapes removed.
     *
     * @param text the word as the shell would see it
     * @param start where the written word starts
     * @param end where the written word ends
     */
    public record Word(String text, int start, int end) {
    }

    private DockerfileInstruction(String keyword, int keywordOffset, String arguments, int[] argumentOffsets, int line,
            int start, int end, char escape, List<Heredoc> heredocs) {
        this.keyword = keyword;
        this.keywordOffset = keywordOffset;
        this.arguments = arguments;
        this.argumentOffsets = argumentOffsets;
        this.line = line;
        this.start = start;
        this.end = end;
        this.escape = escape;
        this.heredocs = List.copyOf(heredocs);
    }

    /**
     * Returns the instruction in {@code logical}, one instruction's text with continuations
     * joined, where {@code offsets[i]} is the file offset of {@code logical.charAt(i)}.
     */
    static DockerfileInstruction of(String logical, int[] offsets, int line, int start, int end, char escape,
            List<Heredoc> heredocs) {
        Objects.requireNonNull(logical, "logical == null");
        if (offsets.length != logical.length()) {
            throw new IllegalArgumentException("offsets.length != logical.length(): " + offsets.length);
        }
        int keywordStart = 0;
        while (keywordStart < logical.length() && Character.isWhitespace(logical.charAt(keywordStart))) {
            keywordStart++;
        }
        int keywordEnd = keywordStart;
        while (keywordEnd < logical.length() && !Character.isWhitespace(logical.charAt(keywordEnd))) {
            keywordEnd++;
        }
        int argumentsStart = keywordEnd;
        while (argumentsStart < logical.length() && Character.isWhitespace(logical.charAt(argumentsStart))) {
            argumentsStart++;
        }
        int argumentsEnd = logical.length();
        while (argumentsEnd > argumentsStart && Character.isWhitespace(logical.charAt(argumentsEnd - 1))) {
            argumentsEnd--;
        }
        int keywordOffset = keywordStart < offsets.length ? offsets[keywordStart] : start;
        return new DockerfileInstruction(
                logical.substring(keywordStart, keywordEnd).toUpperCase(Locale.ROOT),
                keywordOffset,
                logical.substring(argumentsStart, argumentsEnd),
                Arrays.copyOfRange(offsets, argumentsStart, argumentsEnd),
                line,
                start,
                end,
                escape,
                heredocs);
    }

    /** Returns the keyword in upper case: {@code RUN}, {@code ENV}, ... */
    public String keyword() {
        return keyword;
    }

    /** Returns the offset of the keyword. */
    public int keywordOffset() {
        return keywordOffset;
    }

    /** Returns the arguments after the keyword, continuations joined, without heredoc bodies. */
    public String arguments() {
        return arguments;
    }

    /**
     * Returns the file offset of {@code arguments().charAt(index)}; for {@code index ==
     * arguments().length()}, the offset just after the last character.
     */
    public int offsetOf(int index) {
        if (index < 0 || index > arguments.length()) {
            throw new IndexOutOfBoundsException("index out of 0.." + arguments.length() + ": " + index);
        }
        if (index == arguments.length()) {
            return arguments.isEmpty() ? keywordOffset + keyword.length() : argumentOffsets[index - 1] + 1;
        }
        return argumentOffsets[index];
    }

    /** Returns the 1-based line where the instruction starts. */
    public int line() {
        return line;
    }

    /** Returns where the instruction starts. */
    public int start() {
        return start;
    }

    /** Returns where the instruction ends, after its last continuation line or heredoc delimiter. */
    public int end() {
        return end;
    }

    /** Returns the here-documents that follow the instruction, in order. */
    public List<Heredoc> heredocs() {
        return heredocs;
    }

    /** Returns the instruction an {@code ONBUILD} adds to child images, or empty for other keywords. */
    public Optional<DockerfileInstruction> trigger() {
        if (!keyword.equals("ONBUILD") || arguments.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(of(arguments, argumentOffsets, line, argumentOffsets[0], end, escape, heredocs));
    }

    /** Returns the shell-form words of the arguments. */
    public List<Word> words() {
        List<Word> words = new ArrayList<>();
        for (int[] span : spans()) {
            words.add(word(span[0], span[1]));
        }
        return words;
    }

    /** Returns the leading {@code --flag} words: {@code --mount=...}, {@code --from=...}. */
    public List<Word> flags() {
        List<Word> flags = new ArrayList<>();
        for (Word word : words()) {
            if (!word.text().startsWith("--")) {
                break;
            }
            flags.add(word);
        }
        return flags;
    }

    /** Returns the strings of an exec-form instruction ({@code ["a", "b"]}), or empty for shell form. */
    public Optional<List<String>> execForm() {
        return DockerfileParser.jsonStrings(arguments);
    }

    /**
     * Returns the assignments of an {@code ENV}, {@code ARG} or {@code LABEL}: each
     * {@code NAME=value} word, or for the legacy {@code ENV NAME value} the name and the rest of
     * the line. Returns an empty list for other keywords.
     */
    public List<DockerfileAssignment> assignments() {
        if (!keyword.equals("ENV") && !keyword.equals("ARG") && !keyword.equals("LABEL")) {
            return List.of();
        }
        List<int[]> spans = spans();
        List<DockerfileAssignment> assignments = new ArrayList<>();
        if (spans.isEmpty()) {
            return assignments;
        }
        int[] first = spans.get(0);
        if (keyword.equals("ENV") && arguments.substring(first[0], first[1]).indexOf('=') < 0) {
            // Legacy form: the first word is the name, everything after the blank is the value.
            int valueStart = first[1];
            while (valueStart < arguments.length() && Character.isWhitespace(arguments.charAt(valueStart))) {
                valueStart++;
            }
            Optional<String> value = valueStart < arguments.length()
                    ? Optional.of(unquote(valueStart, arguments.length()))
                    : Optional.empty();
            assignments.add(new DockerfileAssignment(unquote(first[0], first[1]), value,
                    isSingleQuoted(valueStart, arguments.length()), offsetOf(first[0]), offsetOf(valueStart),
                    offsetOf(arguments.length())));
            return assignments;
        }
        for (int[] span : spans) {
            int equals = arguments.indexOf('=', span[0]);
            if (equals < 0 || equals >= span[1]) {
                assignments.add(new DockerfileAssignment(unquote(span[0], span[1]), Optional.empty(), false,
                        offsetOf(span[0]), offsetOf(span[1]), offsetOf(span[1])));
            } else {
                assignments.add(new DockerfileAssignment(unquote(span[0], equals),
                        Optional.of(unquote(equals + 1, span[1])), isSingleQuoted(equals + 1, span[1]),
                        offsetOf(span[0]), offsetOf(equals + 1), offsetOf(span[1])));
            }
        }
        return assignments;
    }

    private Word word(int from, int to) {
        return new Word(unquote(from, to), offsetOf(from), offsetOf(to));
    }

    private boolean isSingleQuoted(int from, int to) {
        return to - from >= 2 && arguments.charAt(from) == '\'' && arguments.charAt(to - 1) == '\'';
    }

    /** Returns the [start, end) spans of the blank-separated words, quotes and escapes respected. */
    private List<int[]> spans() {
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        int n = arguments.length();
        while (true) {
            while (i < n && Character.isWhitespace(arguments.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return spans;
            }
            int from = i;
            while (i < n && !Character.isWhitespace(arguments.charAt(i))) {
                char c = arguments.charAt(i);
                if (c == escape) {
                    i += 2;
                } else if (c == '\'' || c == '"') {
                    i = closingQuote(i) + 1;
                } else if (c == '$' && i + 1 < n && arguments.charAt(i + 1) == '{') {
                    // "${X:?set X}" is one word although it holds a blank.
                    int close = arguments.indexOf('}', i);
                    i = close < 0 ? n : close + 1;
                } else {
                    i++;
                }
            }
            i = Math.min(i, n);
            spans.add(new int[] {from, i});
        }
    }

    /** Returns the index of the quote closing the one at {@code open}, or the last index if unclosed. */
    private int closingQuote(int open) {
        char quote = arguments.charAt(open);
        for (int i = open + 1; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == escape && quote == '"') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return arguments.length() - 1;
    }

    /** Returns the arguments between {@code from} and {@code to} as the shell would read them. */
    private String unquote(int from, int to) {
        StringBuilder text = new StringBuilder();
        char quote = 0;
        for (int i = from; i < to; i++) {
            char c = arguments.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    text.append(c);
                }
            } else if (c == escape && i + 1 < to) {
                char next = arguments.charAt(i + 1);
                // Inside double quotes only a quote, a dollar or the escape itself are escaped.
                if (quote == '"' && next != '"' && next != '$' && next != escape) {
                    text.append(c);
                }
                text.append(next);
                i++;
            } else if (c == '"' && quote == '"') {
                quote = 0;
            } else if ((c == '"' || c == '\'') && quote == 0) {
                quote = c;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "DockerfileInstruction[" + keyword + " at line " + line + "]";
    }
}

package dev.hush.core.format.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into instructions the way BuildKit's parser does.
 *
 * <ul>
 *   <li>Parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}) are read only
 *       from the top of the file, before any comment, blank line or instruction.
 *   <li>A line ending with the escape character ({@code \}, or {@code `} after
 *       {@code # escape=`}) continues on the next line; comment lines and blank lines inside a
 *       continuation are dropped, and the escape and line break are removed without adding a blank.
 *   <li>A {@code RUN}, {@code COPY} or {@code ADD} with {@code <<EOF} (or {@code <<-EOF},
 *       {@code <<"EOF"}) is followed by the here-document's body up to a line holding only the
 *       delimiter; the body is kept in {@link DockerfileInstruction#heredocs()} and never read as
 *       instructions.
 * </ul>
 *
 * <p>The parser never throws: an unknown escape character or an unclosed here-document
 * becomes a {@link Dockerfile.Problem} and parsing goes on.
 */
public final class DockerfileParser {
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*");
    private static final Set<String> DIRECTIVES = Set.of("syntax", "escape", "check");
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("RUN", "COPY", "ADD");
    /** {@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}, {@code <<'EOF'}; not bash's {@code <<<} here-string. */
    private static final Pattern HEREDOC =
            Pattern.compile("<<(?!<)(-?)([\"']?)([A-Za-z0-9_][A-Za-z0-9_.-]*)\\2");

    private final String text;
    private final List<int[]> lines = new ArrayList<>();
    private final List<Dockerfile.Problem> problems = new ArrayList<>();
    private char escape = '\\';

    private DockerfileParser(String text) {
        this.text = text;
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        while (start <= text.length()) {
            int newline = text.indexOf('\n', start);
            int next = newline < 0 ? text.length() + 1 : newline + 1;
            int end = newline < 0 ? text.length() : newline;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            lines.add(new int[] {start, end});
            start = next;
        }
    }

    /** Returns the directives, instructions and problems of the Dockerfile {@code text}. */
    public static Dockerfile parse(String text) {
        if (text == null) {
            throw new NullPointerException("text == null");
        }
        return new DockerfileParser(text).read();
    }

    private String line(int index) {
        int[] line = lines.get(index);
        return text.substring(line[0], line[1]);
    }

    private Dockerfile read() {
        Map<String, String> directives = new LinkedHashMap<>();
        List<DockerfileInstruction> instructions = new ArrayList<>();
        int index = readDirectives(directives);
        while (index < lines.size()) {
            String trimmed = line(index).strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                index++;
                continue;
            }
            index = readInstruction(index, instructions);
        }
        return new Dockerfile(escape, directives, instructions, problems);
    }

    private int readDirectives(Map<String, String> directives) {
        int index = 0;
        while (index < lines.size()) {
            Matcher directive = DIRECTIVE.matcher(line(index).strip());
            if (!directive.matches()) {
                return index;
            }
            String name = directive.group(1).toLowerCase(Locale.ROOT);
            // An unknown or repeated directive is a comment, and a comment ends the directives.
            if (!DIRECTIVES.contains(name) || directives.containsKey(name)) {
                return index;
            }
            directives.put(name, directive.group(2));
            if (name.equals("escape")) {
                String value = directive.group(2);
                if (value.equals("`") || value.equals("\\")) {
                    escape = value.charAt(0);
                } else {
                    problems.add(new Dockerfile.Problem(index + 1,
                            "the escape directive must be \\ or `, not " + value + "; \\ is used"));
                }
            }
            index++;
        }
        return index;
    }

    /** Reads the instruction starting at line {@code first}; returns the index of the line after it. */
    private int readInstruction(int first, List<DockerfileInstruction> instructions) {
        StringBuilder logical = new StringBuilder();
        List<Integer> offsets = new ArrayList<>();
        int index = first;
        int last = first;
        while (index < lines.size()) {
            int[] line = lines.get(index);
            last = index;
            index++;
            int end = line[1];
            while (end > line[0] && isBlank(text.charAt(end - 1))) {
                end--;
            }
            boolean continues = end > line[0] && text.charAt(end - 1) == escape;
            int copyEnd = continues ? end - 1 : line[1];
            for (int i = line[0]; i < copyEnd; i++) {
                logical.append(text.charAt(i));
                offsets.add(i);
            }
            if (!continues) {
                break;
            }
            // Comment and blank lines inside a continuation do not end the instruction.
            while (index < lines.size() && isCommentOrBlank(line(index))) {
                index++;
            }
        }
        int[] offsetArray = offsets.stream().mapToInt(Integer::intValue).toArray();
        DockerfileInstruction head = DockerfileInstruction.of(
                logical.toString(), offsetArray, first + 1, lines.get(first)[0], lines.get(last)[1], escape, List.of());
        String keyword = head.keyword();
        if (keyword.equals("ONBUILD")) {
            keyword = head.trigger().map(DockerfileInstruction::keyword).orElse(keyword);
        }
        List<DockerfileInstruction.Heredoc> heredocs = new ArrayList<>();
        if (HEREDOC_KEYWORDS.contains(keyword)) {
            // Like BuildKit, only a whole word opens a here-document: "cat<<EOF" or "echo '<<EOF'" do not.
            for (DockerfileInstruction.Word word : head.words()) {
                Matcher opener = HEREDOC.matcher(text.substring(word.start(), word.end()));
                if (opener.lookingAt()) {
                    index = readHeredoc(opener, first, index, heredocs);
                    last = Math.min(index, lines.size()) - 1;
                }
            }
        }
        instructions.add(DockerfileInstruction.of(logical.toString(), offsetArray, first + 1, lines.get(first)[0],
                lines.get(last)[1], escape, heredocs));
        return index;
    }

    /** Reads one here-document body from line {@code index}; returns the index after its delimiter. */
    private int readHeredoc(Matcher opener, int first, int index, List<DockerfileInstruction.Heredoc> heredocs) {
        boolean stripTabs = !opener.group(1).isEmpty();
        String name = opener.group(3);
        int bodyFirst = index;
        while (index < lines.size()) {
            String line = line(index);
            if ((stripTabs ? line.replaceFirst("^\t+", "") : line).equals(name)) {
                break;
            }
            index++;
        }
        if (index >= lines.size()) {
            problems.add(new Dockerfile.Problem(first + 1, "the here-document <<" + name + " opened on line "
                    + (first + 1) + " has no closing " + name + " line; the rest of the file was read as its body"));
        }
        int bodyStart = bodyFirst < lines.size() ? lines.get(bodyFirst)[0] : text.length();
        int bodyEnd = index > bodyFirst ? lines.get(index - 1)[1] : bodyStart;
        heredocs.add(new DockerfileInstruction.Heredoc(name, stripTabs, opener.group(2).isEmpty(), bodyStart,
                bodyEnd, bodyFirst + 1, text.substring(bodyStart, Math.max(bodyStart, bodyEnd))));
        return Math.min(index + 1, lines.size());
    }

    private static boolean isCommentOrBlank(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#");
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Returns the strings of a JSON array of strings such as {@code ["sh", "-c", "echo"]}, or
     * empty when {@code json} is not one, as BuildKit falls back to the shell form then.
     */
    static Optional<List<String>> jsonStrings(String json) {
        String s = json.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        int i = skipBlanks(s, 1);
        if (s.charAt(i) == ']') {
            return i == s.length() - 1 ? Optional.of(strings) : Optional.empty();
        }
        while (i < s.length() && s.charAt(i) == '"') {
            StringBuilder string = new StringBuilder();
            i++;
            while (i < s.length() && s.charAt(i) != '"') {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char next = s.charAt(++i);
                    switch (next) {
                        case 'n' -> string.append('\n');
                        case 't' -> string.append('\t');
                        case 'r' -> string.append('\r');
                        case 'b' -> string.append('\b');
                        case 'f' -> string.append('\f');
                        case 'u' -> {
                            if (i + 4 >= s.length()) {
                                return Optional.empty();
                            }
                            try {
                                string.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            } catch (NumberFormatException e) {
                                return Optional.empty();
                            }
                            i += 4;
                        }
                        default -> string.append(next);
                    }
                } else {
                    string.append(c);
                }
                i++;
            }
            if (i >= s.length()) {
                return Optional.empty();
            }
            strings.add(string.toString());
            i = skipBlanks(s, i + 1);
            if (i < s.length() && s.charAt(i) == ',') {
                i = skipBlanks(s, i + 1);
            } else if (i == s.length() - 1 && s.charAt(i) == ']') {
                return Optional.of(strings);
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return Math.min(i, s.length() - 1);
    }
}

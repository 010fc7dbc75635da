package dev.hush.core.detect;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a rule's matches can start, from its keywords' hits. For a regex whose every
 * match holds one of the rule's keywords (as literal text of the regex, in any case) at most
 * {@code reach} characters after the match's start, a match can start only in
 * {@code [hit - reach, hit]} of some hit of that keyword. {@link #find} tries the regex there
 * alone and reports what {@code find()} over the whole window would: the same matches, in the
 * same order, where a {@code find()} from the window's line start tried every offset of up to
 * 64 KiB (the JDK's sources say {@code machine} 3,800 times, the netrc rule's keyword).
 *
 * <p>The window is matched through a view of the text that starts and ends with it, so that
 * {@code ^}, look-behinds and {@code \b} see its bounds as a region's opaque, anchoring bounds do,
 * while a try at an inner offset sees the text before it, as {@code find()} does.
 */
final class MatchStarts {
    private static final int UNBOUNDED = Integer.MAX_VALUE;

    /** For each of the rule's keywords (lower case), how far after a match's start it may begin. */
    private final Map<String, Integer> reach;

    private MatchStarts(Map<String, Integer> reach) {
        this.reach = Map.copyOf(reach);
    }

    /**
     * Returns the starts of {@code regex} for {@code keywords}, or null when the regex is not of
     * that shape (a keyword not always there, or at an unbounded distance from the start).
     */
    static MatchStarts of(Pattern regex, List<String> keywords) {
        if ((regex.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.UNICODE_CASE | Pattern.CANON_EQ)) != 0) {
            return null;
        }
        try {
            Parser parser = new Parser(regex.pattern(), keywords);
            Node node = parser.alternation();
            if (parser.i != parser.p.length() || node.required == null) {
                return null;
            }
            return new MatchStarts(node.required);
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Returns how far after a match's start {@code keyword} may begin, or -1 when it does not bound one. */
    int reach(String keyword) {
        Integer value = reach.get(keyword.toLowerCase(Locale.ROOT));
        return value == null ? -1 : value;
    }

    /** Receives a match of {@link #find}: its groups are relative to the window, which begins at {@code offset}. */
    interface Found {
        void match(Matcher matcher, int offset);
    }

    /**
     * Reports the matches of {@code regex} in {@code text[from..to)} that {@code find()} over that
     * region reports, trying it only at the starts that {@code starts} (sorted pairs of a keyword
     * hit's start and its reach, as {@link #reach} gives) allow.
     */
    static void find(Pattern regex, CharSequence text, int from, int to, int[] starts, int count, Found found) {
        find(regex.matcher(""), text, from, to, starts, count, found);
    }

    /** {@link #find(Pattern, CharSequence, int, int, int[], int, Found)} with {@code matcher}, a matcher of the regex, reused. */
    static void find(Matcher matcher, CharSequence text, int from, int to, int[] starts, int count, Found found) {
        if (count == 0) {
            return;
        }
        // The intervals [hit - reach, hit] within the window, sorted by their start and merged. The hits are sorted by
        // their start: a window, one line of a file that has a hit on each, reads its own hits only.
        int first = firstAtOrAfter(starts, count, from);
        int last = first;
        while (last < count && starts[last] < to) {
            last += 2;
        }
        long[] intervals = new long[(last - first) / 2];
        int n = 0;
        for (int h = first; h < last; h += 2) {
            int hit = starts[h];
            int lo = Math.max(from, hit - starts[h + 1]);
            intervals[n++] = (long) lo << 32 | hit;
        }
        if (n == 0) {
            return;
        }
        Arrays.sort(intervals, 0, n);
        matcher.reset(new Window(text, from, to));
        matcher.useTransparentBounds(true).useAnchoringBounds(false);
        int length = to - from;
        int next = 0;
        for (int k = 0; k < n; k++) {
            int lo = (int) (intervals[k] >>> 32) - from;
            int hi = (int) intervals[k] - from;
            for (int s = Math.max(lo, next); s <= hi; s++) {
                matcher.region(s, length);
                if (matcher.lookingAt()) {
                    found.match(matcher, from);
                    // find() goes on after the match, one further when it was empty.
                    next = matcher.end() > s ? matcher.end() : s + 1;
                    s = next - 1;
                }
            }
        }
    }

    /**
     * Returns where one of {@code literals} occurs whole in {@code text[from..to)}, as pairs of a start and a reach of 0
     * for {@link #find}: the starts of a regex whose every match starts with one of them, in this case
     * ({@link ProviderRuleAnalyzer#leadingLiterals}), as {@code find()} would try it at every offset.
     */
    static int[] ofLiterals(CharSequence text, String[] literals, int from, int to) {
        int[] pairs = new int[16];
        int count = 0;
        for (int i = from; i < to; i++) {
            if (literalAt(text, literals, i, to)) {
                if (count == pairs.length) {
                    pairs = Arrays.copyOf(pairs, 2 * count);
                }
                pairs[count] = i;
                count += 2;
            }
        }
        return Arrays.copyOf(pairs, count);
    }

    /** Returns whether one of {@code literals}, in this case, starts at {@code at} of {@code text} and ends by {@code to}. */
    static boolean literalAt(CharSequence text, String[] literals, int at, int to) {
        for (String literal : literals) {
            if (at + literal.length() <= to && text.charAt(at) == literal.charAt(0) && holds(text, literal, at)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(CharSequence text, String literal, int at) {
        for (int j = 1; j < literal.length(); j++) {
            if (text.charAt(at + j) != literal.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Returns the index of the first pair of {@code starts[0..count)} whose start is at least {@code from}, or count. */
    private static int firstAtOrAfter(int[] starts, int count, int from) {
        int lo = 0;
        int hi = count / 2;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[2 * mid] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return 2 * lo;
    }

    /** A view of {@code text[from..to)} that copies nothing. */
    private static final class Window implements CharSequence {
        private final CharSequence text;
        private final int from;
        private final int length;

        Window(CharSequence text, int from, int to) {
            this.text = text;
            this.from = from;
            this.length = to - from;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return text.charAt(from + index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(from + start, from + end).toString();
        }

        @Override
        public String toString() {
            return text.subSequence(from, from + length).toString();
        }
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /**
     * A part of the regex: the least and most characters it matches, and, when every match of it
     * holds one of the keywords, how far after its start each may begin (null otherwise).
     */
    private record Node(int min, int max, Map<String, Integer> required) {
    }

    /** Reads the regex's structure: just enough of java.util.regex's syntax for widths and literal text. */
    private static final class Parser {
        private static final String META = "\\[](){}|?*+.^$";
        private final String p;
        private final List<String> keywords;
        private int i;

        Parser(String pattern, List<String> keywords) {
            this.p = pattern;
            this.keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        }

        Node alternation() {
            Node result = sequence();
            while (i < p.length() && p.charAt(i) == '|') {
                i++;
                Node other = sequence();
                Map<String, Integer> required = null;
                if (result.required != null && other.required != null) {
                    Map<String, Integer> both = new HashMap<>(result.required);
                    other.required.forEach((k, v) -> both.merge(k, v, Math::max));
                    required = both;
                }
                result = new Node(Math.min(result.min, other.min), Math.max(result.max, other.max), required);
            }
            return result;
        }

        private Node sequence() {
            int min = 0;
            int max = 0;
            Map<String, Integer> required = null;
            StringBuilder run = new StringBuilder();
            int runAt = 0;
            while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
                int literal = literalAt();
                if (literal >= 0 && !quantifierAt(i + literalLength())) {
                    if (run.length() == 0) {
                        runAt = max;
                    }
                    i += literalLength();
                    run.append((char) literal);
                    min = add(min, 1);
                    max = add(max, 1);
                    continue;
                }
                if (required == null) {
                    required = required(run, runAt);
                }
                run.setLength(0);
                int before = max;
                Node atom = quantified(atom());
                if (required == null && atom.required != null && before != UNBOUNDED) {
                    required = new HashMap<>();
                    for (Map.Entry<String, Integer> e : atom.required.entrySet()) {
                        required.put(e.getKey(), add(before, e.getValue()));
                    }
                    if (required.containsValue(UNBOUNDED)) {
                        required = null;
                    }
                }
                min = add(min, atom.min);
                max = add(max, atom.max);
            }
            if (required == null) {
                required = required(run, runAt);
            }
            return new Node(min, max, required);
        }

        /** Returns the keywords that literal text {@code run}, at most {@code at} after the start, holds. */
        private Map<String, Integer> required(StringBuilder run, int at) {
            if (run.length() == 0 || at == UNBOUNDED) {
                return null;
            }
            String text = run.toString().toLowerCase(Locale.ROOT);
            String best = null;
            int bestAt = 0;
            for (String keyword : keywords) {
                int j = text.indexOf(keyword);
                if (j >= 0 && (best == null || j < bestAt)) {
                    best = keyword;
                    bestAt = j;
                }
            }
            return best == null ? null : Map.of(best, add(at, bestAt));
        }

        /** Returns the literal char at {@link #i} (an ASCII letter, digit or plain punctuation), or -1. */
        private int literalAt() {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char e = p.charAt(i + 1);
                return e < 128 && !Character.isLetterOrDigit(e) ? e : -1;
            }
            return c < 128 && META.indexOf(c) < 0 ? c : -1;
        }

        private int literalLength() {
            return p.charAt(i) == '\\' ? 2 : 1;
        }

        private boolean quantifierAt(int at) {
            return at < p.length() && "?*+{".indexOf(p.charAt(at)) >= 0;
        }

        private Node atom() {
            char c = p.charAt(i);
            switch (c) {
                case '(' -> {
                    return group();
                }
                case '[' -> {
                    skipClass();
                    return new Node(1, 1, null);
                }
                case '.' -> {
                    i++;
                    return new Node(1, 1, null);
                }
                case '^', '$' -> {
                    i++;
                    return new Node(0, 0, null);
                }
                case '\\' -> {
                    return escape();
                }
                default -> {
                    if (META.indexOf(c) >= 0) {
                        throw new Unsupported();
                    }
                    i++;
                    return new Node(1, 1, null);
                }
            }
        }

        private Node escape() {
            if (i + 1 >= p.length()) {
                throw new Unsupported();
            }
            char e = p.charAt(i + 1);
            i += 2;
            if ("bBAGzZ".indexOf(e) >= 0) {
                return new Node(0, 0, null);
            }
            if ("dDwWsShHvVtnrfae".indexOf(e) >= 0) {
                return new Node(1, 1, null);
            }
            if (e >= '1' && e <= '9') {
                while (i < p.length() && Character.isDigit(p.charAt(i))) {
                    i++;
                }
                return new Node(0, UNBOUNDED, null);
            }
            if (e == 'p' || e == 'P') {
                if (i < p.length() && p.charAt(i) == '{') {
                    int close = p.indexOf('}', i);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    i = close + 1;
                } else {
                    i++;
                }
                return new Node(1, 1, null);
            }
            if (e == 'x' && i < p.length() && p.charAt(i) != '{') {
                i += 2;
                return new Node(1, 1, null);
            }
            if (e == 'u') {
                i += 4;
                return new Node(1, 1, null);
            }
            if (e < 128 && !Character.isLetterOrDigit(e)) {
                return new Node(1, 1, null);
            }
            // \Q..\E, \k<name>, \R, \X, \0, \c and the rest: not read.
            throw new Unsupported();
        }

        private void skipClass() {
            int depth = 0;
            while (i < p.length()) {
                char c = p.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                i++;
                if (c == '[') {
                    depth++;
                    // A ']' right after the opening bracket (or its '^') is a member, not the end.
                    if (i < p.length() && p.charAt(i) == '^') {
                        i++;
                    }
                    if (i < p.length() && p.charAt(i) == ']') {
                        i++;
                    }
                } else if (c == ']' && --depth == 0) {
                    return;
                }
            }
            throw new Unsupported();
        }

        private Node group() {
            i++;
            boolean lookaround = false;
            if (p.startsWith("?", i)) {
                if (p.startsWith("?:", i) || p.startsWith("?>", i)) {
                    i += 2;
                } else if (p.startsWith("?=", i) || p.startsWith("?!", i)) {
                    i += 2;
                    lookaround = true;
                } else if (p.startsWith("?<=", i) || p.startsWith("?<!", i)) {
                    i += 3;
                    lookaround = true;
                } else if (p.startsWith("?<", i)) {
                    int close = p.indexOf('>', i);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    i = close + 1;
                } else {
                    // Inline flags, (?i) or (?i:...): comments and Unicode case are not read.
                    int j = i + 1;
                    while (j < p.length() && (Character.isLetter(p.charAt(j)) || p.charAt(j) == '-')) {
                        if (p.charAt(j) == 'x' || p.charAt(j) == 'u' || p.charAt(j) == 'U') {
                            throw new Unsupported();
                        }
                        j++;
                    }
                    if (j >= p.length()) {
                        throw new Unsupported();
                    }
                    if (p.charAt(j) == ')') {
                        i = j + 1;
                        return new Node(0, 0, null);
                    }
                    if (p.charAt(j) != ':') {
                        throw new Unsupported();
                    }
                    i = j + 1;
                }
            }
            Node inside = alternation();
            if (i >= p.length() || p.charAt(i) != ')') {
                throw new Unsupported();
            }
            i++;
            return lookaround ? new Node(0, 0, null) : inside;
        }

        private Node quantified(Node atom) {
            if (i >= p.length()) {
                return atom;
            }
            char c = p.charAt(i);
            int least;
            int most;
            if (c == '?') {
                least = 0;
                most = 1;
                i++;
            } else if (c == '*') {
                least = 0;
                most = UNBOUNDED;
                i++;
            } else if (c == '+') {
                least = 1;
                most = UNBOUNDED;
                i++;
            } else if (c == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    throw new Unsupported();
                }
                String[] bounds = p.substring(i + 1, close).split(",", -1);
                try {
                    least = Integer.parseInt(bounds[0].strip());
                    most = bounds.length == 1 ? least
                            : bounds[1].isBlank() ? UNBOUNDED : Integer.parseInt(bounds[1].strip());
                } catch (NumberFormatException e) {
                    throw new Unsupported();
                }
                i = close + 1;
            } else {
                return atom;
            }
            if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
                i++;
            }
            return new Node(multiply(atom.min, least), multiply(atom.max, most), least > 0 ? atom.required : null);
        }

        private static int add(int a, int b) {
            return a == UNBOUNDED || b == UNBOUNDED || (long) a + b >= UNBOUNDED ? UNBOUNDED : a + b;
        }

        private static int multiply(int a, int b) {
            if (a == 0 || b == 0) {
                return 0;
            }
            return a == UNBOUNDED || b == UNBOUNDED || (long) a * b >= UNBOUNDED ? UNBOUNDED : a * b;
        }
    }
}

package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import dev.hush.core.rules.PlaceholderPolicy;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import dev.hush.core.rules.Verification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the catalogue's regex rules over any text file. One pass of a {@link KeywordIndex}
 * finds where each rule's keywords occur; a rule's regex then runs only on the line of a hit
 * (or, for a multi-line rule, on the lines from the hit on), at most once per window, and there
 * only where a match can start: where {@link MatchStarts} says so when the regex bounds its
 * keywords, else at its leading literals when it has some, else at every offset.
 * Immutable once built: one instance serves every worker thread (each keeps its own {@code RuleState}).
 */
final class ProviderRuleAnalyzer implements Analyzer {
    /** How far a multi-line rule (a PEM block, a key file) may reach past the line of its keyword. */
    static final int MULTILINE_WINDOW = 64 * 1024;
    /**
     * How far a single-line rule's match may reach on either side of its keyword on a line longer
     * than {@link #LONG_LINE}: such a line (a minified bundle) is searched in windows around its
     * hits, so the time a file takes grows with its size, not with the square of its longest line.
     */
    static final int REACH = 4 * 1024;
    /** The length from which a line is searched in windows rather than whole. */
    static final int LONG_LINE = 16 * REACH;

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\{|\\$\\(|\\{\\{|%\\([\\w.-]+\\)s|^\\$[A-Za-z_]\\w*$|^%[A-Za-z_]\\w*%$|^<[^>]*>$"
                    // A Secret Manager secret's name (cloud.google.com/secret-manager/docs): where the value is kept.
                    + "|^projects/[^/]+/secrets/");
    /**
     * A YAML anchor ({@code &db-credentials}) or alias ({@code *app-env}): a label, not a value.
     * A name with a digit is left to the other checks, as a password may start with * or &.
     */
    private static final Pattern YAML_ANCHOR_OR_ALIAS = Pattern.compile("[&*][A-Za-z][A-Za-z_.-]*");
    private static final Pattern IDENTIFIER_PATH = Pattern.compile("[A-Za-z_$][\\w$]*(?:(?:\\.|::|->)[A-Za-z_$][\\w$]*)*");
    private static final Pattern CALL = Pattern.compile("[\\w$.]+\\(.*");
    /** Lower-case words joined by separators: a name such as {@code user-profile-cache}, not a secret. */
    private static final Pattern WORDS = Pattern.compile("[a-z]+(?:[-_.][a-z]+)+");
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]");

    /** What {@link #literals} holds for a rule whose matches start with no known literal. */
    private static final String[] NO_LITERALS = {};

    private final List<Rule> rules;
    private final KeywordIndex index;
    /** For each keyword number, the numbers of the rules that list it. */
    private final int[][] rulesOfKeyword;
    private final int[] keywordLength;
    /**
     * For each rule, once a keyword of it first occurs: the literals one of which every match holds in
     * this case ({@link #leadingLiterals}), or {@link #NO_LITERALS}. Read on first use, as the regexes
     * compile: reading the catalogue's regexes up front was a sixth of a hook's detector start.
     */
    private final AtomicReferenceArray<String[]> literals;
    /** The number of each word that {@link #mentions} answers for. */
    private final Map<String, Integer> words = new HashMap<>();
    /**
     * For each rule, once its first window is searched: how far after a match's start each
     * keyword (by number) may begin, -1 for a keyword that bounds none; no entry's array when the rule's
     * regex bounds none ({@link MatchStarts}), so its windows are tried at its leading literals, or at every offset.
     */
    private final Map<Integer, int[]> reachOfKeyword = new ConcurrentHashMap<>();
    /** For each list of extra words {@link #startsOf} was asked for, the keyword numbers it holds. */
    private final Map<List<String>, boolean[]> wantedWords = new ConcurrentHashMap<>();
    /** Each thread's {@link RuleState}: the analyzer is shared by the workers. */
    private final ThreadLocal<RuleState> states;

    ProviderRuleAnalyzer(RuleCatalogue catalogue) {
        this(catalogue, List.of());
    }

    /**
     * Creates the analyzer; its keyword search also looks for {@code words}, which run no
     * rule, so that other analyzers learn whether a file mentions them from the same pass.
     */
    ProviderRuleAnalyzer(RuleCatalogue catalogue, List<String> words) {
        Objects.requireNonNull(catalogue, "catalogue == null");
        this.rules = catalogue.regexRules();
        int ruleCount = rules.size();
        this.states = ThreadLocal.withInitial(() -> new RuleState(ruleCount));
        Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String keyword : rules.get(r).keywords()) {
                List<Integer> owners = byKeyword.computeIfAbsent(keyword, k -> new ArrayList<>());
                if (!owners.contains(r)) {
                    owners.add(r);
                }
            }
        }
        for (String word : words) {
            byKeyword.computeIfAbsent(word.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
        }
        List<String> keywords = new ArrayList<>(byKeyword.keySet());
        for (String word : words) {
            this.words.put(word, keywords.indexOf(word.toLowerCase(Locale.ROOT)));
        }
        this.index = new KeywordIndex(keywords);
        this.rulesOfKeyword = new int[keywords.size()][];
        this.keywordLength = new int[keywords.size()];
        for (int k = 0; k < keywords.size(); k++) {
            List<Integer> owners = byKeyword.get(keywords.get(k));
            rulesOfKeyword[k] = new int[owners.size()];
            for (int i = 0; i < owners.size(); i++) {
                rulesOfKeyword[k][i] = owners.get(i);
            }
            keywordLength[k] = keywords.get(k).length();
        }
        this.literals = new AtomicReferenceArray<>(rules.size());
    }

    /** Returns rule {@code r}'s leading literals ({@link #leadingLiterals}), or null when it has none. */
    private String[] literals(int r) {
        String[] known = literals.get(r);
        if (known == null) {
            // The source, not the pattern: the regex compiles only when a window is searched. Threads that
            // meet the rule at once each read the same literals.
            Rule rule = rules.get(r);
            String[] read = rule.regexFlags() == 0 ? leadingLiterals(rule.regexSource().orElseThrow()) : null;
            known = read == null ? NO_LITERALS : read;
            literals.set(r, known);
        }
        return known == NO_LITERALS ? null : known;
    }

    /**
     * Returns the literals one of which every match of {@code regex} starts with, in this case, or
     * null when the regex is not of that shape: word boundaries and groups, none of them optional,
     * then a literal or a group of literal alternatives ({@code \b((?:AKIA|ASIA)[A-Z2-7]{16})}),
     * and no other alternation anywhere. A keyword search ignores case; such a rule's regex need
     * not run where the text holds none of its literals in the case it asks (the JDK's time zones
     * hold {@code Asia} 21,600 times, none of them an AWS key's {@code ASIA}).
     */
    static String[] leadingLiterals(String regex) {
        int i = 0;
        List<Integer> opened = new ArrayList<>();
        while (true) {
            if (regex.startsWith("\\b", i)) {
                i += 2;
            } else if (regex.startsWith("(?:", i)) {
                opened.add(i);
                i += 3;
            } else if (regex.startsWith("(", i) && !regex.startsWith("(?", i)) {
                opened.add(i);
                i++;
            } else {
                break;
            }
        }
        List<String> alternatives = new ArrayList<>();
        int from = i;
        while (i < regex.length() && isLiteral(regex.charAt(i))) {
            i++;
            if (i == regex.length() || regex.charAt(i) != '|') {
                continue;
            }
            if (opened.isEmpty()) {
                return null;
            }
            alternatives.add(regex.substring(from, i));
            from = ++i;
        }
        if (i == from) {
            return null;
        }
        alternatives.add(regex.substring(from, i));
        if (alternatives.size() > 1 && (i == regex.length() || regex.charAt(i) != ')')) {
            // Literal alternatives fill their group: a longer alternative (AKIA[A-Z]|ASIA) is not read.
            return null;
        }
        if (alternatives.size() == 1 && i < regex.length() && isQuantifier(regex.charAt(i))) {
            return null;
        }
        // Quoted text (\Q...\E) is not read: its parentheses and bars are no syntax.
        if (regex.contains("\\Q")) {
            return null;
        }
        boolean[] syntax = syntax(regex);
        if (alternations(regex, syntax) != alternatives.size() - 1 || !mandatory(regex, syntax, opened)) {
            return null;
        }
        return alternatives.toArray(String[]::new);
    }

    private static boolean isLiteral(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static boolean isQuantifier(char c) {
        return c == '?' || c == '*' || c == '+' || c == '{';
    }

    /** Counts the {@code |} that are syntax: outside character classes and escapes. */
    private static int alternations(String regex, boolean[] syntax) {
        int count = 0;
        for (int i = 0; i < regex.length(); i++) {
            if (syntax[i] && regex.charAt(i) == '|') {
                count++;
            }
        }
        return count;
    }

    /** Returns whether none of the groups opened at {@code opened} is followed by a quantifier, and each closes. */
    private static boolean mandatory(String regex, boolean[] syntax, List<Integer> opened) {
        for (int open : opened) {
            int depth = 0;
            int close = -1;
            for (int i = open; i < regex.length() && close < 0; i++) {
                char c = regex.charAt(i);
                if (syntax[i] && c == '(') {
                    depth++;
                } else if (syntax[i] && c == ')' && --depth == 0) {
                    close = i;
                }
            }
            if (close < 0 || close + 1 < regex.length() && isQuantifier(regex.charAt(close + 1))) {
                return false;
            }
        }
        return true;
    }

    /** Marks the chars of {@code regex} outside escapes and character classes. */
    private static boolean[] syntax(String regex) {
        boolean[] syntax = new boolean[regex.length()];
        int classDepth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                classDepth++;
            } else if (c == ']' && classDepth > 0) {
                classDepth--;
            } else {
                syntax[i] = classDepth == 0;
            }
        }
        return syntax;
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        analyze(analysis, find(analysis.file()));
    }

    /**
     * Returns where the keywords (and the extra words) occur in {@code file}, in one pass.
     * Keywords are ASCII: an ASCII file is searched as it was read, and decoded only for a hit.
     */
    KeywordIndex.Occurrences find(SourceFile file) {
        byte[] bytes = file.bytes();
        KeywordIndex.Occurrences found = bytes == null ? null : index.searchAscii(bytes, file.byteLength());
        if (found == null) {
            return index.find(file.text());
        }
        file.knownAscii();
        return found;
    }

    /** Returns whether {@code word}, one of the extra words, occurs (in any case) where {@code found} was searched. */
    boolean mentions(KeywordIndex.Occurrences found, String word) {
        Integer number = words.get(word);
        if (number == null) {
            throw new IllegalArgumentException("not a word the search looks for: " + word);
        }
        return found.contains(number);
    }

    /** Returns where the extra {@code words} start where {@code found} was searched, in increasing order. */
    int[] startsOf(KeywordIndex.Occurrences found, List<String> words) {
        // Each file asks for the same few lists: each list's keyword numbers are worked out once.
        boolean[] wanted = wantedWords.computeIfAbsent(words, list -> {
            boolean[] numbers = new boolean[keywordLength.length];
            for (String word : list) {
                Integer number = this.words.get(word);
                if (number == null) {
                    throw new IllegalArgumentException("not a word the search looks for: " + word);
                }
                numbers[number] = true;
            }
            return numbers;
        });
        int[][] starts = {new int[16]};
        int[] count = {0};
        found.forEach((keyword, end) -> {
            if (wanted[keyword]) {
                if (count[0] == starts[0].length) {
                    starts[0] = Arrays.copyOf(starts[0], count[0] * 2);
                }
                starts[0][count[0]++] = end - keywordLength[keyword];
            }
        });
        int[] result = Arrays.copyOf(starts[0], count[0]);
        Arrays.sort(result);
        return result;
    }

    /** Runs the rules of the keywords that {@link #find} found in the analysed file. */
    void analyze(FileAnalysis analysis, KeywordIndex.Occurrences found) {
        SourceFile file = analysis.file();
        RuleState state = states.get();
        if (state.inUse) {
            state = new RuleState(rules.size()); // a scan within a scan on this thread
        }
        state.inUse = true;
        Scan scan = new Scan(file, found, state);
        try {
            found.forEach(scan::hit);
        } catch (StackOverflowError e) {
            // A pathological line can exhaust java.util.regex's recursion; report it and keep the findings so far.
            analysis.error(0, "a line is too long or too repetitive for the provider rules; findings in it may be missing");
        } finally {
            state.reset();
        }
        for (Candidate candidate : scan.resolved()) {
            analysis.add(candidate.toFinding(file));
        }
    }

    /**
     * A thread's per-rule state of a file's search, reused from file to file: a file's search touches a few rules of
     * the catalogue, and these arrays, one entry per rule, were most of what a scan of the JDK's sources allocated.
     * {@link #reset} clears the entries of the rules that the last file touched.
     */
    private static final class RuleState {
        /** Offset up to which each rule's regex has already run; a hit before it is covered. */
        final int[] scannedUntil;
        /** Whether each rule applies to this file's path: 0 unknown (not touched yet), 1 yes, -1 no. */
        final byte[] applies;
        /** Each rule's matcher over the file's text, and over a window of it ({@link MatchStarts}); kept for the next file. */
        final Matcher[] matchers;
        final Matcher[] windowMatchers;
        /** End of the last match each rule reported: overlapping windows of a long line report a match once. */
        final int[] reportedUntil;
        /** For each rule with {@link MatchStarts}: its keyword hits' starts and reaches, in pairs, sorted. */
        final int[][] starts;
        /** The rules this file touched, whose applies entry is set. */
        private int[] touched = new int[16];
        private int count;
        boolean inUse;

        RuleState(int rules) {
            scannedUntil = new int[rules];
            applies = new byte[rules];
            matchers = new Matcher[rules];
            windowMatchers = new Matcher[rules];
            reportedUntil = new int[rules];
            starts = new int[rules][];
        }

        void touched(int r) {
            if (count == touched.length) {
                touched = Arrays.copyOf(touched, 2 * count);
            }
            touched[count++] = r;
        }

        /** Clears what the last file set, and lets go of its text. */
        void reset() {
            for (int i = 0; i < count; i++) {
                int r = touched[i];
                scannedUntil[r] = 0;
                applies[r] = 0;
                reportedUntil[r] = 0;
                starts[r] = null;
                if (matchers[r] != null) {
                    matchers[r].reset("");
                }
                if (windowMatchers[r] != null) {
                    windowMatchers[r].reset("");
                }
            }
            count = 0;
            inUse = false;
        }
    }

    /** One file's search: which windows each rule has covered, and what it found. */
    private final class Scan {
        private final SourceFile file;
        /** The file's text, or a view of its ASCII bytes that spares a copy of the file. */
        private CharSequence text;
        private final int[] scannedUntil;
        private final byte[] applies;
        private final Matcher[] matchers;
        private final List<Candidate> candidates = new ArrayList<>();
        private final int[] reportedUntil;
        private final KeywordIndex.Occurrences found;
        private final int[][] starts;
        private final RuleState state;

        Scan(SourceFile file, KeywordIndex.Occurrences found, RuleState state) {
            this.file = file;
            this.found = found;
            this.state = state;
            this.scannedUntil = state.scannedUntil;
            this.applies = state.applies;
            this.matchers = state.matchers;
            this.reportedUntil = state.reportedUntil;
            this.starts = state.starts;
        }

        void hit(int keyword, int end) {
            if (text == null) {
                text = file.chars();
            }
            int start = end - keywordLength[keyword];
            for (int r : rulesOfKeyword[keyword]) {
                if (start < scannedUntil[r] || !applies(r)) {
                    continue;
                }
                Rule rule = rules.get(r);
                if (rule.anchored()) {
                    // Hits inside the same word (secret_token_key) share one anchor.
                    int wordStart = wordStart(start);
                    int wordEnd = wordEnd(end);
                    scannedUntil[r] = wordEnd;
                    // An assignment rule's key is the word itself: test it before paying for the regex.
                    if (rule.secretKeyRequired()
                            && (!assignmentFollows(wordEnd) || !SecretKeys.isSecret(text.subSequence(wordStart, wordEnd).toString()))) {
                        continue;
                    }
                    Matcher matcher = matcher(r, wordStart, lineEnd(wordEnd));
                    if (matcher.lookingAt()) {
                        report(rule, matcher, 0);
                    }
                    continue;
                }
                int windowStart = lineStart(start);
                int windowEnd = rule.multiline()
                        ? lineEnd(Math.min(text.length(), windowStart + MULTILINE_WINDOW))
                        : lineEnd(end);
                if (!rule.multiline() && windowEnd - windowStart > LONG_LINE) {
                    // A window covers every match around a keyword that ends before its last REACH characters.
                    windowStart = Math.max(windowStart, start - REACH);
                    int capped = Math.min(windowEnd, end + 4 * REACH);
                    scannedUntil[r] = capped < windowEnd ? capped - REACH : windowEnd + 1;
                    windowEnd = capped;
                } else {
                    scannedUntil[r] = windowEnd + 1;
                }
                if (!holdsLiteral(r, start, windowStart, windowEnd)) {
                    continue;
                }
                // The regex is tried only where a match can start: near a hit of a keyword it bounds, else at one of its
                // leading literals; a regex of neither shape runs over the whole window.
                int[] reach = reachOfKeyword(r);
                String[] leading = reach == null ? literals(r) : null;
                if (reach != null) {
                    int[] pairs = starts(r, reach);
                    tryAt(r, windowStart, windowEnd, pairs, pairs.length);
                } else if (leading != null) {
                    int[] pairs = MatchStarts.ofLiterals(text, leading, windowStart, windowEnd);
                    tryAt(r, windowStart, windowEnd, pairs, pairs.length);
                } else {
                    run(r, windowStart, windowEnd);
                }
            }
        }

        /** Reports the matches of rule {@code r} in {@code text[from..to)} that start where {@code pairs} allow ({@link MatchStarts}). */
        private void tryAt(int r, int from, int to, int[] pairs, int count) {
            Rule rule = rules.get(r);
            Matcher windows = state.windowMatchers[r];
            if (windows == null) {
                windows = rule.regex().orElseThrow().matcher("");
                state.windowMatchers[r] = windows;
            }
            MatchStarts.find(windows, text, from, to, pairs, count, (matcher, offset) -> {
                if (matcher.start() + offset >= reportedUntil[r]) {
                    reportedUntil[r] = matcher.end() + offset;
                    report(rule, matcher, offset);
                }
            });
        }

        /**
         * Returns whether {@code text[from..to)} can hold a match of rule {@code r}: one of its leading
         * literals, in its case, at the hit's {@code start} (most often) or anywhere else there. A window
         * without one is not searched; it is counted as covered all the same, as a search finding nothing.
         */
        private boolean holdsLiteral(int r, int start, int from, int to) {
            String[] wanted = literals(r);
            if (wanted == null || MatchStarts.literalAt(text, wanted, start, to)) {
                return true;
            }
            for (int i = from; i < to; i++) {
                if (MatchStarts.literalAt(text, wanted, i, to)) {
                    return true;
                }
            }
            return false;
        }


        /** Returns rule {@code r}'s keyword hits in this file as sorted pairs of start and reach ({@link MatchStarts}). */
        private int[] starts(int r, int[] reach) {
            if (starts[r] == null) {
                long[][] hits = {new long[16]};
                int[] count = {0};
                found.forEach((keyword, end) -> {
                    if (reach[keyword] >= 0) {
                        if (count[0] == hits[0].length) {
                            hits[0] = Arrays.copyOf(hits[0], count[0] * 2);
                        }
                        hits[0][count[0]++] = (long) (end - keywordLength[keyword]) << 32 | reach[keyword];
                    }
                });
                Arrays.sort(hits[0], 0, count[0]);
                int[] pairs = new int[2 * count[0]];
                for (int h = 0; h < count[0]; h++) {
                    pairs[2 * h] = (int) (hits[0][h] >>> 32);
                    pairs[2 * h + 1] = (int) hits[0][h];
                }
                starts[r] = pairs;
            }
            return starts[r];
        }

        private boolean applies(int r) {
            if (applies[r] == 0) {
                applies[r] = (byte) (rules.get(r).appliesTo(file.path()) ? 1 : -1);
                state.touched(r);
                if (matchers[r] != null) {
                    matchers[r].reset(text);
                }
            }
            return applies[r] > 0;
        }

        private int wordStart(int offset) {
            int i = offset;
            while (i > 0 && isWordChar(text.charAt(i - 1))) {
                i--;
            }
            return i;
        }

        private int wordEnd(int offset) {
            int i = offset;
            while (i < text.length() && isWordChar(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private static boolean isWordChar(char c) {
            return c < 128 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
                    : Character.isLetterOrDigit(c);
        }

        /** Returns the offset just after the last line feed before {@code offset}, or 0; hits come in order. */
        private int lineStart(int offset) {
            return file.lineStartAround(Math.min(offset, text.length()));
        }

        /** Returns the offset of the first line feed at or after {@code offset}, or the text's length. */
        private int lineEnd(int offset) {
            return file.lineEndAround(Math.max(offset, 0));
        }

        /** Returns rule {@code r}'s matcher over this file, reused from hit to hit, set to the region. */
        private Matcher matcher(int r, int from, int to) {
            Matcher matcher = matchers[r];
            if (matcher == null) {
                matcher = rules.get(r).regex().orElseThrow().matcher(text);
                matchers[r] = matcher;
            }
            return matcher.region(from, to);
        }

        /** Returns whether an assignment operator follows {@code offset}, after an optional quote and blanks. */
        private boolean assignmentFollows(int offset) {
            int i = offset;
            if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                i++;
            }
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= text.length()) {
                return false;
            }
            char c = text.charAt(i);
            return c == '=' || c == ':' || c == '?' && i + 1 < text.length() && text.charAt(i + 1) == '=';
        }

        private void run(int r, int from, int to) {
            Rule rule = rules.get(r);
            Matcher matcher = matcher(r, from, to);
            while (matcher.find()) {
                if (matcher.start() >= reportedUntil[r]) {
                    reportedUntil[r] = matcher.end();
                    report(rule, matcher, 0);
                }
            }
        }

        /** Reports a match of {@code rule}, whose offsets are relative to {@code offset} in the file's text. */
        private void report(Rule rule, Matcher matcher, int offset) {
            int group = rule.secretGroup();
            if (matcher.start(group) < 0 || matcher.end(group) == matcher.start(group)) {
                return;
            }
            int start = matcher.start(group) + offset;
            String secret = matcher.group(group);
            String key = rule.keyGroup() > 0 ? matcher.group(rule.keyGroup()) : null;
            Severity severity = judge(rule, secret, key, start);
            if (severity == null) {
                return;
            }
            String note = null;
            Verification check = rule.verification();
            if (check == Verification.JWT || check == Verification.BASE64_JWT) {
                Optional<JwtCheck.Verdict> verdict = JwtCheck.check(secret, check.base64(), severity,
                        java.time.Instant.now());
                if (verdict.isEmpty()) {
                    return;
                }
                severity = severity == Severity.LOW ? severity : verdict.get().severity();
                note = verdict.get().note();
            }
            if (check == Verification.PRIVATE_KEY || check == Verification.BASE64_PRIVATE_KEY) {
                String block = check.base64() ? decodeBase64(secret) : secret;
                if (block == null || !block.contains("PRIVATE KEY-----")) {
                    return;
                }
                Optional<PrivateKeyCheck.Verdict> verdict = PrivateKeyCheck.check(block);
                if (verdict.isEmpty()) {
                    return;
                }
                severity = lessSevere(severity, verdict.get().severity());
                note = verdict.get().note();
            }
            candidates.add(new Candidate(rule, start, matcher.end(group) + offset, secret, key, severity, note));
        }

        /** Returns the severity to report {@code secret} with, or null when it must not be reported. */
        private Severity judge(Rule rule, String secret, String key, int start) {
            for (Pattern allowed : rule.allow()) {
                if (allowed.matcher(secret).find()) {
                    return null;
                }
            }
            if (!rule.stopwords().isEmpty()) {
                String lower = secret.toLowerCase(Locale.ROOT);
                for (String stopword : rule.stopwords()) {
                    if (lower.contains(stopword)) {
                        return null;
                    }
                }
            }
            if (REFERENCE.matcher(secret).find() || Placeholders.isNotASecret(secret)
                    || Placeholders.isDocumentedExample(secret)) {
                return null;
            }
            if (YAML_ANCHOR_OR_ALIAS.matcher(secret).matches()) {
                return null;
            }
            if (rule.secretKeyRequired() && (key == null || !SecretKeys.isSecret(key) || looksLikeCode(secret, start)
                    // A value that spells its own name (#define SN_auth_gost01 "AuthGOST01") names something, not a secret.
                    || AssignedValues.sameWords(key, secret))) {
                return null;
            }
            String body = issuerBody(rule, secret);
            if (body != null && Placeholders.isTemplate(body)) {
                // The issuer's prefix before x's (glpat-xxxx): how documentation writes the shape of a token.
                return null;
            }
            if (Placeholders.isPlaceholder(secret)) {
                // A weak stand-in (secret, changeme) may be the value a service runs with; one that says what to fill in
                // (YOUR_PASSWORD, REPLACE_WITH_TOKEN, <token>) is not a value at all.
                return rule.placeholders() == PlaceholderPolicy.SKIP || Placeholders.isTemplate(secret) ? null : Severity.LOW;
            }
            if (AssignedValues.isBasicOfStandIn(secret)) {
                // Basic credentials of stand-in words (test:test, username:password, admin:admin): a test's or a guide's
                // request there, and elsewhere the weak login a server takes, reported low.
                return SecretAssignmentAnalyzer.isExample(file.path()) ? null : Severity.LOW;
            }
            if (SecretAssignmentAnalyzer.isTest(file.path()) && AssignedValues.isMadeUp(secret)) {
                // A test's made-up password: p4ssw0rd in a proxy URL, wrongpass given to a client, xuser:xpassword.
                return null;
            }
            if (rule.entropy().isPresent() && Entropy.shannon(secret) < rule.entropy().getAsDouble()) {
                // A token that names its issuer by its prefix (sk_live_, tskey-) around another stand-in body (AAAA)
                // is the inline habit with a placeholder: reported low, as a placeholder is. Any other low-entropy
                // match is a word or a run of digits the regex happened to fit.
                return rule.placeholders() == PlaceholderPolicy.LOW && body != null ? Severity.LOW : null;
            }
            return rule.severity();
        }

        /**
         * Returns what follows the issuer's prefix that {@code secret} starts with, without separators: one of
         * {@code rule}'s keywords ending in a separator ({@code sk_live_}, {@code tskey-}); null without one.
         */
        private static String issuerBody(Rule rule, String secret) {
            String lower = secret.toLowerCase(Locale.ROOT);
            for (String keyword : rule.keywords()) {
                char last = keyword.charAt(keyword.length() - 1);
                if ((last == '_' || last == '-') && keyword.length() >= 3 && lower.startsWith(keyword)) {
                    return SEPARATORS.matcher(secret.substring(keyword.length())).replaceAll("");
                }
            }
            return null;
        }

        /** Returns whether an unquoted value is an expression rather than a literal: a call, a field, a variable. */
        private boolean looksLikeCode(String secret, int start) {
            if (WORDS.matcher(secret).matches()) {
                return true;
            }
            char before = start > 0 ? text.charAt(start - 1) : ' ';
            boolean quoted = before == '"' || before == '\'' || before == '`';
            if (quoted) {
                return false;
            }
            return CALL.matcher(secret).matches()
                    || IDENTIFIER_PATH.matcher(secret).matches() && secret.chars().noneMatch(Character::isDigit);
        }

        /** Returns the candidates, without fallback findings that a specific rule reports over. */
        List<Candidate> resolved() {
            List<Candidate> specific = new ArrayList<>();
            for (Candidate candidate : candidates) {
                if (!candidate.rule.fallback()) {
                    specific.add(candidate);
                }
            }
            if (specific.size() == candidates.size()) {
                return candidates;
            }
            List<Candidate> kept = new ArrayList<>(specific);
            Map<String, Candidate> seen = new HashMap<>();
            List<Candidate> byCatalogue = new ArrayList<>(candidates);
            // Two fallback rules on one value (a JWT in an Authorization header): the first in the catalogue speaks,
            // whichever keyword came first in the file.
            byCatalogue.sort((a, b) -> Integer.compare(rules.indexOf(a.rule), rules.indexOf(b.rule)));
            for (Candidate candidate : byCatalogue) {
                if (!candidate.rule.fallback()) {
                    continue;
                }
                boolean covered = false;
                for (Candidate other : specific) {
                    if (other.start < candidate.end && candidate.start < other.end) {
                        covered = true;
                        break;
                    }
                }
                // Two fallback rules on the same value: the first in catalogue order speaks.
                if (!covered && seen.putIfAbsent(candidate.start + ":" + candidate.end, candidate) == null) {
                    kept.add(candidate);
                }
            }
            kept.sort((a, b) -> Integer.compare(a.start, b.start));
            return kept;
        }
    }

    /**
     * Returns how far after a match's start of rule {@code r} each keyword (by number) may
     * begin, -1 where it bounds none; null when the rule's regex is not of that shape ({@link MatchStarts}).
     */
    private int[] reachOfKeyword(int r) {
        int[] reach = reachOfKeyword.computeIfAbsent(r, key -> {
            Rule rule = rules.get(r);
            MatchStarts starts = MatchStarts.of(rule.regex().orElseThrow(), rule.keywords());
            if (starts == null) {
                return new int[0];
            }
            int[] byNumber = new int[keywordLength.length];
            Arrays.fill(byNumber, -1);
            List<String> keywords = index.keywords();
            for (String keyword : rule.keywords()) {
                int number = keywords.indexOf(keyword);
                if (number >= 0) {
                    byNumber[number] = starts.reach(keyword);
                }
            }
            return byNumber;
        });
        return reach.length == 0 ? null : reach;
    }

    /** Returns {@code value} decoded from base64 as text, or null when it is not base64. */
    private static String decodeBase64(String value) {
        try {
            return new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Severity lessSevere(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Returns whether {@code token}'s first part decodes to a JSON header naming an {@code alg}. */
    static boolean isJwt(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot).replaceAll("=+$", "")),
                    StandardCharsets.UTF_8).strip();
            return header.startsWith("{") && header.endsWith("}") && header.contains("\"alg\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A match that passed the rule's checks, before fallback rules are resolved. */
    private record Candidate(Rule rule, int start, int end, String secret, String key, Severity severity, String note) {
        Finding toFinding(SourceFile file) {
            StringBuilder message = new StringBuilder(rule.description());
            if (key != null) {
                message.append(" assigned to ").append(key.replaceAll("^[\"']|[\"']$", ""));
            }
            if (note != null) {
                message.append(": ").append(note);
            }
            if (severity == Severity.LOW && note == null) {
                message.append(" (the value looks like a placeholder; keep real values out of the file)");
            }
            Finding.Builder finding = Finding.builder(rule.id(), rule.card(), FindingLocation.of(file, start))
                    .severity(severity)
                    .secret(secret)
                    .message(message.append('.').toString())
                    .fix(rule.fix());
            if (key != null) {
                finding.key(key.replaceAll("^[\"']|[\"']$", ""));
            }
            return finding.build();
        }
    }
}

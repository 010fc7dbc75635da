package dev.hush.core.rules;

import dev.hush.core.model.Card;
import dev.hush.core.model.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Describes one detection rule of the catalogue. A regex rule ({@link #regex()} present) is
 * run by the provider-rule analyzer wherever one of its {@link #keywords()} occurs; a
 * structured rule ({@link #analyzer()} present) is emitted by a format-aware analyzer and is
 * listed here for its documentation, fix and rotation hint. Immutable and thread-safe.
 */
public final class Rule {
    private final String id;
    private final String description;
    private final Card card;
    private final Severity severity;
    private final Optional<String> analyzer;
    /** The regex, compiled on first use: a scan compiles only the rules whose keywords occur. */
    private final LazyPattern regex;
    private final int secretGroup;
    private final int keyGroup;
    private final List<String> keywords;
    private final OptionalDouble entropy;
    private final List<String> paths;
    private volatile List<Pattern> pathPatterns;
    private final List<LazyPattern> allow;
    private volatile List<Pattern> allowPatterns;
    private final List<String> stopwords;
    private final boolean multiline;
    private final boolean anchored;
    private final PlaceholderPolicy placeholders;
    private final boolean fallback;
    private final boolean secretKeyRequired;
    private final Verification verification;
    private final String fix;
    private final Optional<RotationHint> rotation;
    private final Samples samples;
    private final String origin;

    private Rule(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id == null");
        this.description = Objects.requireNonNull(b.description, "description == null");
        this.card = Objects.requireNonNull(b.card, "card == null");
        this.severity = Objects.requireNonNull(b.severity, "severity == null");
        this.analyzer = Optional.ofNullable(b.analyzer);
        this.regex = b.regex;
        this.secretGroup = b.secretGroup;
        this.keyGroup = b.keyGroup;
        this.keywords = List.copyOf(b.keywords);
        this.entropy = b.entropy;
        this.paths = List.copyOf(b.paths);
        this.allow = List.copyOf(b.allow);
        this.stopwords = List.copyOf(b.stopwords);
        this.multiline = b.multiline;
        this.anchored = b.anchored;
        this.placeholders = Objects.requireNonNull(b.placeholders, "placeholders == null");
        this.fallback = b.fallback;
        this.secretKeyRequired = b.secretKeyRequired;
        this.verification = b.verification;
        this.fix = Objects.requireNonNull(b.fix, "fix == null");
        this.rotation = Optional.ofNullable(b.rotation);
        this.samples = Objects.requireNonNull(b.samples, "samples == null");
        this.origin = Objects.requireNonNull(b.origin, "origin == null");
    }

    static Builder builder(String id, String origin) {
        return new Builder(id, origin);
    }

    /** Returns the rule id in kebab-case, e.g. {@code github-pat}. */
    public String id() {
        return id;
    }

    /** Returns what the rule finds, as a noun phrase naming the provider, e.g. {@code GitHub personal access token}. */
    public String description() {
        return description;
    }

    /** Returns the danger card the rule's findings belong to. */
    public Card card() {
        return card;
    }

    /** Returns the severity of a finding whose value is not a placeholder. */
    public Severity severity() {
        return severity;
    }

    /** Returns the structured analyzer that emits this rule ({@code compose}, {@code dockerfile}, ...), if any. */
    public Optional<String> analyzer() {
        return analyzer;
    }

    /** Returns the compiled regex of a regex rule, compiling it on the first call; empty for a structured rule. */
    public Optional<Pattern> regex() {
        return regex == null ? Optional.empty() : Optional.of(regex.get());
    }

    /**
     * Returns the source of the regex, without compiling it; empty for a structured rule. Building
     * an analyzer reads this, so that only the rules a scan runs are ever compiled.
     */
    public Optional<String> regexSource() {
        return regex == null ? Optional.empty() : Optional.of(regex.source());
    }

    /**
     * Returns the regex's {@link Pattern#flags()} (those set inline at its top level, such as
     * {@code (?i)}), without compiling it; 0 for a structured rule.
     */
    public int regexFlags() {
        return regex == null ? 0 : regex.flags();
    }

    /** Returns whether the regex has been compiled already: the tests check what a start compiles. */
    boolean regexCompiled() {
        return regex != null && regex.compiled();
    }

    /** Returns whether the rule carries a regex, which the provider-rule analyzer runs. */
    boolean hasRegex() {
        return regex != null;
    }

    /** Returns the regex group that holds the secret (0 for the whole match). */
    public int secretGroup() {
        return secretGroup;
    }

    /** Returns the regex group that holds the key the secret is assigned to, or 0 when there is none. */
    public int keyGroup() {
        return keyGroup;
    }

    /** Returns the lower-case literals of which at least one must occur for the regex to run. */
    public List<String> keywords() {
        return keywords;
    }

    /** Returns the minimum Shannon entropy, in bits per character, of a reported secret. */
    public OptionalDouble entropy() {
        return entropy;
    }

    /** Returns the path globs the rule is limited to; empty for every file. */
    public List<String> paths() {
        return paths;
    }

    /** Returns the patterns that let a matched secret go unreported. */
    public List<Pattern> allow() {
        List<Pattern> patterns = allowPatterns;
        if (patterns == null) {
            patterns = allow.stream().map(LazyPattern::get).toList();
            allowPatterns = patterns;
        }
        return patterns;
    }

    /** Returns the sources of {@link #allow()}, without compiling them. */
    List<String> allowSources() {
        return allow.stream().map(LazyPattern::source).toList();
    }

    /** Returns the lower-case words that make a matched secret unreported when it contains one. */
    public List<String> stopwords() {
        return stopwords;
    }

    /** Returns whether the regex spans several lines (a PEM block, a JSON key file). */
    public boolean multiline() {
        return multiline;
    }

    /**
     * Returns whether the regex is matched only from the start of the word ({@code [\w.-]+})
     * that holds each keyword hit, instead of anywhere on the line: for rules whose match
     * begins with the keyword's word, such as a secret-like name and its assignment.
     */
    public boolean anchored() {
        return anchored;
    }

    /** Returns what the rule does with a placeholder value. */
    public PlaceholderPolicy placeholders() {
        return placeholders;
    }

    /** Returns whether the rule stays silent where a more specific rule reports an overlapping secret. */
    public boolean fallback() {
        return fallback;
    }

    /** Returns whether the captured key must be a secret-like name ({@code DB_PASSWORD}, not {@code DB_USER}). */
    public boolean secretKeyRequired() {
        return secretKeyRequired;
    }

    /** Returns the check that a match must also pass to be reported; {@link Verification#NONE} for most rules. */
    public Verification verification() {
        return verification;
    }

    /** Returns the one-line fix for a finding of this rule. */
    public String fix() {
        return fix;
    }

    /** Returns who issued the secret and where to revoke it; every built-in rule has one. */
    public Optional<RotationHint> rotation() {
        return rotation;
    }

    /** Returns the samples the rule must and must not report. */
    public Samples samples() {
        return samples;
    }

    /** Returns where the rule was defined, as {@code file:line}. */
    public String origin() {
        return origin;
    }

    /** Returns whether the rule applies to {@code path}, relative to the scanned root with {@code /} separators. */
    public boolean appliesTo(String path) {
        if (paths.isEmpty()) {
            return true;
        }
        List<Pattern> patterns = pathPatterns;
        if (patterns == null) {
            patterns = paths.stream().map(Globs::toPattern).toList();
            pathPatterns = patterns;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Rule[" + id + ", " + origin + "]";
    }

    /**
     * A regex kept as its source until first use. A pattern is immutable, so two threads that
     * race to compile it each get an equal one, and either may be kept. The source holds all its
     * flags (a catalogue writes them inline, {@code (?i)}), so it is compiled without any.
     */
    static final class LazyPattern {
        /** {@link #flags} of a source whose flags are known only by compiling it. */
        private static final int UNKNOWN = -1;
        private final String source;
        private final int flags;
        private volatile Pattern pattern;

        private LazyPattern(String source, int flags, Pattern pattern) {
            this.source = Objects.requireNonNull(source, "source == null");
            this.flags = flags;
            this.pattern = pattern;
        }

        /** Returns a pattern already compiled, as a parser that checks the regex has it. */
        static LazyPattern of(Pattern pattern) {
            return new LazyPattern(pattern.pattern(), pattern.flags(), pattern);
        }

        /** Returns a pattern to compile on first use, from a source known to compile. */
        static LazyPattern ofSource(String source) {
            return new LazyPattern(source, UNKNOWN, null);
        }

        /** Returns a pattern to compile on first use, from a source known to compile to a pattern with {@code flags}. */
        static LazyPattern ofSource(String source, int flags) {
            return new LazyPattern(source, flags, null);
        }

        String source() {
            return source;
        }

        int flags() {
            return flags == UNKNOWN ? get().flags() : flags;
        }

        boolean compiled() {
            return pattern != null;
        }

        Pattern get() {
            Pattern compiled = pattern;
            if (compiled == null) {
                compiled = Pattern.compile(source);
                pattern = compiled;
            }
            return compiled;
        }
    }

    static final class Builder {
        private final String id;
        private final String origin;
        private String description;
        private Card card = Card.INLINE_SECRET;
        private Severity severity = Severity.HIGH;
        private String analyzer;
        private LazyPattern regex;
        private int secretGroup;
        private int keyGroup;
        private List<String> keywords = List.of();
        private OptionalDouble entropy = OptionalDouble.empty();
        private List<String> paths = List.of();
        private List<LazyPattern> allow = List.of();
        private List<String> stopwords = List.of();
        private boolean multiline;
        private boolean anchored;
        private PlaceholderPolicy placeholders = PlaceholderPolicy.LOW;
        private boolean fallback;
        private boolean secretKeyRequired;
        private Verification verification = Verification.NONE;
        private String fix;
        private RotationHint rotation;
        private Samples samples = new Samples(Optional.empty(), List.of(), List.of());

        private Builder(String id, String origin) {
            this.id = id;
            this.origin = origin;
        }

        Builder description(String value) {
            description = value;
            return this;
        }

        Builder card(Card value) {
            card = value;
            return this;
        }

        Builder severity(Severity value) {
            severity = value;
            return this;
        }

        Builder analyzer(String value) {
            analyzer = value;
            return this;
        }

        Builder regex(LazyPattern value, int secret, int key) {
            regex = value;
            secretGroup = secret;
            keyGroup = key;
            return this;
        }

        Builder keywords(List<String> value) {
            keywords = value;
            return this;
        }

        Builder entropy(OptionalDouble value) {
            entropy = value;
            return this;
        }

        Builder paths(List<String> value) {
            paths = value;
            return this;
        }

        Builder allow(List<LazyPattern> value) {
            allow = value;
            return this;
        }

        Builder stopwords(List<String> value) {
            stopwords = value;
            return this;
        }

        Builder multiline(boolean value) {
            multiline = value;
            return this;
        }

        Builder anchored(boolean value) {
            anchored = value;
            return this;
        }

        Builder placeholders(PlaceholderPolicy value) {
            placeholders = value;
            return this;
        }

        Builder fallback(boolean value) {
            fallback = value;
            return this;
        }

        Builder secretKeyRequired(boolean value) {
            secretKeyRequired = value;
            return this;
        }

        Builder verification(Verification value) {
            verification = value;
            return this;
        }

        Builder fix(String value) {
            fix = value;
            return this;
        }

        Builder rotation(RotationHint value) {
            rotation = value;
            return this;
        }

        Builder samples(Samples value) {
            samples = value;
            return this;
        }

        Rule build() {
            return new Rule(this);
        }
    }
}

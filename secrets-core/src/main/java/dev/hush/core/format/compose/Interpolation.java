package dev.hush.core.format.compose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parses the Compose specification's variable interpolation: {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}},
 * {@code ${VAR:+alternative}}, {@code ${VAR+alternative}}, nested references inside the
 * argument, and {@code $$} for a literal {@code $}. Offsets index the string that was parsed,
 * so a caller can map a part back to the file.
 *
 * <p>A {@code $} that starts none of these forms is kept as literal text: Compose refuses such
 * a value, but a scanner must still see what is written there.
 */
public final class Interpolation {
    /** The character that stands for a reference in {@link Expansion#text()}: never in YAML text. */
    static final char GAP = '\0';

    private final String value;
    private int position;
    /** The offset of the first {@code $&#123;} that starts no valid reference, or -1. */
    private int malformedAt = -1;

    private Interpolation(String value) {
        this.value = value;
    }

    /** Returns the literal and reference parts of {@code value}, in order. */
    public static List<Part> parse(String value) {
        Objects.requireNonNull(value, "value == null");
        Interpolation parser = new Interpolation(value);
        return parser.parts(false);
    }

    /** Returns whether {@code value} holds at least one variable reference. */
    public static boolean hasReferences(String value) {
        return parse(value).stream().anyMatch(Reference.class::isInstance);
    }

    /**
     * Returns {@code value} as Compose would expand it with every variable unset: literal
     * defaults ({@code :-}, {@code -}) are used, every other reference is a {@link #GAP}.
     */
    public static Expansion unset(String value) {
        ExpansionBuilder builder = new ExpansionBuilder(value);
        builder.expand(parse(value), false);
        return builder.build();
    }

    /**
     * Returns {@code value} expanded as Compose v2 expands it (compose-go's {@code template}
     * package, which also reads {@code .env} and {@code env_file} values), each variable looked
     * up with {@code lookup} (empty: unset): {@code ${VAR:-d}} gives d when VAR is unset or empty,
     * {@code ${VAR-d}} when it is unset, {@code ${VAR:+a}} gives a when VAR is set and not empty
     * and else nothing, {@code ${VAR+a}} when it is set, {@code ${VAR:?e}} and {@code ${VAR?e}}
     * are errors when VAR is unset (or empty), an unset variable without a default gives nothing,
     * {@code $$} gives {@code $}, and a {@code $&#123;} that starts no valid reference is an error,
     * as Compose refuses such a value. Like compose-go, the argument of a reference is expanded
     * whether or not it is used, so its variables are looked up and its errors count.
     */
    public static Resolution resolve(String value, Function<String, Optional<String>> lookup) {
        Objects.requireNonNull(lookup, "lookup == null");
        Interpolation parser = new Interpolation(Objects.requireNonNull(value, "value == null"));
        List<Part> parts = parser.parts(false);
        List<String> variables = new ArrayList<>();
        if (parser.malformedAt >= 0) {
            return new Resolution(Optional.empty(), Optional.of("the ${ at character " + (parser.malformedAt + 1)
                    + " starts no valid reference (a name, then } or one of :- - :? ? :+ +)"), variables);
        }
        StringBuilder out = new StringBuilder();
        Optional<String> error = expand(parts, lookup, variables, out);
        return error.isPresent() ? new Resolution(Optional.empty(), error, variables)
                : new Resolution(Optional.of(out.toString()), Optional.empty(), variables);
    }

    private static Optional<String> expand(List<Part> parts, Function<String, Optional<String>> lookup,
            List<String> variables, StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
                continue;
            }
            Reference reference = (Reference) part;
            StringBuilder argument = new StringBuilder();
            Optional<String> error = expand(reference.argument(), lookup, variables, argument);
            if (error.isPresent()) {
                return error;
            }
            variables.add(reference.variable());
            Optional<String> set = lookup.apply(reference.variable());
            boolean nonEmpty = set.isPresent() && !set.get().isEmpty();
            switch (reference.operator()) {
                case NONE -> out.append(set.orElse(""));
                case DEFAULT_IF_UNSET_OR_EMPTY -> out.append(nonEmpty ? set.get() : argument);
                case DEFAULT_IF_UNSET -> out.append(set.isPresent() ? set.get() : argument);
                case ALTERNATIVE_IF_SET_AND_NOT_EMPTY -> out.append(nonEmpty ? argument : "");
                case ALTERNATIVE_IF_SET -> out.append(set.isPresent() ? argument : "");
                case ERROR_IF_UNSET_OR_EMPTY, ERROR_IF_UNSET -> {
                    if (reference.operator() == Operator.ERROR_IF_UNSET ? set.isEmpty() : !nonEmpty) {
                        return Optional.of("the required variable " + reference.variable() + " is "
                                + (set.isPresent() ? "empty" : "not set"));
                    }
                    out.append(set.get());
                }
                default -> throw new IllegalStateException("operator " + reference.operator());
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the literal that {@code value} writes into its file: empty when it is only
     * references ({@code $A}, {@code ${A}}, {@code ${A:?required}}) and text without a letter or
     * digit between them, the literal of the argument of a lone {@code ${A:-word}},
     * {@code ${A-word}} or {@code ${A:+word}} (which put word into the result), else the value as
     * written, since text around a reference is literal. Used for dotenv values and Dockerfile
     * {@code ENV}/{@code ARG} outside single quotes as well as compose values.
     */
    public static Optional<String> writtenLiteral(String value) {
        String trimmed = value.trim();
        List<Part> parts = parse(trimmed);
        if (parts.size() == 1 && parts.get(0) instanceof Reference whole) {
            if (whole.operator() == Operator.NONE || whole.operator() == Operator.ERROR_IF_UNSET
                    || whole.operator() == Operator.ERROR_IF_UNSET_OR_EMPTY) {
                return Optional.empty();
            }
            return writtenLiteral(trimmed.substring(whole.argumentStart(), whole.end() - 1));
        }
        boolean text = parts.stream().anyMatch(part -> part instanceof Literal literal
                && literal.text().codePoints().anyMatch(Character::isLetterOrDigit));
        return text ? Optional.of(value) : Optional.empty();
    }

    /**
     * What {@link #resolve} gives.
     *
     * @param text the expanded value, unless Compose would stop with an error
     * @param error why Compose would refuse the value, never the value
     * @param variables the variables looked up, in order, with repeats
     */
    public record Resolution(Optional<String> text, Optional<String> error, List<String> variables) {
        /** Copies the variables. */
        public Resolution {
            variables = List.copyOf(variables);
        }

        @Override
        public String toString() {
            // The text may be a secret: say only its shape.
            return "Resolution[" + text.map(t -> t.length() + " chars").orElse("error") + ", variables=" + variables + "]";
        }
    }

    /** One piece of an interpolated value. */
    public sealed interface Part permits Literal, Reference {
        /** Returns the offset of the first character of this part in the parsed string. */
        int start();

        /** Returns the offset just after this part in the parsed string. */
        int end();
    }

    /**
     * Literal text; {@code text} has {@code $$} turned into {@code $}, so it may be shorter
     * than {@code end - start}.
     */
    public record Literal(String text, int start, int end) implements Part {
    }

    /**
     * A variable reference such as {@code ${DB_PASSWORD:-dev}}.
     *
     * @param variable the variable name
     * @param operator how a missing value is handled
     * @param argument the parts of the default, error message or alternative; empty for {@link Operator#NONE}
     * @param argumentStart the offset where the argument starts, or {@code end} when there is none
     * @param start the offset of the {@code $}
     * @param end the offset just after the reference
     */
    public record Reference(String variable, Operator operator, List<Part> argument, int argumentStart, int start, int end)
            implements Part {
        /** Copies the argument list. */
        public Reference {
            argument = List.copyOf(argument);
        }

        /** Returns whether the reference carries a default that is used when the variable is unset. */
        public boolean hasDefault() {
            return operator == Operator.DEFAULT_IF_UNSET_OR_EMPTY || operator == Operator.DEFAULT_IF_UNSET;
        }
    }

    /** The operator between the name and the argument of a braced reference. */
    enum Operator {
        /** {@code $VAR} or {@code ${VAR}}. */
        NONE(""),
        /** {@code ${VAR:-default}}. */
        DEFAULT_IF_UNSET_OR_EMPTY(":-"),
        /** {@code ${VAR-default}}. */
        DEFAULT_IF_UNSET("-"),
        /** {@code ${VAR:?error}}. */
        ERROR_IF_UNSET_OR_EMPTY(":?"),
        /** {@code ${VAR?error}}. */
        ERROR_IF_UNSET("?"),
        /** {@code ${VAR:+alternative}}. */
        ALTERNATIVE_IF_SET_AND_NOT_EMPTY(":+"),
        /** {@code ${VAR+alternative}}. */
        ALTERNATIVE_IF_SET("+");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** Returns the operator as written, e.g. {@code :-}. */
        String symbol() {
            return symbol;
        }
    }

    /**
     * A value expanded with every variable unset.
     *
     * @param text the expanded text, with {@link #GAP} where a reference gives no literal value
     * @param offsets for each character of {@code text}, its offset in the parsed string ({@code -1} for a gap)
     * @param fromDefault which characters of {@code text} come from a reference's default
     */
    public record Expansion(String text, int[] offsets, BitSet fromDefault) {
        /** Returns whether the value has no gap: everything in it is written in the file. */
        public boolean isLiteral() {
            return text.indexOf(GAP) < 0;
        }

        /** Returns whether any character of {@code text} in {@code [from, to)} is a gap. */
        public boolean hasGap(int from, int to) {
            int gap = text.indexOf(GAP, from);
            return gap >= 0 && gap < to;
        }

        /** Returns whether any character of the text comes from a default. */
        public boolean usesDefault() {
            return !fromDefault.isEmpty();
        }

        /** Returns the offset, in the parsed string, of character {@code index} of {@code text}. */
        public int offset(int index) {
            return offsets[index];
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Expansion that
                    && text.equals(that.text)
                    && Arrays.equals(offsets, that.offsets)
                    && fromDefault.equals(that.fromDefault);
        }

        @Override
        public int hashCode() {
            return text.hashCode() * 31 + Arrays.hashCode(offsets);
        }

        @Override
        public String toString() {
            // The text may be a secret: say only its shape.
            return "Expansion[" + text.length() + " chars, literal=" + isLiteral() + "]";
        }
    }

    /** Reads parts until the end, or until an unmatched {@code }} when {@code inBraces}. */
    private List<Part> parts(boolean inBraces) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int literalStart = position;
        while (position < value.length()) {
            char c = value.charAt(position);
            if (inBraces && c == '}') {
                break;
            }
            if (c != '$') {
                literal.append(c);
                position++;
                continue;
            }
            if (position + 1 < value.length() && value.charAt(position + 1) == '$') {
                literal.append('$');
                position += 2;
                continue;
            }
            int dollar = position;
            Optional<Reference> reference = reference();
            if (reference.isEmpty()) {
                if (malformedAt < 0 && dollar + 1 < value.length() && value.charAt(dollar + 1) == '{') {
                    malformedAt = dollar;
                }
                // Not a reference: the $ is text, and scanning goes on right after it.
                position = dollar + 1;
                literal.append('$');
                continue;
            }
            if (literal.length() > 0) {
                parts.add(new Literal(literal.toString(), literalStart, dollar));
                literal.setLength(0);
            }
            parts.add(reference.get());
            literalStart = position;
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString(), literalStart, position));
        }
        return parts;
    }

    /** Reads a reference at the {@code $} under {@code position}; restores nothing on failure. */
    private Optional<Reference> reference() {
        int start = position;
        position++;
        if (position < value.length() && value.charAt(position) != '{') {
            String name = name();
            if (name.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Reference(name, Operator.NONE, List.of(), position, start, position));
        }
        if (position >= value.length()) {
            return Optional.empty();
        }
        position++;
        String name = name();
        if (name.isEmpty() || position >= value.length()) {
            return Optional.empty();
        }
        if (value.charAt(position) == '}') {
            position++;
            return Optional.of(new Reference(name, Operator.NONE, List.of(), position, start, position));
        }
        Operator operator = operator();
        if (operator == null) {
            return Optional.empty();
        }
        position += operator.symbol().length();
        int argumentStart = position;
        List<Part> argument = parts(true);
        if (position >= value.length()) {
            // No closing brace: Compose rejects the value, so it is read as text.
            return Optional.empty();
        }
        position++;
        return Optional.of(new Reference(name, operator, argument, argumentStart, start, position));
    }

    private String name() {
        int start = position;
        while (position < value.length()) {
            char c = value.charAt(position);
            boolean letter = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!(letter || position > start && c >= '0' && c <= '9')) {
                break;
            }
            position++;
        }
        return value.substring(start, position);
    }

    private Operator operator() {
        for (Operator operator : List.of(
                Operator.DEFAULT_IF_UNSET_OR_EMPTY,
                Operator.ERROR_IF_UNSET_OR_EMPTY,
                Operator.ALTERNATIVE_IF_SET_AND_NOT_EMPTY,
                Operator.DEFAULT_IF_UNSET,
                Operator.ERROR_IF_UNSET,
                Operator.ALTERNATIVE_IF_SET)) {
            if (value.startsWith(operator.symbol(), position)) {
                return operator;
            }
        }
        return null;
    }

    private static final class ExpansionBuilder {
        private final String value;
        private final StringBuilder text = new StringBuilder();
        private int[] offsets = new int[16];
        private final BitSet fromDefault = new BitSet();

        ExpansionBuilder(String value) {
            this.value = value;
        }

        void expand(List<Part> parts, boolean inDefault) {
            for (Part part : parts) {
                if (part instanceof Literal literal) {
                    int raw = literal.start();
                    while (raw < literal.end()) {
                        append(value.charAt(raw), raw, inDefault);
                        // $$ gives one $.
                        raw += value.startsWith("$$", raw) ? 2 : 1;
                    }
                } else if (part instanceof Reference reference) {
                    if (reference.hasDefault()) {
                        expand(reference.argument(), true);
                    } else {
                        append(GAP, -1, false);
                    }
                }
            }
        }

        private void append(char c, int offset, boolean inDefault) {
            if (text.length() == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            if (inDefault) {
                fromDefault.set(text.length());
            }
            offsets[text.length()] = offset;
            text.append(c);
        }

        Expansion build() {
            return new Expansion(text.toString(), Arrays.copyOf(offsets, text.length()), fromDefault);
        }
    }
}

package dev.hush.core.migrate.plan;

import dev.hush.core.detect.DotenvAnalyzer;
import dev.hush.core.format.compose.Interpolation;
import dev.hush.core.format.dotenv.DotenvEntry;
import java.util.List;
import java.util.Optional;

/**
 * Answers the planner's questions about written values the way the scanner answers them,
 * so that migrate moves exactly what scan reports: is this a literal, is it one reference,
 * which secret does a dotenv line hold.
 */
final class Values {
    private Values() {
    }

    /**
     * A value that is one variable reference and nothing else: {@code $VAR}, {@code ${VAR}},
     * {@code ${VAR:-default}}.
     *
     * @param variable the variable
     * @param literalDefault the default used when the variable is unset, when it is a literal
     * @param hasOtherArgument whether the reference has an argument that is not a literal default
     */
    record Reference(String variable, Optional<String> literalDefault, boolean hasOtherArgument) {
    }

    /** Returns {@code value} when it holds no variable reference, with {@code $$} read as {@code $}. */
    static Optional<String> literal(String value) {
        Interpolation.Expansion expansion = Interpolation.unset(value);
        if (!expansion.isLiteral() || expansion.usesDefault()) {
            return Optional.empty();
        }
        return Optional.of(expansion.text());
    }

    /** Returns the reference {@code value} consists of, when it is exactly one reference. */
    static Optional<Reference> soleReference(String value) {
        List<Interpolation.Part> parts = Interpolation.parse(value);
        if (parts.size() != 1 || !(parts.get(0) instanceof Interpolation.Reference reference)) {
            return Optional.empty();
        }
        Optional<String> literalDefault = Optional.empty();
        boolean other = false;
        if (reference.hasDefault()) {
            StringBuilder text = new StringBuilder();
            for (Interpolation.Part part : reference.argument()) {
                if (part instanceof Interpolation.Literal literal) {
                    text.append(literal.text());
                } else {
                    other = true;
                }
            }
            if (!other) {
                literalDefault = Optional.of(text.toString());
            }
        } else if (!reference.argument().isEmpty()) {
            other = true;
        }
        return Optional.of(new Reference(reference.variable(), literalDefault, other));
    }

    /** Returns the secret the scanner sees in a dotenv line: the value, or a whole connection URL. */
    static Optional<String> secretOf(DotenvEntry entry) {
        return entry.value().flatMap(value -> DotenvAnalyzer.literalSecret(entry.key(), value, entry.interpolated()))
                .map(DotenvAnalyzer.Literal::secret);
    }
}

package dev.hush.core.format.dotenv;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the literal part of a value that compose-style interpolation would expand: in a
 * dotenv file (unquoted and double-quoted values) and in a Dockerfile {@code ENV}/{@code ARG}
 * (outside single quotes), {@code $VAR} and {@code ${VAR}} come from outside and are not
 * secrets written into the file, while {@code ${VAR:-literal}} writes its default into it.
 */
public final class DotenvInterpolation {
    /** One whole braced reference with an operator: {@code ${NAME:-word}}, {@code ${NAME?err}}. */
    private static final Pattern WHOLE_BRACED = Pattern.compile(
            "\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+?=])(.*))?}", Pattern.DOTALL);
    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\{[A-Za-z_][A-Za-z0-9_]*(?:[:]?[-+?=][^}]*)?}|\\$[A-Za-z_][A-Za-z0-9_]*");

    private DotenvInterpolation() {
    }

    /**
     * Returns the literal that {@code value} writes into the file: empty when it is only
     * references ({@code $A}, {@code ${A}}, {@code ${A:?required}}), the default of a lone
     * {@code ${A:-default}}, else the value as written, since text around a reference is literal.
     */
    public static Optional<String> literalOf(String value) {
        String trimmed = value.trim();
        Matcher whole = WHOLE_BRACED.matcher(trimmed);
        if (whole.matches() && closesOnlyAtEnd(trimmed)) {
            String operator = whole.group(3);
            if (operator == null || operator.equals("?")) {
                return Optional.empty();
            }
            // ${A:-word}, ${A=word} and ${A:+word} all put word into the result when A is unset or set.
            return literalOf(whole.group(4));
        }
        // $$ is an escaped dollar, so what follows it is literal text, not a reference.
        String rest = REFERENCE.matcher(trimmed.replace("$$", "\u0000")).replaceAll("");
        if (rest.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Returns whether the first {@code $&#123;} of {@code braced} closes at its last character. */
    private static boolean closesOnlyAtEnd(String braced) {
        int depth = 0;
        for (int i = 0; i < braced.length(); i++) {
            char c = braced.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i == braced.length() - 1;
            }
        }
        return false;
    }
}

package dev.hush.core.rules;

import dev.hush.core.model.HushException;

/**
 * Reports a rule file that cannot be used: bad YAML, a missing field, a duplicate id, a regex
 * that does not compile. The message names the file and line and says what to change.
 */
public final class RuleFormatException extends HushException {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final int line;

    RuleFormatException(String origin, int line, String problem) {
        super(Kind.RULES, origin + (line > 0 ? ":" + line : "") + ": " + problem);
        this.origin = origin;
        this.line = line;
    }

    /** Returns the name of the rule file, e.g. {@code .hush.yaml}. */
    public String origin() {
        return origin;
    }

    /** Returns the 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}

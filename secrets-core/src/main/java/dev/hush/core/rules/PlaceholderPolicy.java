package dev.hush.core.rules;

/** Says what a rule does when the secret it matched looks like a placeholder ({@code xxxx}, {@code <token>}). */
public enum PlaceholderPolicy {
    /** Reports it with low severity: the value is a stand-in but the habit of writing it inline is wrong. */
    LOW,
    /** Does not report it: the rule is too broad for a placeholder to mean anything. */
    SKIP
}

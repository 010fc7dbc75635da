package dev.hush.core.rules;

import java.util.Locale;

/**
 * Says what a provider rule's match must also pass to be reported: a rule names it with
 * {@code verify:} in {@code rules.yaml}, so that the detector runs a check because of what the
 * rule says, not because of its id.
 */
public enum Verification {
    /** Reports the match as the rule's regex, entropy and placeholders judge it. */
    NONE,
    /** Reports only a token whose header and payload decode as a JSON Web Token's, rated by its claims. */
    JWT,
    /** As {@link #JWT}, for a whole token encoded once more in base64. */
    BASE64_JWT,
    /** Reports only a PEM block that holds a private key, rated by what the key is. */
    PRIVATE_KEY,
    /** As {@link #PRIVATE_KEY}, for a PEM block encoded in base64. */
    BASE64_PRIVATE_KEY;

    /** Returns the name that {@code verify:} gives this check in a rules file, e.g. {@code base64-jwt}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns whether the match is base64 of what the check reads. */
    public boolean base64() {
        return this == BASE64_JWT || this == BASE64_PRIVATE_KEY;
    }
}

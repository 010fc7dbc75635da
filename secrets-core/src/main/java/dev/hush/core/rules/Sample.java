package dev.hush.core.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * Holds one text that a rule must find, and the secret it must report for it.
 *
 * @param text the text to scan: a line, or a whole small file for a structured rule
 * @param secret the value the rule must report: for a regex rule the whole text when the sample is
 *     a bare token; for a structured rule only where the sample names one (privileged and socket
 *     rules report no value)
 */
public record Sample(String text, Optional<String> secret) {
    /** Checks that both parts are present. */
    public Sample {
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(secret, "secret == null");
    }
}

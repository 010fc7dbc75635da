package dev.hush.core.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds a rule's true-positive and false-positive samples, which a test runs on every build.
 *
 * @param path the file name to analyse the samples as, e.g. {@code compose.yaml}; empty for any file
 * @param positives texts the rule must report, each with the secret it must report
 * @param negatives texts the rule must not report
 */
public record Samples(Optional<String> path, List<Sample> positives, List<String> negatives) {
    /** Checks the parts and makes the lists immutable. */
    public Samples {
        Objects.requireNonNull(path, "path == null");
        positives = List.copyOf(positives);
        negatives = List.copyOf(negatives);
    }
}

package dev.hush.core.history;

import dev.hush.core.detect.Detector;

/**
 * Finds what one committed blob holds. The production analyzer is
 * {@link Detector#analyzeCommitted(String, byte[])}; the seam lets the history walk be
 * tested apart from the rules.
 */
@FunctionalInterface
interface BlobAnalyzer {
    /** Analyses {@code content}, committed at {@code path}; must not throw on any content. */
    Detector.Result analyze(String path, byte[] content);
}

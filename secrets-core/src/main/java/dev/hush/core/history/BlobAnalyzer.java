package dev.hush.core.history;

import dev.hush.core.detect.Detector;

/**
 * Finds what one committed blob holds, in place of the detector: the seam lets the history
 * walk be tested apart from the rules. The scan engine reads the blobs and calls it; it is
 * asked the same of an {@code env_file} read as dotenv.
 */
@FunctionalInterface
interface BlobAnalyzer {
    /** Analyses {@code content}, committed at {@code path}; must not throw on any content. */
    Detector.Result analyze(String path, byte[] content);
}

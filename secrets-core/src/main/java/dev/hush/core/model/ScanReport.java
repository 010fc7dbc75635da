package dev.hush.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Holds the outcome of a scan: the findings (sorted by path, line and column), the files
 * that could not be fully understood, the files skipped, the baseline entries that no
 * longer match anything, and how much was read.
 *
 * @param findings what was found, suppressed and baselined findings removed
 * @param fingerprints each finding's fingerprint: equal for the same secret value wherever it is
 * @param errors files that could not be fully understood
 * @param skipped files that were not read
 * @param staleBaselineEntries baseline lines that matched no finding
 * @param stats how much was read and how long it took
 * @param partial whether the scan was interrupted before the end
 */
public record ScanReport(
        List<Finding> findings,
        Map<Finding, String> fingerprints,
        List<ScanError> errors,
        List<SkippedFile> skipped,
        List<String> staleBaselineEntries,
        Stats stats,
        boolean partial) {

    /** Copies every list so the report cannot change after it is made. */
    public ScanReport {
        findings = List.copyOf(findings);
        fingerprints = Map.copyOf(fingerprints);
        errors = List.copyOf(errors);
        skipped = List.copyOf(skipped);
        staleBaselineEntries = List.copyOf(staleBaselineEntries);
        Objects.requireNonNull(stats, "stats == null");
    }

    /** Returns the fingerprint of {@code finding}, which must be one of this report's. */
    public String fingerprint(Finding finding) {
        String fingerprint = fingerprints.get(finding);
        if (fingerprint == null) {
            throw new IllegalArgumentException("finding not in this report: " + finding.ruleId());
        }
        return fingerprint;
    }

    /**
     * Counts what a scan read.
     *
     * @param files files read and analysed
     * @param bytes bytes read
     * @param binaryFiles files skipped because they hold binary data
     * @param millis wall-clock time of the scan
     */
    public record Stats(long files, long bytes, long binaryFiles, long millis) {
    }
}

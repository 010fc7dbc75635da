package dev.hush.core.history;

import dev.hush.core.baseline.Fingerprints;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import dev.hush.core.model.SkippedFile;
import java.util.List;
import java.util.Objects;

/**
 * Holds the outcome of a history scan: one finding per secret, what could not be read, and
 * how much was read.
 *
 * @param findings one per rule and value; those in HEAD and pushed first
 * @param errors objects that could not be read or files that could not be understood, each
 *     naming the object and the path it appeared at
 * @param stats how much was walked and read
 * @param partial whether something was not read: the scan was cancelled or cut short, or a
 *     commit, tree or blob could not be read (missing, damaged, or left on a partial clone's remote)
 * @param skipped the folders not entered: vendored dependencies, unless the settings scan them
 */
public record HistoryReport(List<HistoryFinding> findings, List<ScanError> errors, Stats stats, boolean partial,
        List<SkippedFile> skipped) {
    /** Copies the lists so the report cannot change after it is made. */
    public HistoryReport {
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
        Objects.requireNonNull(stats, "stats == null");
        skipped = List.copyOf(skipped);
    }

    /** Creates a report of a history whose every folder was entered. */
    public HistoryReport(List<HistoryFinding> findings, List<ScanError> errors, Stats stats, boolean partial) {
        this(findings, errors, stats, partial, List.of());
    }

    /**
     * Counts what a history scan read.
     *
     * @param commitsWalked commits whose changes were listed
     * @param blobsScanned distinct blobs read and analysed as text
     * @param bytesScanned bytes of the blobs read (binary ones included)
     * @param binarySkipped distinct blobs skipped because they hold binary data
     * @param oversizedSkipped distinct blobs not read because they are over the size limit
     * @param millis wall-clock time of the scan
     */
    public record Stats(long commitsWalked, long blobsScanned, long bytesScanned, long binarySkipped,
            long oversizedSkipped, long millis) {
    }

    /**
     * Returns this report as a scan report, so the text, JSON and SARIF reporters can write
     * it: each finding at the commit that introduced it. What only history has ({@code inHead},
     * {@code pushed}, the other places) is not carried; {@code HistoryJsonReport} writes it.
     */
    public ScanReport toScanReport() {
        List<Finding> plain = findings.stream().map(HistoryFinding::finding).toList();
        return new ScanReport(plain, Fingerprints.cache().ofAll(plain), errors, skipped, List.of(),
                new ScanReport.Stats(stats.blobsScanned(), stats.bytesScanned(), stats.binarySkipped(), stats.millis()),
                partial);
    }
}

package dev.hush.core.report;

import dev.hush.core.model.ScanReport;

/** Writes a scan report in one format. */
public interface Reporter {
    /** Writes {@code report} to {@code out}. */
    void write(ScanReport report, Appendable out);
}

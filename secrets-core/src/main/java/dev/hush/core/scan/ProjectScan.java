package dev.hush.core.scan;

import dev.hush.core.baseline.Baseline;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.ScanReport;
import java.io.IOException;

/**
 * A scan of a project, configured and then called once: of its work tree ({@code Hush.scan()})
 * or of what git holds ({@code Hush.stagedScan()}, {@code Hush.diffScan(revision)}). Callers that
 * set the same options on either kind use this type.
 */
public interface ProjectScan {
    /** Sets the settings; without this call, {@code .hush.yaml} at the root is read if present. */
    ProjectScan config(HushConfig config);

    /** Reports only findings that {@code baseline} does not accept. */
    ProjectScan baseline(Baseline baseline);

    /**
     * Reads vendored dependencies too ({@code node_modules}, {@code vendor/github.com},
     * {@code site-packages}: {@code dev.hush.core.git.VendoredFolders}), whatever the settings say.
     */
    ProjectScan includeVendored();

    /**
     * Runs the scan.
     *
     * @throws IOException when the files or the repository cannot be read
     * @throws dev.hush.core.model.HushException when the scan cannot start, saying why
     */
    ScanReport call() throws IOException;
}

package dev.hush.core.scan;

import dev.hush.core.baseline.Baseline;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.CallGuard;
import dev.hush.core.model.ScanReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the work-tree scan and the git scans share: their options (root, settings, baseline,
 * vendored folders)
 * and the start of {@code call()}, which guards the one call, reads the settings and starts
 * compiling the rules while the subclass finds what to scan.
 *
 * @param <S> the command itself, which the setters return
 */
abstract sealed class ScanSetup<S extends ScanSetup<S>> implements ProjectScan permits ScanCommand, GitScanCommand {
    private final CallGuard guard;
    private final boolean reportsStaleEntries;
    /** The folder or file to scan, as the caller gave it. */
    Path root = Path.of(".");
    private Optional<HushConfig> config = Optional.empty();
    private Optional<Baseline> baseline = Optional.empty();
    private boolean includeVendored;

    /**
     * Creates the options of the command named {@code command}; {@code reportsStaleEntries} when
     * the scan reads the whole project, so a baseline entry that matched nothing is stale.
     */
    ScanSetup(String command, boolean reportsStaleEntries) {
        this.guard = new CallGuard(command);
        this.reportsStaleEntries = reportsStaleEntries;
    }

    /** Sets the folder (or, for {@code Hush.scan()}, the single file) to scan. */
    public S root(Path root) {
        this.root = Objects.requireNonNull(root, "root == null");
        return self();
    }

    /** Sets the settings; without this call, {@code .hush.yaml} at the root is read if present. */
    @Override
    public S config(HushConfig config) {
        this.config = Optional.of(Objects.requireNonNull(config, "config == null"));
        return self();
    }

    /** Reports only findings that {@code baseline} does not accept. */
    @Override
    public S baseline(Baseline baseline) {
        this.baseline = Optional.of(Objects.requireNonNull(baseline, "baseline == null"));
        return self();
    }

    @Override
    public S includeVendored() {
        this.includeVendored = true;
        return self();
    }

    @Override
    public final ScanReport call() throws IOException {
        guard.markCalled();
        long start = System.nanoTime();
        Path folder = folder();
        HushConfig read = config.isPresent() ? config.get() : HushConfig.forProject(folder);
        HushConfig settings = includeVendored ? read.withVendoredScanned() : read;
        // Loading the rules takes tens of milliseconds of a cold start, as does finding what to
        // scan: build the detector on a second core meanwhile.
        ScanEngine.Rules rules = ScanEngine.Rules.compile(settings);
        Source source = source(folder, settings);
        return new ScanEngine(rules.await(), baseline, reportsStaleEntries).run(source, start);
    }

    /**
     * Checks that {@link #root} exists and returns the folder whose {@code .hush.yaml} applies.
     *
     * @throws java.nio.file.NoSuchFileException when the root does not exist
     */
    abstract Path folder() throws IOException;

    /** Finds what to scan under {@link #root}, while the rules compile. */
    abstract Source source(Path folder, HushConfig settings) throws IOException;

    @SuppressWarnings("unchecked") // S is the class of this, as the permitted subclasses declare
    private S self() {
        return (S) this;
    }
}

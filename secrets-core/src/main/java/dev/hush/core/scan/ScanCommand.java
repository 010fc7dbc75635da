package dev.hush.core.scan;

import dev.hush.core.model.CallGuard;
import dev.hush.core.git.WorkTree;
import dev.hush.core.baseline.Baseline;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.ScanReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Scans a project's working tree: {@code Hush.scan().root(path).call()}. Each file is read
 * once and analysed on every core; the dotenv files that compose files load are analysed
 * as dotenv whatever their name.
 */
public final class ScanCommand implements ProjectScan {
    private final CallGuard guard = new CallGuard("ScanCommand");

    private Path root = Path.of(".");
    private Optional<HushConfig> config = Optional.empty();
    private Optional<Baseline> baseline = Optional.empty();

    /** Creates a scan of the current folder with the project's own settings; prefer {@code Hush.scan()}. */
    public ScanCommand() {
    }

    /** Sets the folder (or single file) to scan. */
    public ScanCommand root(Path root) {
        this.root = Objects.requireNonNull(root, "root == null");
        return this;
    }

    /** Sets the settings; without this call, {@code .hush.yaml} at the root is read if present. */
    @Override
    public ScanCommand config(HushConfig config) {
        this.config = Optional.of(Objects.requireNonNull(config, "config == null"));
        return this;
    }

    /** Reports only findings that {@code baseline} does not accept. */
    @Override
    public ScanCommand baseline(Baseline baseline) {
        this.baseline = Optional.of(Objects.requireNonNull(baseline, "baseline == null"));
        return this;
    }

    /**
     * Runs the scan.
     *
     * @throws IOException when the root cannot be walked at all
     * @throws java.nio.file.NoSuchFileException when the root does not exist
     */
    @Override
    public ScanReport call() throws IOException {
        guard.markCalled();
        long start = System.nanoTime();
        if (!Files.exists(root)) {
            throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such file or folder");
        }
        Path folder = Files.isDirectory(root) ? root : Optional.ofNullable(root.toAbsolutePath().getParent()).orElse(root);
        HushConfig settings = config.isPresent() ? config.get() : HushConfig.forProject(folder);
        // Loading the rules and reading git's index are each tens of milliseconds of a cold start:
        // build the detector on a second core meanwhile.
        ScanEngine.Rules rules = ScanEngine.Rules.compile(settings);
        WorkTree workTree = WorkTree.of(folder);
        return new ScanEngine(rules.await(), baseline, true)
                .run(new WorkTreeSource(root, folder, workTree, settings.maxFileSize()), start);
    }
}

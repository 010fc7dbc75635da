package dev.hush.core.scan;

import dev.hush.core.model.SkippedFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a scan's files come from: a work tree on disk, the blobs staged in git's index, the
 * files that differ from a revision, the blobs a range of commits introduced, or every blob of
 * a repository's history. The {@link ScanEngine} reads and analyses what a source offers,
 * whatever it is. Part of the engine's seam, not of the API.
 */
public interface Source {
    /**
     * Offers each file of the source to {@code files}, while still finding the rest, and returns
     * the files it did not offer and why.
     */
    List<SkippedFile> offer(Consumer<Fragment> files) throws IOException;

    /**
     * Returns the files at {@code path}, relative to the scanned folder, that compose files load
     * with {@code env_file}, to analyse as dotenv; by default the ones offered at that path (a
     * range may hold several blobs there).
     *
     * @param loaders the offered compose files that load {@code path}
     * @param offered the files this source offered, by path
     * @param skipped where to say why a loaded file is not read
     */
    default List<Fragment> envFiles(String path, List<Fragment> loaders, Map<String, List<Fragment>> offered,
            List<SkippedFile> skipped) throws IOException {
        return offered.getOrDefault(path, List.of());
    }
}

package dev.hush.core.scan;

import dev.hush.core.model.SkippedFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a scan's files come from: a work tree on disk, the blobs staged in git's index, the
 * files that differ from a revision, or the blobs a range of commits introduced. The
 * {@link ScanEngine} reads and analyses what a source offers, whatever it is.
 */
interface Source {
    /**
     * Offers each file of the source to {@code files}, while still finding the rest, and returns
     * the files it did not offer and why.
     */
    List<SkippedFile> offer(Consumer<Fragment> files) throws IOException;

    /**
     * Returns the file at {@code path}, relative to the scanned folder, that a compose file
     * loads with {@code env_file}, to analyse as dotenv; by default the one offered at that path.
     *
     * @param offered the files this source offered, by path
     * @param skipped where to say why a loaded file is not read
     */
    default Optional<Fragment> envFile(String path, Map<String, Fragment> offered, List<SkippedFile> skipped) {
        return Optional.ofNullable(offered.get(path));
    }
}

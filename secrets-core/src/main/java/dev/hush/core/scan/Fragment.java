package dev.hush.core.scan;

import dev.hush.core.detect.GitFacts;
import dev.hush.core.model.Commit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One file a {@link Source} offers: its path relative to the scanned folder, where its content
 * is, what git says of it, and the commit it came from when it was read from history. Part of
 * the engine's seam, not of the API: its git facts are of the unexported detection package.
 *
 * @param path the path relative to the scanned folder, with {@code /}
 * @param size the size the source saw, in bytes (an estimate for a blob read by a loader)
 * @param onDisk the file to read, when the content is on disk
 * @param content the content, when the source has read it already (a blob)
 * @param loader what reads the content, when a worker is to read it (a blob of history)
 * @param git what git says of the file
 * @param commit the commit that introduced it, for a range of commits
 */
public record Fragment(String path, long size, Optional<Path> onDisk, byte[] content, Optional<Loader> loader,
        GitFacts git, Optional<Commit> commit) {
    /** Reads one file's content on the worker that analyses it. */
    @FunctionalInterface
    public interface Loader {
        /**
         * Returns the content, or null when the source chose not to read it (too large, the scan
         * was stopped, or it could not be read and the source reported why in its own words).
         * It may be called again, for the {@code env_file} pass.
         */
        byte[] load() throws IOException;
    }

    /** Checks that the content is in exactly one place. */
    public Fragment {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(git, "git == null");
        Objects.requireNonNull(commit, "commit == null");
        int places = (onDisk.isPresent() ? 1 : 0) + (content != null ? 1 : 0) + (loader.isPresent() ? 1 : 0);
        if (places != 1) {
            throw new IllegalArgumentException("content in " + places + " places, not 1");
        }
    }

    /** Returns a file to read from disk. */
    static Fragment onDisk(String path, Path file, long size, GitFacts git) {
        return new Fragment(path, size, Optional.of(file), null, Optional.empty(), git, Optional.empty());
    }

    /** Returns a file whose content has been read, such as a blob. */
    static Fragment read(String path, byte[] content, GitFacts git, Optional<Commit> commit) {
        return new Fragment(path, content.length, Optional.empty(), content, Optional.empty(), git, commit);
    }

    /** Returns a committed file that {@code loader} reads when a worker takes it. */
    public static Fragment loaded(String path, long estimatedSize, Loader loader) {
        return new Fragment(path, estimatedSize, Optional.empty(), null, Optional.of(loader), GitFacts.COMMITTED,
                Optional.empty());
    }
}

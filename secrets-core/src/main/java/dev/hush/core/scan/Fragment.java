package dev.hush.core.scan;

import dev.hush.core.detect.GitFacts;
import dev.hush.core.model.Commit;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One file a {@link Source} offers: its path relative to the scanned folder, where its content
 * is, what git says of it, and the commit it came from when it was read from history.
 *
 * @param path the path relative to the scanned folder, with {@code /}
 * @param size the size the source saw, in bytes
 * @param onDisk the file to read, when the content is on disk
 * @param content the content, when the source has read it already (a blob)
 * @param git what git says of the file
 * @param commit the commit that introduced it, for a range of commits
 */
record Fragment(String path, long size, Optional<Path> onDisk, byte[] content, GitFacts git, Optional<Commit> commit) {
    /** Checks that the content is in exactly one place. */
    Fragment {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(git, "git == null");
        Objects.requireNonNull(commit, "commit == null");
        if (onDisk.isPresent() == (content != null)) {
            throw new IllegalArgumentException("onDisk.isPresent() == (content != null)");
        }
    }

    /** Returns a file to read from disk. */
    static Fragment onDisk(String path, Path file, long size, GitFacts git) {
        return new Fragment(path, size, Optional.of(file), null, git, Optional.empty());
    }

    /** Returns a file whose content has been read, such as a blob. */
    static Fragment read(String path, byte[] content, GitFacts git, Optional<Commit> commit) {
        return new Fragment(path, content.length, Optional.empty(), content, git, commit);
    }
}

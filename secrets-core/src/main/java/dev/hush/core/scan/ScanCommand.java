package dev.hush.core.scan;

import dev.hush.core.config.HushConfig;
import dev.hush.core.git.WorkTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Scans a project's working tree: {@code Hush.scan().root(path).call()}. Each file is read
 * once and analysed on every core; the dotenv files that compose files load are analysed
 * as dotenv whatever their name. {@code call()} throws {@link NoSuchFileException} when the
 * root does not exist, and {@link IOException} when it cannot be walked at all.
 */
public final class ScanCommand extends ScanSetup<ScanCommand> {
    /** Creates a scan of the current folder with the project's own settings; prefer {@code Hush.scan()}. */
    public ScanCommand() {
        super("ScanCommand", true);
    }

    @Override
    Path folder() throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "no such file or folder");
        }
        return Files.isDirectory(root) ? root : Optional.ofNullable(root.toAbsolutePath().getParent()).orElse(root);
    }

    @Override
    Source source(Path folder, HushConfig settings) throws IOException {
        // The walk starts once the ignore rules are read; the index, which only a dotenv finding asks about, meanwhile.
        return new WorkTreeSource(root, folder, WorkTree.readingIndexAside(folder), settings);
    }
}

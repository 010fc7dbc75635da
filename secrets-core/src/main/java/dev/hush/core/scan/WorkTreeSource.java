package dev.hush.core.scan;

import dev.hush.core.config.HushConfig;
import dev.hush.core.git.WorkTree;
import dev.hush.core.model.SkippedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Offers the files of a folder on disk as the project walk finds them, with what git says of
 * each; a file that a compose file loads with {@code env_file} is read from disk even when the
 * walk left it out (a git-ignored {@code .env}), unless it lies outside the folder or is a link.
 */
final class WorkTreeSource implements Source {
    private final Path root;
    private final Path folder;
    private final WorkTree workTree;
    private final HushConfig settings;

    /**
     * Creates the source of {@code root}, a folder or a single file in {@code folder}.
     *
     * @param settings the largest file to read, and whether vendored folders are read
     */
    WorkTreeSource(Path root, Path folder, WorkTree workTree, HushConfig settings) {
        this.root = root;
        this.folder = folder;
        this.workTree = workTree;
        this.settings = settings;
    }

    @Override
    public List<SkippedFile> offer(Consumer<Fragment> files) throws IOException {
        return ProjectWalk.of(root, workTree, settings,
                entry -> files.accept(Fragment.onDisk(entry.path(), entry.file(), entry.size(), workTree))).skipped();
    }

    @Override
    public List<Fragment> envFiles(String path, List<Fragment> loaders, Map<String, List<Fragment>> offered,
            List<SkippedFile> skipped) {
        if (offered.containsKey(path)) {
            return offered.get(path);
        }
        Path base = folder.toAbsolutePath().normalize();
        Path file = base.resolve(path).normalize();
        if (!file.startsWith(base) || Files.isSymbolicLink(file)) {
            skipped.add(new SkippedFile(path, "env_file outside the scanned folder or a symbolic link, not read"));
            return List.of();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        return List.of(Fragment.onDisk(path, file, 0, workTree));
    }
}

package dev.hush.core.scan;

import dev.hush.core.config.HushConfig;
import dev.hush.core.detect.DotenvAnalyzer;
import dev.hush.core.git.IgnoreRules;
import dev.hush.core.git.VendoredFolders;
import dev.hush.core.git.WorkTree;
import dev.hush.core.model.SkippedFile;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lists the files of a project that a scan reads: it never follows a symbolic link, skips
 * the {@code .git} and {@code .hush} folders, what {@code .hushignore} excludes, what
 * {@code .gitignore} excludes (except dotenv files, whose values end up in containers
 * whether git sees them or not), vendored dependencies unless the settings scan them
 * ({@link VendoredFolders}: each such folder is listed as skipped), files that are not
 * regular, and files over the size limit.
 */
final class ProjectWalk {
    private static final Set<String> NEVER_ENTERED = Set.of(".git", ".hush");

    /** A file to scan: its path on disk, its path relative to the root and its size. */
    record Entry(Path file, String path, long size) {
    }

    private final Path root;
    private final WorkTree workTree;
    private final IgnoreRules hushIgnore;
    private final long maxFileSize;
    private final boolean scanVendored;
    private final Consumer<Entry> found;
    private final List<SkippedFile> skipped = new ArrayList<>();

    private ProjectWalk(Path root, WorkTree workTree, HushConfig settings, Consumer<Entry> found) {
        this.root = root;
        this.workTree = workTree;
        this.hushIgnore = new IgnoreRules(root, ".hushignore", Optional.empty());
        this.maxFileSize = settings.maxFileSize();
        this.scanVendored = settings.scansVendored();
        this.found = found;
    }

    /**
     * Walks {@code root}, giving each file to scan to {@code found} as soon as the walk meets
     * it (so that reading can start before the walk ends), and returns the walk, which lists what
     * was skipped; {@code settings} give the size limit and whether vendored folders are read.
     */
    static ProjectWalk of(Path root, WorkTree workTree, HushConfig settings, Consumer<Entry> found) throws IOException {
        ProjectWalk walk = new ProjectWalk(root, workTree, settings, found);
        if (Files.isRegularFile(root)) {
            // A single file given as the root: scan just that file.
            walk.found.accept(new Entry(root, root.getFileName().toString(), Files.size(root)));
            return walk;
        }
        Files.walkFileTree(root, walk.new Visitor());
        return walk;
    }

    List<SkippedFile> skipped() {
        return skipped;
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        /**
         * The relative paths of the folders being walked, the innermost first: a file's path is its
         * folder's and its name, which costs a concatenation where relativizing it against the root
         * cost a comparison and a copy of each of its names (about a sixth of what a walk of the JDK's
         * 15,000 sources allocated).
         */
        private final ArrayDeque<String> folders = new ArrayDeque<>();

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (folders.isEmpty()) {
                // The root, which the walk visits first and leaves last.
                folders.push("");
                return FileVisitResult.CONTINUE;
            }
            String path = inFolder(dir);
            if (NEVER_ENTERED.contains(dir.getFileName().toString())
                    || hushIgnore.matches(path, true)
                    || workTree.matches(path, true)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            Optional<String> vendored = scanVendored ? Optional.empty() : VendoredFolders.installedBy(path);
            if (vendored.isPresent()) {
                skipped.add(VendoredFolders.skipped(path, vendored.get()));
                return FileVisitResult.SKIP_SUBTREE;
            }
            folders.push(path);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            folders.pop();
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String path = inFolder(file);
            if (hushIgnore.matches(path, false)) {
                return FileVisitResult.CONTINUE;
            }
            if (workTree.matches(path, false) && !DotenvAnalyzer.appliesTo(path)) {
                return FileVisitResult.CONTINUE;
            }
            if (attrs.isSymbolicLink()) {
                skipped.add(new SkippedFile(path, "symbolic link, not followed"));
            } else if (!attrs.isRegularFile()) {
                skipped.add(new SkippedFile(path, "not a regular file"));
            } else if (attrs.size() > maxFileSize) {
                skipped.add(new SkippedFile(path, "larger than " + maxFileSize + " bytes (raise maxFileSize in .hush.yaml)"));
            } else {
                found.accept(new Entry(file, path, attrs.size()));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            skipped.add(new SkippedFile(relative(file), "cannot be read: " + e.getClass().getSimpleName()));
            return FileVisitResult.CONTINUE;
        }

        /** Returns the relative path of {@code entry}, met in the innermost folder being walked. */
        private String inFolder(Path entry) {
            String folder = folders.peek();
            if (folder == null) {
                // The root itself, when it is not a folder the walk enters (a link to one).
                return relative(entry);
            }
            String name = entry.getFileName().toString().replace('\\', '/');
            return folder.isEmpty() ? name : folder + "/" + name;
        }
    }
}

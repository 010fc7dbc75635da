package dev.hush.core.git;

import dev.hush.core.model.SkippedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Recognises the folders where a package manager installs other projects' code, which scans
 * leave out unless asked ({@code --include-vendored}, {@code scanVendored: true}): their keys are
 * their authors' test fixtures and documented examples, hundreds of findings in a real project
 * that its own team can neither rotate nor remove. Each folder is known by its path alone, the
 * same in a work tree, a staged change and a history:
 *
 * <ul>
 *   <li>{@code node_modules} (npm, Yarn, pnpm), {@code bower_components}, {@code jspm_packages};
 *   <li>{@code vendor/<host>} with a dot in the host: Go's {@code go mod vendor} puts each module
 *       under its import path, which starts with a domain ({@code vendor/github.com},
 *       {@code vendor/golang.org}); {@code vendor/bundle} (Bundler's {@code --path vendor/bundle});
 *   <li>{@code site-packages}, {@code dist-packages} (pip, in a virtualenv or an image's Python)
 *       and {@code __pypackages__} (PEP 582);
 *   <li>{@code Pods} (CocoaPods), {@code Carthage/Checkouts} (Carthage),
 *       {@code .yarn/cache} and {@code .yarn/unplugged} (Yarn's Plug'n'Play).
 * </ul>
 *
 * Composer's {@code vendor/} holds {@code vendor/<vendor>/<package>} without a dot and cannot be
 * told by its path from a project's own {@code vendor} folder: it is scanned.
 */
public final class VendoredFolders {
    private VendoredFolders() {
    }

    /**
     * Returns the package manager that fills {@code folder}, a folder's path relative to the
     * scanned root with {@code /} between its names, or empty when it is no vendored folder.
     */
    public static Optional<String> installedBy(String folder) {
        int slash = folder.lastIndexOf('/');
        String name = folder.substring(slash + 1);
        String parent = slash < 0 ? "" : folder.substring(folder.lastIndexOf('/', slash - 1) + 1, slash);
        String manager = switch (name) {
            case "node_modules" -> "npm";
            case "bower_components" -> "Bower";
            case "jspm_packages" -> "jspm";
            case "site-packages", "dist-packages", "__pypackages__" -> "pip";
            case "Pods" -> "CocoaPods";
            case "Checkouts" -> parent.equals("Carthage") ? "Carthage" : null;
            case "cache", "unplugged" -> parent.equals(".yarn") ? "Yarn" : null;
            case "bundle" -> parent.equals("vendor") ? "Bundler" : null;
            default -> parent.equals("vendor") && name.indexOf('.') > 0 ? "Go modules" : null;
        };
        return Optional.ofNullable(manager);
    }

    /** Returns the entry a report lists for a vendored folder left out. */
    public static SkippedFile skipped(String folder, String manager) {
        return new SkippedFile(folder + "/", "vendored dependencies (" + manager + "), not scanned;"
                + " --include-vendored (or scanVendored: true in .hush.yaml) scans them");
    }

    /**
     * Returns a tree filter that keeps a {@link TreeWalk} out of vendored folders and remembers
     * each folder it kept it out of, for the report.
     */
    public static Filter treeFilter() {
        return new Filter();
    }

    /** A tree filter that does not enter vendored folders; {@link #skipped(String)} lists them. */
    public static final class Filter extends TreeFilter {
        private final Map<String, String> folders = new ConcurrentSkipListMap<>();

        private Filter() {
        }

        @Override
        public boolean include(TreeWalk walker) {
            if (!walker.isSubtree()) {
                return true;
            }
            String path = walker.getPathString();
            Optional<String> manager = installedBy(path);
            manager.ifPresent(m -> folders.putIfAbsent(path, m));
            return manager.isEmpty();
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            // Stateless for the walk; the folders it records are shared on purpose.
            return this;
        }

        /**
         * Returns the folders left out, in path order, as a report lists them; {@code prefix}
         * (the scanned folder relative to the work tree's top, ending in {@code /}) is cut off.
         */
        public List<SkippedFile> skipped(String prefix) {
            List<SkippedFile> skipped = new ArrayList<>();
            folders.forEach((folder, manager) -> skipped.add(VendoredFolders.skipped(
                    folder.startsWith(prefix) ? folder.substring(prefix.length()) : folder, manager)));
            return skipped;
        }

        @Override
        public String toString() {
            return "NOT_VENDORED";
        }
    }
}

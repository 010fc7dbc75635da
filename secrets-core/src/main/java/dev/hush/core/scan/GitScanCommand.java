package dev.hush.core.scan;

import dev.hush.core.detect.GitFacts;
import dev.hush.core.git.GitRepositories;
import dev.hush.core.git.GitScanException;
import dev.hush.core.git.VendoredFolders;
import dev.hush.core.git.WorkTree;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Commit;
import dev.hush.core.model.SkippedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Scans only what changed in git: {@code Hush.stagedScan()} reads the blobs staged in the
 * index that differ from {@code HEAD} (what a pre-commit hook must check, whatever the work
 * tree holds now), and {@code Hush.diffScan(rev)} reads the files that differ from
 * {@code rev}: from the work tree, or for a range {@code A..B} the blobs that the commits
 * reachable from {@code B} and not from {@code A} introduced, each attributed to its commit.
 * {@code call()} throws {@link GitScanException} when the root is not in a git work tree or the
 * revision is unknown, and {@link IOException} when the repository cannot be read.
 */
public final class GitScanCommand extends ScanSetup<GitScanCommand> {
    /** The all-zeros id git hooks pass for a ref that does not exist on one side. */
    private static final String ZERO_ID = ObjectId.zeroId().name();
    private static final String EMPTY_TREE_ID = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    /** What a scan compares. */
    private enum Mode {
        STAGED,
        DIFF
    }

    private final Mode mode;
    private final String revision;

    private GitScanCommand(Mode mode, String revision) {
        // A diff sees a few files: every baseline entry for the others would look stale.
        super("GitScanCommand", false);
        this.mode = mode;
        this.revision = revision;
    }

    /** Returns a scan of the staged changes; prefer {@code Hush.stagedScan()}. */
    public static GitScanCommand staged() {
        return new GitScanCommand(Mode.STAGED, "");
    }

    /**
     * Returns a scan of what changed since {@code revision}; prefer {@code Hush.diffScan(revision)}.
     * A revision {@code A..B} scans the commits in that range instead of the work tree.
     */
    public static GitScanCommand diff(String revision) {
        Objects.requireNonNull(revision, "revision == null");
        if (revision.isBlank()) {
            throw new IllegalArgumentException("revision.isBlank()");
        }
        return new GitScanCommand(Mode.DIFF, revision.strip());
    }

    @Override
    Path folder() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such folder");
        }
        return root;
    }

    @Override
    Source source(Path folder, HushConfig settings) throws IOException {
        Changes changes = new Changes(settings);
        try (Repository repository = openRepository(); ObjectReader reader = repository.newObjectReader()) {
            String prefix = prefix(repository);
            if (mode == Mode.STAGED && repository.isBare()) {
                // git itself refuses: a bare repository has no index of changes about to be committed.
                throw new GitScanException(root + ": a bare repository has nothing staged; run --staged in a work"
                        + " tree, or give --diff a range A..B");
            }
            if (mode == Mode.STAGED) {
                stagedBlobs(repository, reader, prefix, changes);
            } else if (revision.contains("..")) {
                committedBlobs(repository, reader, prefix, changes);
            } else {
                workTreeFiles(repository, reader, prefix, changes);
            }
            changes.vendored.ifPresent(filter -> changes.skipped.addAll(filter.skipped(prefix)));
        }
        return files -> {
            changes.files.values().forEach(files);
            return changes.skipped;
        };
    }

    private Repository openRepository() throws IOException {
        try {
            return GitRepositories.openEnclosing(root);
        } catch (RepositoryNotFoundException e) {
            throw new GitScanException(root + ": not inside a git work tree; --staged and --diff need one");
        }
    }

    /** Returns the scanned folder relative to the work tree's top, ending in {@code /}, or "" for the top. */
    private String prefix(Repository repository) throws IOException {
        if (repository.isBare()) {
            return "";
        }
        Path top = repository.getWorkTree().toPath().toRealPath();
        Path folder = root.toRealPath();
        if (!folder.startsWith(top)) {
            return "";
        }
        String prefix = top.relativize(folder).toString().replace('\\', '/');
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    /** Collects the changed files, each distinct content once, and the ones skipped. */
    private static final class Changes {
        final long maxFileSize;
        /** Keeps the walks out of vendored folders, unless the settings scan them. */
        final Optional<VendoredFolders.Filter> vendored;
        final Map<String, Fragment> files = new LinkedHashMap<>();
        final List<SkippedFile> skipped = new ArrayList<>();

        Changes(HushConfig settings) {
            this.maxFileSize = settings.maxFileSize();
            this.vendored = settings.scansVendored() ? Optional.empty() : Optional.of(VendoredFolders.treeFilter());
        }

        /** Returns {@code filter}, and the vendored filter's test after it when there is one. */
        TreeFilter andNotVendored(TreeFilter filter) {
            return vendored.<TreeFilter>map(v -> AndTreeFilter.create(filter, v)).orElse(filter);
        }

        /** Reads blob {@code id} at {@code path} unless it is too large or already read at that path. */
        void addBlob(ObjectReader reader, String path, ObjectId id, Optional<Commit> commit) throws IOException {
            String key = path + "\0" + id.name();
            if (files.containsKey(key)) {
                return;
            }
            byte[] content;
            try {
                long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
                if (size > maxFileSize) {
                    skipped.add(new SkippedFile(path, "larger than " + maxFileSize + " bytes (raise maxFileSize in .hush.yaml)"));
                    return;
                }
                content = reader.open(id, Constants.OBJ_BLOB).getBytes();
            } catch (MissingObjectException e) {
                throw unreadable(path, id, "is missing");
            } catch (IOException | RuntimeException e) {
                // A loose object whose header declares another type or size than it holds: JGit
                // throws IncorrectObjectTypeException, an EOFException or an index out of bounds.
                throw unreadable(path, id, "is damaged (" + e.getClass().getSimpleName() + ")");
            }
            // Hashing what was read is cheap for the few blobs of a commit, and catches an object
            // whose content is not the one its id names, which would otherwise be scanned as if it were.
            try (ObjectInserter.Formatter hash = new ObjectInserter.Formatter()) {
                if (!hash.idFor(Constants.OBJ_BLOB, content).equals(id)) {
                    throw unreadable(path, id, "does not hold the content its id names");
                }
            }
            files.put(key, Fragment.read(path, content, GitFacts.COMMITTED, commit));
        }

        private static CorruptObjectException unreadable(String path, ObjectId id, String problem) {
            return new CorruptObjectException(path + ": git object " + id.name() + " " + problem
                    + ", so hush cannot scan it; run 'git fsck' to see what is damaged");
        }
    }

    private static TreeFilter under(String prefix, TreeFilter filter) {
        return prefix.isEmpty() ? filter : AndTreeFilter.create(PathFilter.create(prefix.substring(0, prefix.length() - 1)), filter);
    }

    private static boolean isFile(FileMode mode) {
        // Symbolic links and submodules hold no content of this repository.
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    /** Adds the index's stage-0 blobs that differ from HEAD's (all of them before the first commit). */
    private static void stagedBlobs(Repository repository, ObjectReader reader, String prefix, Changes changes)
            throws IOException {
        try (TreeWalk walk = new TreeWalk(repository, reader)) {
            walk.setRecursive(true);
            ObjectId head = repository.resolve(Constants.HEAD + "^{tree}");
            walk.addTree(head == null ? new EmptyTreeIterator() : treeParser(reader, head));
            int index = walk.addTree(new DirCacheIterator(repository.readDirCache()));
            walk.setFilter(under(prefix, changes.andNotVendored(TreeFilter.ANY_DIFF)));
            while (walk.next()) {
                DirCacheIterator staged = walk.getTree(index, DirCacheIterator.class);
                // A path only in HEAD is a deletion; a stage above 0 is an unresolved conflict, which git refuses to commit.
                if (staged != null && staged.getDirCacheEntry().getStage() == 0 && isFile(walk.getFileMode(index))) {
                    changes.addBlob(reader, walk.getPathString().substring(prefix.length()), walk.getObjectId(index),
                            Optional.empty());
                }
            }
        }
    }

    /** Adds the tracked work-tree files whose content differs from {@code revision}'s, read from disk. */
    private void workTreeFiles(Repository repository, ObjectReader reader, String prefix, Changes changes)
            throws IOException {
        if (repository.isBare()) {
            throw new GitScanException(root + ": a bare repository has no work tree; give a range A..B to --diff");
        }
        Path top = repository.getWorkTree().toPath();
        WorkTree facts = WorkTree.of(root);
        try (TreeWalk walk = new TreeWalk(repository, reader)) {
            walk.setRecursive(true);
            walk.addTree(treeOf(repository, reader, revision));
            int index = walk.addTree(new DirCacheIterator(repository.readDirCache()));
            FileTreeIterator files = new FileTreeIterator(repository);
            int workTree = walk.addTree(files);
            files.setDirCacheIterator(walk, index);
            // Untracked files are not part of a diff; skipping them also keeps the walk out of node_modules.
            walk.setFilter(under(prefix,
                    changes.andNotVendored(AndTreeFilter.create(new Tracked(index), TreeFilter.ANY_DIFF))));
            while (walk.next()) {
                WorkingTreeIterator file = walk.getTree(workTree, WorkingTreeIterator.class);
                if (file == null || !isFile(file.getEntryFileMode())) {
                    continue;
                }
                String path = walk.getPathString();
                Path onDisk = top.resolve(path);
                long size = Files.size(onDisk);
                if (size > changes.maxFileSize) {
                    changes.skipped.add(new SkippedFile(path.substring(prefix.length()),
                            "larger than " + changes.maxFileSize + " bytes (raise maxFileSize in .hush.yaml)"));
                    continue;
                }
                String relative = path.substring(prefix.length());
                changes.files.put(relative, Fragment.onDisk(relative, onDisk, size, facts));
            }
        }
    }

    /** Passes the paths that the index tracks, and the folders that hold some. */
    private static final class Tracked extends TreeFilter {
        private final int index;

        Tracked(int index) {
            this.index = index;
        }

        @Override
        public boolean include(TreeWalk walker) {
            return walker.getTree(index, DirCacheIterator.class) != null;
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }
    }

    /**
     * Adds the blobs that the commits in {@code A..B} introduced: for each commit, the paths
     * whose blob differs from every parent's, so a merge adds only what its resolution changed.
     */
    private void committedBlobs(Repository repository, ObjectReader reader, String prefix, Changes changes)
            throws IOException {
        int dots = revision.indexOf("..");
        String from = revision.substring(0, dots);
        String to = revision.substring(dots + 2);
        try (RevWalk commits = new RevWalk(reader)) {
            commits.markStart(commits.parseCommit(resolveCommit(repository, to.isEmpty() ? Constants.HEAD : to)));
            if (!from.isEmpty() && !from.equals(ZERO_ID) && !from.equals(EMPTY_TREE_ID)) {
                commits.markUninteresting(commits.parseCommit(resolveCommit(repository, from)));
            }
            for (RevCommit commit : commits) {
                Optional<Commit> where = Optional.of(commitOf(commit));
                try (TreeWalk walk = new TreeWalk(repository, reader)) {
                    walk.setRecursive(true);
                    int self = walk.addTree(commit.getTree());
                    for (RevCommit parent : commit.getParents()) {
                        walk.addTree(commits.parseCommit(parent).getTree());
                    }
                    if (commit.getParentCount() == 0) {
                        walk.addTree(new EmptyTreeIterator());
                    }
                    walk.setFilter(under(prefix, changes.andNotVendored(TreeFilter.ANY_DIFF)));
                    while (walk.next()) {
                        if (isFile(walk.getFileMode(self)) && differsFromEveryParent(walk, self)) {
                            changes.addBlob(reader, walk.getPathString().substring(prefix.length()),
                                    walk.getObjectId(self), where);
                        }
                    }
                }
            }
        }
    }

    private static boolean differsFromEveryParent(TreeWalk walk, int self) {
        for (int parent = 0; parent < walk.getTreeCount(); parent++) {
            if (parent != self && walk.idEqual(self, parent)) {
                return false;
            }
        }
        return true;
    }

    private static Commit commitOf(RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        return new Commit(commit.name(), author.getName(), author.getWhenAsInstant());
    }

    private static AbstractTreeIterator treeParser(ObjectReader reader, ObjectId tree) throws IOException {
        return new CanonicalTreeParser(null, reader, tree);
    }

    /** Returns the tree of {@code revision}; the empty tree's well-known id needs no object in the repository. */
    private static AbstractTreeIterator treeOf(Repository repository, ObjectReader reader, String revision)
            throws IOException {
        if (revision.equals(EMPTY_TREE_ID)) {
            return new EmptyTreeIterator();
        }
        ObjectId tree = repository.resolve(revision + "^{tree}");
        if (tree == null) {
            throw unknown(repository, revision);
        }
        return treeParser(reader, tree);
    }

    private static GitScanException unknown(Repository repository, String revision) throws IOException {
        if (Files.isRegularFile(repository.getDirectory().toPath().resolve("shallow"))) {
            // A shallow clone has no parents behind its cut: HEAD~1 of a depth-1 clone is simply not there.
            return new GitScanException(revision + ": unknown revision in this shallow clone; fetch the history it needs"
                    + " ('git fetch --deepen=50', or 'git fetch --unshallow'; in CI, fetch-depth: 0)");
        }
        if (repository.resolve(Constants.HEAD) == null && revision.contains("HEAD")) {
            return new GitScanException(revision + ": the repository has no commit yet; use --staged before the first"
                    + " commit");
        }
        return new GitScanException(revision + ": unknown revision; give a commit, branch or tag that exists here"
                + " (in CI, fetch it first, e.g. 'git fetch origin main')");
    }

    private static ObjectId resolveCommit(Repository repository, String revision) throws IOException {
        ObjectId commit = repository.resolve(revision + "^{commit}");
        if (commit == null) {
            throw unknown(repository, revision);
        }
        return commit;
    }
}

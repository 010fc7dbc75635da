package dev.hush.core.history;

import dev.hush.core.model.Commit;
import dev.hush.core.model.ScanError;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.MutableObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Lists the distinct blobs that the commits reachable from some starting points added, with
 * the paths and commits that added them. A commit adds a blob at a path when its tree holds
 * the blob there and none of its parents' trees do; a root commit (or the boundary of a
 * shallow clone) adds everything it holds. Commits are visited parents first, so the first
 * place recorded for a blob is where it was introduced.
 */
final class HistoryWalk {
    /** A starting point: a ref's name (for messages) and the object it points at. */
    record Start(String name, ObjectId id) {
    }

    private final ObjectReader reader;
    private final BooleanSupplier stop;
    private final Consumer<HistoryWalk> tick;
    private final ObjectIdOwnerMap<BlobEntry> blobs = new ObjectIdOwnerMap<>();
    private final List<BlobEntry> inOrder = new ArrayList<>();
    private final List<RevCommit> commits = new ArrayList<>();
    private final Map<String, String> paths = new HashMap<>();
    private final List<ScanError> errors = new ArrayList<>();
    private final Map<Integer, Commit> described = new HashMap<>();
    private final TreeFilter folders;
    private volatile long commitsWalked;
    private boolean cutShort;
    private boolean missedObjects;

    /**
     * Creates a walk reading through {@code reader} every path of every commit; {@code stop} is
     * asked between commits whether to stop, {@code tick} is run between commits so progress can
     * be shown.
     */
    HistoryWalk(ObjectReader reader, BooleanSupplier stop, Consumer<HistoryWalk> tick) {
        this(reader, stop, tick, TreeFilter.ALL);
    }

    /**
     * Creates a walk as above that enters only the folders {@code folders} passes, such as
     * {@link dev.hush.core.git.VendoredFolders#treeFilter()}.
     */
    HistoryWalk(ObjectReader reader, BooleanSupplier stop, Consumer<HistoryWalk> tick, TreeFilter folders) {
        this.reader = reader;
        this.stop = stop;
        this.tick = tick;
        this.folders = folders;
    }

    /**
     * Walks the commits reachable from {@code starts}, diffing those committed at or after
     * {@code since}; {@code remotes} are the remote-tracking refs, whose commits count as pushed.
     */
    void walk(List<Start> starts, List<Start> remotes, Optional<Instant> since) {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setRetainBody(false);
            RevFlag pushed = walk.newFlag("pushed");
            markPushed(walk, remotes, pushed);
            walk.resetRetain(pushed);
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            for (Start start : starts) {
                RevCommit commit = commitOf(walk, start, true);
                if (commit != null) {
                    walk.markStart(commit);
                }
            }
            collect(walk);
            long sinceSeconds = since.map(Instant::getEpochSecond).orElse(Long.MIN_VALUE);
            try (TreeWalk trees = new TreeWalk(reader)) {
                trees.setRecursive(true);
                for (int i = 0; i < commits.size(); i++) {
                    if (stop.getAsBoolean()) {
                        cutShort = true;
                        return;
                    }
                    RevCommit commit = commits.get(i);
                    if (commit.getCommitTime() >= sinceSeconds) {
                        addedBlobs(trees, commit, i, commit.has(pushed));
                        commitsWalked++;
                        tick.accept(this);
                    }
                }
            }
        } catch (IOException e) {
            errors.add(new ScanError("(refs)", 0, "the refs cannot be read (" + e.getClass().getSimpleName()
                    + "); nothing was walked. Run 'git fsck' to see what is damaged."));
            cutShort = true;
        }
    }

    /** Flags every commit that a remote-tracking ref reaches. */
    private void markPushed(RevWalk walk, List<Start> remotes, RevFlag pushed) {
        for (Start remote : remotes) {
            RevCommit commit = commitOf(walk, remote, false);
            if (commit == null) {
                continue;
            }
            try {
                walk.markStart(commit);
            } catch (IOException e) {
                errors.add(objectError(remote.name(), commit, e));
            }
        }
        try {
            for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
                commit.add(pushed);
            }
        } catch (IOException e) {
            errors.add(new ScanError("(remote-tracking refs)", 0, "the history of the remote-tracking refs cannot be"
                    + " read to the end (" + e.getClass().getSimpleName() + "); some pushed commits may show as local."));
        }
    }

    /**
     * Returns the commit {@code start} points at, peeling tags, or null (with an error) when there
     * is none; when {@code walked} and its object cannot be read, the walk counts as cut short.
     */
    private RevCommit commitOf(RevWalk walk, Start start, boolean walked) {
        try {
            RevObject object = walk.parseAny(start.id());
            while (object instanceof RevTag tag) {
                object = walk.peel(tag);
            }
            if (object instanceof RevCommit commit) {
                return commit;
            }
            errors.add(new ScanError(start.name(), 0, "points at a " + typeName(object) + " " + object.name()
                    + ", not a commit; not scanned."));
        } catch (IOException e) {
            errors.add(new ScanError(start.name(), 0, "object " + start.id().name() + " cannot be read ("
                    + e.getClass().getSimpleName() + "); this ref was not walked. Run 'git fsck' to see what is damaged."));
            // What a starting ref alone reaches was not read: the report must not look complete.
            cutShort |= walked;
        }
        return null;
    }

    private static String typeName(RevObject object) {
        return switch (object.getType()) {
            case org.eclipse.jgit.lib.Constants.OBJ_TREE -> "tree";
            case org.eclipse.jgit.lib.Constants.OBJ_BLOB -> "blob";
            default -> "object of type " + object.getType();
        };
    }

    private void collect(RevWalk walk) {
        try {
            int n = 0;
            for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
                commits.add(commit);
                if ((++n & 1023) == 0 && stop.getAsBoolean()) {
                    cutShort = true;
                    commits.clear();
                    return;
                }
            }
        } catch (IOException e) {
            // A missing commit stops JGit's walk; what was listed before it is still walked.
            errors.add(new ScanError("(commit graph)", 0, "a commit cannot be read (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); the commits behind it were not walked. Run 'git fsck'."));
            cutShort = true;
        }
    }

    /** Records the blobs that {@code commit}, the {@code index}th of the walk, added. */
    private void addedBlobs(TreeWalk trees, RevCommit commit, int index, boolean pushed) {
        try {
            trees.reset();
            trees.addTree(commit.getTree());
            for (RevCommit parent : commit.getParents()) {
                trees.addTree(parent.getTree());
            }
            trees.setFilter(AndTreeFilter.create(commit.getParentCount() == 0 ? TreeFilter.ALL : TreeFilter.ANY_DIFF,
                    folders));
            MutableObjectId id = new MutableObjectId();
            while (trees.next()) {
                if (!isFile(trees.getRawMode(0)) || inAParent(trees)) {
                    continue;
                }
                trees.getObjectId(id, 0);
                BlobEntry entry = blobs.get(id);
                if (entry == null) {
                    entry = new BlobEntry(id.toObjectId());
                    blobs.add(entry);
                    inOrder.add(entry);
                }
                entry.addPlace(index, paths.computeIfAbsent(trees.getPathString(), p -> p), pushed);
            }
        } catch (IOException e) {
            errors.add(objectError(trees.getPathString(), commit, e));
            // The blobs under the unreadable tree were never listed, so nothing says they are clean.
            missedObjects = true;
        }
    }

    private static boolean isFile(int mode) {
        // Symbolic links hold a path, and gitlinks a submodule's commit: neither is content.
        return FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode);
    }

    private static boolean inAParent(TreeWalk trees) {
        for (int parent = 1; parent < trees.getTreeCount(); parent++) {
            if (trees.idEqual(0, parent)) {
                return true;
            }
        }
        return false;
    }

    private static ScanError objectError(String path, AnyObjectId commit, IOException e) {
        String where = path == null || path.isEmpty() ? "(commit " + commit.name() + ")" : path;
        return new ScanError(where, 0, "an object of commit " + commit.name() + " cannot be read ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + "); its changes were not all walked."
                + " Run 'git fsck' to see what is damaged.");
    }

    /** Marks the blobs of {@code head}'s tree that the walk found. */
    void markInHead(ObjectId head) {
        try (RevWalk walk = new RevWalk(reader); TreeWalk trees = new TreeWalk(reader)) {
            trees.setRecursive(true);
            trees.addTree(walk.parseCommit(head).getTree());
            MutableObjectId id = new MutableObjectId();
            while (trees.next()) {
                trees.getObjectId(id, 0);
                BlobEntry entry = blobs.get(id);
                if (entry != null) {
                    entry.markInHead();
                }
            }
        } catch (IOException e) {
            errors.add(new ScanError("HEAD", 0, "HEAD's tree cannot be read (" + e.getClass().getSimpleName()
                    + "); no finding is marked as still in HEAD. Run 'git fsck'."));
        }
    }

    /** Returns the walked blob {@code id}, or null when no walked commit added it. */
    BlobEntry blob(AnyObjectId id) {
        return blobs.get(id);
    }

    /** Returns the tree of the commit at {@code index} of the walk. */
    RevTree tree(int index) {
        return commits.get(index).getTree();
    }

    /** Returns the distinct blobs, in the order they were introduced. */
    List<BlobEntry> blobs() {
        return inOrder;
    }

    /** Returns the commit at {@code index} of the walk, with its author and date. */
    Commit commit(int index) {
        return described.computeIfAbsent(index, i -> {
            RevCommit commit = commits.get(i);
            try (RevWalk walk = new RevWalk(reader)) {
                PersonIdent author = walk.parseCommit(commit).getAuthorIdent();
                if (author != null) {
                    return new Commit(commit.name(), author.getName(), author.getWhenAsInstant());
                }
            } catch (IOException | RuntimeException e) {
                // The commit was read during the walk; a damaged author line only costs the name.
            }
            return new Commit(commit.name(), "(unknown)", Instant.ofEpochSecond(commit.getCommitTime()));
        });
    }

    List<ScanError> errors() {
        return errors;
    }

    /** Records an error found around the walk, to be reported with the walk's own. */
    void error(ScanError error) {
        errors.add(error);
    }

    long commitsWalked() {
        return commitsWalked;
    }

    /** Returns whether a tree of a walked commit could not be read, so some of its blobs were never listed. */
    boolean missedObjects() {
        return missedObjects;
    }

    /** Returns whether the walk stopped before the end: cancelled, or a commit could not be read. */
    boolean cutShort() {
        return cutShort;
    }
}

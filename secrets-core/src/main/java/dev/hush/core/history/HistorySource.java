package dev.hush.core.history;

import dev.hush.core.git.GitRepositories;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.SkippedFile;
import dev.hush.core.scan.Fragment;
import dev.hush.core.scan.Source;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Offers each distinct blob of a history walk once, as a file of the first path it appeared
 * at, for the scan engine's workers to read; a compose file that loads an {@code env_file}
 * gives the blob at that path in the same commit the dotenv analysis.
 *
 * <p>Blobs are offered in units: the versions of one path, newest first. Packs store a file's
 * newest version whole and its older versions as deltas against newer ones, and a reader keeps
 * the bases it inflated in a small cache: read in this order through one reader, most blobs
 * cost one delta on a cached base, whichever worker reads them. As many lanes as cores are
 * offered interleaved, each reading its units one after another through its own reader, so
 * that the workers seldom wait for one another's reader.
 */
final class HistorySource implements Source, AutoCloseable {
    private static final int LONGEST_UNIT = 256;
    /** A blob's size is known only once it is read: each counts this much for the engine's start of helpers. */
    private static final long ESTIMATED_SIZE = 64 * 1024;

    private final Repository repository;
    private final ObjectReader reader;
    private final HistoryWalk walk;
    private final List<BlobEntry> blobs;
    private final long maxSize;
    private final Thread caller;
    private final BooleanSupplier stopRequested;
    private final Consumer<HistorySource> tick;
    private final Fragment[] fragments;
    /** The walk's index of each blob, filled when the env_file pass first needs it. */
    private final Map<BlobEntry, Integer> positions = new IdentityHashMap<>();
    private final List<Unit> units = new ArrayList<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final Queue<ScanError> errors = new ConcurrentLinkedQueue<>();
    private final Queue<String> notFetched = new ConcurrentLinkedQueue<>();
    private final Optional<String> promisor;
    private volatile boolean stopped;

    /**
     * Creates the source of the blobs {@code walk} found.
     *
     * @param reader the calling thread's reader, for the trees the {@code env_file} pass looks in
     * @param stopRequested asked on the calling thread, between blobs, whether to stop reading
     * @param tick run on the calling thread between blobs, to show progress
     */
    HistorySource(Repository repository, ObjectReader reader, HistoryWalk walk, long maxSize,
            BooleanSupplier stopRequested, Consumer<HistorySource> tick) {
        this.repository = repository;
        this.reader = reader;
        this.walk = walk;
        this.blobs = walk.blobs();
        this.maxSize = Math.min(maxSize, Integer.MAX_VALUE - 8);
        this.caller = Thread.currentThread();
        this.stopRequested = stopRequested;
        this.tick = tick;
        this.fragments = new Fragment[blobs.size()];
        this.promisor = GitRepositories.promisorRemote(repository);
    }

    @Override
    public List<SkippedFile> offer(Consumer<Fragment> files) {
        Deque<int[]> pending = new ArrayDeque<>(units());
        int lanes = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<Lane> active = new ArrayList<>();
        Deque<Unit> free = new ArrayDeque<>();
        while (!pending.isEmpty() || !active.isEmpty()) {
            while (active.size() < lanes && !pending.isEmpty()) {
                // A lane's next path reuses its reader: bases of deltas across paths stay cached too.
                Unit unit = free.pollFirst();
                if (unit == null) {
                    unit = new Unit();
                    units.add(unit);
                }
                active.add(new Lane(pending.removeFirst(), unit));
            }
            for (int i = 0; i < active.size(); i++) {
                Lane lane = active.get(i);
                int index = lane.blobs[lane.next++];
                Fragment fragment = Fragment.loaded(blobs.get(index).firstPath(), ESTIMATED_SIZE,
                        new BlobLoad(index, lane.unit));
                fragments[index] = fragment;
                files.accept(fragment);
                if (lane.next == lane.blobs.length) {
                    free.addLast(active.remove(i--).unit);
                }
            }
        }
        return List.of();
    }

    /** A unit being offered, one blob at a time between the other lanes' blobs. */
    private static final class Lane {
        final int[] blobs;
        final Unit unit;
        int next;

        Lane(int[] blobs, Unit unit) {
            this.blobs = blobs;
            this.unit = unit;
        }
    }

    /** Returns the units: the blobs of each path newest first, cut at {@link #LONGEST_UNIT}. */
    private List<int[]> units() {
        // The blobs of each path, then the paths in order: one sort of strings rather than one of every blob
        // by a chain of comparators, which cost a few per cent of a history of many files.
        Map<String, int[]> byPath = new HashMap<>(blobs.size() * 4 / 3 + 1);
        for (int i = 0; i < blobs.size(); i++) {
            int index = i;
            byPath.merge(blobs.get(i).firstPath(), new int[] {i}, (have, one) -> {
                int[] more = Arrays.copyOf(have, have.length + 1);
                more[have.length] = index;
                return more;
            });
        }
        String[] paths = byPath.keySet().toArray(new String[0]);
        Arrays.sort(paths);
        List<int[]> units = new ArrayList<>();
        for (String path : paths) {
            int[] versions = newestFirst(byPath.get(path));
            for (int start = 0; start < versions.length; start += LONGEST_UNIT) {
                units.add(Arrays.copyOfRange(versions, start, Math.min(versions.length, start + LONGEST_UNIT)));
            }
        }
        return units;
    }

    /** Orders {@code indexes}, blobs of one path, by the commit that introduced them, newest first. */
    private int[] newestFirst(int[] indexes) {
        if (indexes.length > 1) {
            long[] keyed = new long[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                // Newest first: the commit's position negated, in the high half; the blob's index below it.
                keyed[i] = ((long) -blobs.get(indexes[i]).firstCommit() << 32) | indexes[i];
            }
            Arrays.sort(keyed);
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = (int) keyed[i];
            }
        }
        return indexes;
    }

    /**
     * Returns the blobs that compose files load at {@code path}: the blob at that path in each
     * commit that added a loading compose file, and each blob added at that path by a commit
     * whose tree holds a loading compose file at its path.
     */
    @Override
    public List<Fragment> envFiles(String path, List<Fragment> loaders, Map<String, List<Fragment>> offered,
            List<SkippedFile> skipped) {
        Set<Integer> chosen = new LinkedHashSet<>();
        Map<String, Set<ObjectId>> composeAt = new HashMap<>();
        for (Fragment loader : loaders) {
            Integer index = ownIndex(loader);
            if (index == null) {
                continue;
            }
            BlobEntry compose = blobs.get(index);
            composeAt.computeIfAbsent(compose.firstPath(), p -> new HashSet<>()).add(compose.toObjectId());
            String folder = folder(compose.firstPath());
            for (int i = 0; i < compose.keptPlaces(); i++) {
                // The path is relative to the first place's folder; at another place, to that place's.
                String at = compose.placePath(i).equals(compose.firstPath()) ? path
                        : path.startsWith(folder) ? folder(compose.placePath(i)) + path.substring(folder.length())
                        : null;
                if (at != null) {
                    blobAt(compose.placeCommit(i), at).ifPresent(chosen::add);
                }
            }
        }
        for (int index = 0; index < blobs.size(); index++) {
            BlobEntry blob = blobs.get(index);
            for (int i = 0; i < blob.keptPlaces() && !chosen.contains(index); i++) {
                if (blob.placePath(i).equals(path) && holdsCompose(blob.placeCommit(i), composeAt)) {
                    chosen.add(index);
                }
            }
        }
        List<Fragment> files = new ArrayList<>(chosen.size());
        for (int index : chosen) {
            if (fragments[index] != null) {
                files.add(fragments[index]);
            }
        }
        return files;
    }

    private boolean holdsCompose(int commit, Map<String, Set<ObjectId>> composeAt) {
        for (Map.Entry<String, Set<ObjectId>> compose : composeAt.entrySet()) {
            Optional<ObjectId> id = idAt(commit, compose.getKey());
            if (id.isPresent() && compose.getValue().contains(id.get())) {
                return true;
            }
        }
        return false;
    }

    /** Returns the walked blob at {@code path} in the tree of the walk's {@code commit}th commit. */
    private Optional<Integer> blobAt(int commit, String path) {
        Optional<ObjectId> id = idAt(commit, path);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        BlobEntry entry = walk.blob(id.get());
        return entry == null ? Optional.empty() : Optional.of(indexOf(entry));
    }

    private Optional<ObjectId> idAt(int commit, String path) {
        try (TreeWalk tree = TreeWalk.forPath(reader, path, walk.tree(commit))) {
            if (tree == null || (tree.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                return Optional.empty();
            }
            return Optional.of(tree.getObjectId(0));
        } catch (IOException | RuntimeException e) {
            // An unreadable tree was reported by the walk; the blob keeps the analysis its name gives.
            return Optional.empty();
        }
    }

    private int indexOf(BlobEntry entry) {
        if (positions.isEmpty()) {
            for (int i = 0; i < blobs.size(); i++) {
                positions.put(blobs.get(i), i);
            }
        }
        return positions.get(entry);
    }

    /** Returns the walk's index of the blob that {@code fragment}, one this source offered, reads. */
    int indexOf(Fragment fragment) {
        Integer index = ownIndex(fragment);
        if (index == null) {
            throw new IllegalArgumentException("not a blob of this history: " + fragment.path());
        }
        return index;
    }

    /** Returns the walk's index of the blob {@code fragment} reads, or null when this source did not offer it. */
    private Integer ownIndex(Fragment fragment) {
        return fragment.loader().orElse(null) instanceof BlobLoad blob && blob.source() == this
                && fragments[blob.index] == fragment ? blob.index : null;
    }

    /** The reader of one lane's units, one path after another; closed when the scan is done. */
    private final class Unit {
        private ObjectReader unitReader;

        synchronized byte[] load(BlobLoad blob) {
            if (blob.loaded) {
                // Read again for the env_file pass, after the workers are done: not counted twice.
                try (ObjectReader again = repository.newObjectReader()) {
                    return read(again, blob.index, false);
                }
            }
            if (stopped) {
                return null;
            }
            blob.loaded = true;
            try {
                if (unitReader == null) {
                    unitReader = repository.newObjectReader();
                }
                return read(unitReader, blob.index, true);
            } finally {
                done.incrementAndGet();
            }
        }

        synchronized void close() {
            if (unitReader != null) {
                unitReader.close();
                unitReader = null;
            }
        }
    }

    /** Reads one blob through its unit. */
    private final class BlobLoad implements Fragment.Loader {
        final int index;
        final Unit unit;
        /** Guarded by the unit. */
        boolean loaded;

        BlobLoad(int index, Unit unit) {
            this.index = index;
            this.unit = unit;
        }

        HistorySource source() {
            return HistorySource.this;
        }

        @Override
        public byte[] load() {
            if (Thread.currentThread() == caller) {
                tick.accept(HistorySource.this);
                stopped |= stopRequested.getAsBoolean();
            }
            return unit.load(this);
        }
    }

    private byte[] read(ObjectReader objects, int index, boolean first) {
        BlobEntry blob = blobs.get(index);
        try {
            ObjectLoader loader = objects.open(blob, Constants.OBJ_BLOB);
            if (loader.getSize() > maxSize) {
                if (first) {
                    oversized.incrementAndGet();
                }
                return null;
            }
            byte[] content = loader.getCachedBytes((int) maxSize);
            if (first) {
                bytes.addAndGet(content.length);
            }
            return content;
        } catch (Exception | OutOfMemoryError e) {
            if (!first) {
                return null;
            }
            unreadable.incrementAndGet();
            if (promisor.isPresent() && e instanceof MissingObjectException) {
                // A partial clone leaves blobs on its promisor remote: one error sums them up.
                notFetched.add(blob.firstPath());
                return null;
            }
            // A missing or damaged object is reported with where it was seen; the others go on.
            errors.add(new ScanError(blob.firstPath(), 0, "blob " + blob.name() + " cannot be read ("
                    + e.getClass().getSimpleName() + "); skipped. Run 'git fsck' to see what is damaged."));
            return null;
        }
    }

    private static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    /** Closes the lanes' readers. */
    @Override
    public void close() {
        for (Unit unit : units) {
            unit.close();
        }
    }

    /**
     * Returns the errors: one per blob that could not be read, and one for all the blobs a
     * partial clone ({@code git clone --filter}) left on its remote, naming the first paths.
     */
    List<ScanError> errors() {
        List<ScanError> all = new ArrayList<>(errors);
        if (!notFetched.isEmpty()) {
            List<String> paths = notFetched.stream().distinct().sorted().toList();
            String named = String.join(", ", paths.subList(0, Math.min(5, paths.size())))
                    + (paths.size() > 5 ? " and " + (paths.size() - 5) + " more paths" : "");
            String count = notFetched.size() + (notFetched.size() == 1 ? " blob is" : " blobs are");
            all.add(new ScanError("(partial clone)", 0, count + " not in this partial clone (git clone --filter;"
                    + " they stay on remote " + promisor.orElseThrow() + "), so they were not scanned: " + named
                    + ". Scan a clone made without --filter to read every blob."));
        }
        return all;
    }

    /** Returns whether reading stopped before every blob was read. */
    boolean stoppedEarly() {
        return stopped && done.get() < blobs.size();
    }

    /** Returns how many blobs could not be read: missing, damaged, or left on a partial clone's remote. */
    long unreadable() {
        return unreadable.get();
    }

    /** Returns how many blobs were handled so far: read, skipped or failed. */
    long done() {
        return done.get();
    }

    long bytes() {
        return bytes.get();
    }

    long oversized() {
        return oversized.get();
    }
}

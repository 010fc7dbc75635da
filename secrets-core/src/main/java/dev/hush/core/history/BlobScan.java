package dev.hush.core.history;

import dev.hush.core.model.ScanError;
import dev.hush.core.detect.Detector;
import dev.hush.core.git.GitRepositories;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Reads each distinct blob once and analyses it, on several threads. Each thread has its
 * own {@link ObjectReader} (a reader is not thread-safe; the pack window cache behind them
 * is shared) and takes the next unit of work from a shared counter.
 *
 * <p>A unit is the versions of one path, newest first. Packs store a file's newest version
 * whole and its older versions as deltas against newer ones, and each reader keeps the
 * bases it inflated in a small cache: read in this order, most blobs cost one delta on a
 * cached base, where reading in commit order re-inflates whole delta chains, and two
 * threads sharing a path's versions would each inflate the same bases.
 */
final class BlobScan {
    private final Repository repository;
    private final List<BlobEntry> blobs;
    private final BlobAnalyzer analyzer;
    private final long maxSize;
    private final Detector.Result[] results;
    private final Queue<ScanError> errors = new ConcurrentLinkedQueue<>();
    private static final int LONGEST_UNIT = 256;

    private final int[] order;
    private final int[] unitStarts;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong scanned = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong binary = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final Optional<String> promisor;
    private final Queue<String> notFetched = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    BlobScan(Repository repository, List<BlobEntry> blobs, BlobAnalyzer analyzer, long maxSize) {
        this.repository = repository;
        this.blobs = blobs;
        this.analyzer = analyzer;
        this.maxSize = Math.min(maxSize, Integer.MAX_VALUE - 8);
        this.results = new Detector.Result[blobs.size()];
        this.order = newestFirstByPath(blobs);
        this.unitStarts = unitStarts(blobs, order);
        this.promisor = GitRepositories.promisorRemote(repository);
    }

    private static int[] newestFirstByPath(List<BlobEntry> blobs) {
        Integer[] boxed = new Integer[blobs.size()];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparing((Integer i) -> blobs.get(i).firstPath())
                .thenComparing(i -> -blobs.get(i).firstCommit()));
        int[] order = new int[boxed.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    /** Returns where each unit starts in {@code order}, followed by the end of the last one. */
    private static int[] unitStarts(List<BlobEntry> blobs, int[] order) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            int start = starts.isEmpty() ? -1 : starts.get(starts.size() - 1);
            if (start < 0 || i - start >= LONGEST_UNIT
                    || !blobs.get(order[i]).firstPath().equals(blobs.get(order[start]).firstPath())) {
                starts.add(i);
            }
        }
        starts.add(order.length);
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Scans every blob on {@code threads} threads, returning when all are done or
     * {@link #stop()} was called; {@code poll} runs on the calling thread about every 100 ms.
     */
    void run(int threads, Runnable poll) throws InterruptedException {
        int workers = Math.max(1, Math.min(threads, unitStarts.length - 1));
        CountDownLatch finished = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(() -> {
                try {
                    work();
                } finally {
                    finished.countDown();
                }
            }, "hush-history-" + i);
            worker.setDaemon(true);
            worker.start();
        }
        try {
            while (!finished.await(100, TimeUnit.MILLISECONDS)) {
                poll.run();
            }
        } catch (InterruptedException e) {
            stopped = true;
            finished.await();
            throw e;
        }
    }

    private void work() {
        try (ObjectReader reader = repository.newObjectReader()) {
            for (int unit = next.getAndIncrement(); unit < unitStarts.length - 1; unit = next.getAndIncrement()) {
                for (int i = unitStarts[unit]; i < unitStarts[unit + 1]; i++) {
                    if (stopped) {
                        return;
                    }
                    scan(reader, order[i]);
                    done.incrementAndGet();
                }
            }
        }
    }

    private void scan(ObjectReader reader, int index) {
        BlobEntry blob = blobs.get(index);
        try {
            ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
            long size = loader.getSize();
            if (size > maxSize) {
                oversized.incrementAndGet();
                return;
            }
            byte[] content = loader.getCachedBytes((int) maxSize);
            bytes.addAndGet(content.length);
            Detector.Result result = analyzer.analyze(blob.firstPath(), content);
            if (result.binary()) {
                binary.incrementAndGet();
                return;
            }
            scanned.incrementAndGet();
            if (!result.findings().isEmpty() || !result.errors().isEmpty()) {
                results[index] = result;
            }
        } catch (Exception | OutOfMemoryError e) {
            unreadable.incrementAndGet();
            if (promisor.isPresent() && e instanceof MissingObjectException) {
                // A partial clone leaves blobs on its promisor remote: one error sums them up.
                notFetched.add(blob.firstPath());
                return;
            }
            // A missing or damaged object is reported with where it was seen; the others go on.
            errors.add(new ScanError(blob.firstPath(), 0, "blob " + blob.name() + " cannot be read ("
                    + e.getClass().getSimpleName() + "); skipped. Run 'git fsck' to see what is damaged."));
        }
    }

    /** Asks the workers to stop after the blob each is reading. */
    void stop() {
        stopped = true;
    }

    /** Returns whether the scan was stopped before every blob was read. */
    boolean stoppedEarly() {
        return stopped && done.get() < results.length;
    }

    /** Returns what the blob at {@code index} gave when it held findings or errors, else null. */
    Detector.Result result(int index) {
        return results[index];
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

    /** Returns how many blobs could not be read: missing, damaged, or left on a partial clone's remote. */
    long unreadable() {
        return unreadable.get();
    }

    /** Returns how many blobs were handled so far: read, skipped or failed. */
    long done() {
        return done.get();
    }

    long scanned() {
        return scanned.get();
    }

    long bytes() {
        return bytes.get();
    }

    long binary() {
        return binary.get();
    }

    long oversized() {
        return oversized.get();
    }
}

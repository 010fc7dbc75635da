package dev.hush.core.history;

import dev.hush.core.model.ScanError;
import dev.hush.core.scan.Detector;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Reads each distinct blob once and analyses it, on several threads. Each thread has its
 * own {@link ObjectReader} (a reader is not thread-safe; the pack window cache behind them
 * is shared), and takes the next blob from a shared counter, so a slow blob holds up only
 * its own thread.
 */
final class BlobScan {
    private final Repository repository;
    private final List<BlobEntry> blobs;
    private final BlobAnalyzer analyzer;
    private final long maxSize;
    private final Detector.Result[] results;
    private final Queue<ScanError> errors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong scanned = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong binary = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private volatile boolean stopped;

    BlobScan(Repository repository, List<BlobEntry> blobs, BlobAnalyzer analyzer, long maxSize) {
        this.repository = repository;
        this.blobs = blobs;
        this.analyzer = analyzer;
        this.maxSize = Math.min(maxSize, Integer.MAX_VALUE - 8);
        this.results = new Detector.Result[blobs.size()];
    }

    /**
     * Scans every blob on {@code threads} threads, returning when all are done or
     * {@link #stop()} was called; {@code poll} runs on the calling thread about every 100 ms.
     */
    void run(int threads, Runnable poll) throws InterruptedException {
        int workers = Math.max(1, Math.min(threads, blobs.size()));
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
            while (!finished.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
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
            for (int i = next.getAndIncrement(); i < results.length && !stopped; i = next.getAndIncrement()) {
                scan(reader, i);
                done.incrementAndGet();
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

    List<ScanError> errors() {
        return List.copyOf(errors);
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

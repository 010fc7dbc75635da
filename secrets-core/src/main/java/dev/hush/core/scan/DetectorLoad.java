package dev.hush.core.scan;

import dev.hush.core.config.HushConfig;
import dev.hush.core.detect.Detector;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Builds a scan's detector on a second core while the scan reads git: loading the rules and
 * opening a repository are each tens of milliseconds of a cold start.
 */
final class DetectorLoad {
    private final FutureTask<Detector> task;

    private DetectorLoad(HushConfig settings) {
        task = new FutureTask<>(() -> Detector.create(settings));
        Thread loader = new Thread(task, "hush-rules");
        loader.setDaemon(true);
        loader.start();
    }

    /** Starts building the detector of {@code settings}. */
    static DetectorLoad start(HushConfig settings) {
        return new DetectorLoad(settings);
    }

    /** Returns the detector, throwing what building it threw. */
    Detector await() throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while loading the rules");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            } else if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}

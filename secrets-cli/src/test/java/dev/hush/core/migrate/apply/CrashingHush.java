package dev.hush.core.migrate.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the hush CLI with a crash point, for crash tests of the built jar; test code only, so the
 * production jar carries no hook. At the {@code crash.step}-th step boundary of a transaction
 * it writes the step's name to the file {@code crash.marker} and waits until the file
 * {@code <crash.marker>.go} appears (at most {@code crash.pauseMillis}), so that the test can
 * send SIGKILL, SIGTERM or SIGINT at exactly that point, or let it go on and signal a little later.
 * It lives in this package because {@link MigrationTransaction#observeSteps} is package-private.
 */
public final class CrashingHush {
    private CrashingHush() {
    }

    /** Runs {@code hush args} with the crash point of the system properties. */
    public static void main(String[] args) throws Exception {
        int crashStep = Integer.getInteger("crash.step", 0);
        long pause = Long.getLong("crash.pauseMillis", 10_000);
        Path marker = Path.of(System.getProperty("crash.marker", "crash-marker"));
        AtomicInteger count = new AtomicInteger();
        MigrationTransaction.observeSteps(name -> {
            if (count.incrementAndGet() == crashStep) {
                try {
                    Path temp = marker.resolveSibling(marker.getFileName() + ".tmp");
                    Files.writeString(temp, name, StandardCharsets.UTF_8);
                    // Tells the test that a signal reached this JVM (its shutdown began), so that it lets
                    // the transaction go on only once the transaction can see the signal.
                    Path signalled = marker.resolveSibling(marker.getFileName() + ".signalled");
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            Files.writeString(signalled, "signalled");
                        } catch (IOException e) {
                            // The test then waits its bound.
                        }
                    }));
                    Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE);
                    Path go = marker.resolveSibling(marker.getFileName() + ".go");
                    long until = System.nanoTime() + pause * 1_000_000;
                    while (!Files.exists(go) && System.nanoTime() < until) {
                        Thread.sleep(2);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        dev.hush.cli.Main.main(args);
    }

    /** Runs {@code action} in this JVM and returns the names of the step boundaries it passed, in order. */
    public static List<String> steps(ThrowingRunnable action) throws Exception {
        List<String> names = new ArrayList<>();
        MigrationTransaction.observeSteps(names::add);
        try {
            action.run();
        } finally {
            MigrationTransaction.observeSteps(name -> { });
        }
        return names;
    }

    /** An action that may throw. */
    public interface ThrowingRunnable {
        /** Runs the action. */
        void run() throws Exception;
    }
}

package dev.hush.core.migrate.apply;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) during a transaction into a rollback instead of a
 * half-migrated tree. The JVM runs shutdown hooks on those signals while the other threads go
 * on; this guard's hook marks the transaction interrupted and waits, up to {@link #BOUND}, for
 * it to end: an apply sees the mark at its next step and rolls back, an undo or a recovery
 * finishes (both only ever put the old state back). The hook then reports one line, and the
 * transaction's thread stays parked so that nothing else is printed while the JVM exits.
 * {@code kill -9} runs no hook; the next run's recovery covers that.
 */
final class InterruptGuard implements AutoCloseable {
    /** How long the hook waits for the transaction; past it the next run's recovery takes over. */
    static final Duration BOUND = Duration.ofSeconds(20);

    private final Consumer<String> report;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean interrupted;
    private volatile boolean shuttingDown;
    private volatile String outcome;

    private InterruptGuard(Consumer<String> report, String pending) {
        this.report = Objects.requireNonNull(report, "report == null");
        this.outcome = pending;
        this.hook = new Thread(this::onSignal, "hush-interrupt");
    }

    /**
     * Installs the guard until {@link #close()}.
     *
     * @param report receives the one line said after a signal
     * @param pending the line said if the transaction ends without setting another {@link #outcome(String)}
     */
    static InterruptGuard install(Consumer<String> report, String pending) {
        InterruptGuard guard = new InterruptGuard(report, pending);
        try {
            Runtime.getRuntime().addShutdownHook(guard.hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the transaction stops at its first step.
            guard.interrupted = true;
        }
        return guard;
    }

    private void onSignal() {
        shuttingDown = true;
        interrupted = true;
        boolean done;
        try {
            done = ended.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        report.accept(done ? outcome : "hush: interrupted, and the migration did not stop within " + BOUND.toSeconds()
                + " s; run hush migrate again: it rolls back what is left first");
    }

    /** Marks the transaction interrupted, as a signal does; for tests in this process. */
    void interrupt() {
        interrupted = true;
    }

    /** Returns whether a signal asked the transaction to stop. */
    boolean interrupted() {
        return interrupted;
    }

    /**
     * Throws when a signal asked the transaction to stop, so that an apply rolls back at its next step.
     *
     * @throws TransactionInterrupted then
     */
    void check() {
        if (interrupted) {
            throw new TransactionInterrupted();
        }
    }

    /** Sets the line reported after a signal, saying how the transaction ended. */
    void outcome(String line) {
        this.outcome = Objects.requireNonNull(line, "line == null");
    }

    /**
     * Ends the guard. After a signal, lets the hook report and keeps this thread from going on
     * (the JVM is exiting); otherwise removes the hook.
     */
    @Override
    public void close() {
        ended.countDown();
        if (shuttingDown) {
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // The JVM halts once the hooks are done; nothing is left for this thread to do.
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // A shutdown began just now: the hook reports as above.
        }
    }

    /** Stops an apply at a step boundary after a signal; the apply rolls back. */
    static final class TransactionInterrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TransactionInterrupted() {
            super("interrupted by a signal");
        }
    }
}

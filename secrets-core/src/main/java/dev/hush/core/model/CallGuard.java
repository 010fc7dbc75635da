package dev.hush.core.model;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a one-shot command to one call, as JGit's {@code GitCommand.checkCallable()} does: a
 * command object holds the state of one run, so a second {@code call()} is a programming error.
 */
public final class CallGuard {
    private final String command;
    private final String call;
    private final AtomicBoolean called = new AtomicBoolean();

    /** Creates the guard of the command named {@code command}, e.g. {@code "ScanCommand"}. */
    public CallGuard(String command) {
        this(command, "call");
    }

    /**
     * Creates the guard of one step of a command that runs in steps, e.g. {@code "plan"} of
     * {@code "MigrateCommand"}: each step is one call.
     */
    public CallGuard(String command, String call) {
        this.command = Objects.requireNonNull(command, "command == null");
        this.call = Objects.requireNonNull(call, "call == null");
    }

    /**
     * Marks the command as called.
     *
     * @throws IllegalStateException when it was called before
     */
    public void markCalled() {
        if (!called.compareAndSet(false, true)) {
            throw new IllegalStateException(command + "." + call + "() was already called: ask Hush for a new command");
        }
    }

    /**
     * Checks that the command has not been called yet, so that setting an option still counts.
     *
     * @throws IllegalStateException when it was called before
     */
    public void checkCallable() {
        if (called.get()) {
            throw new IllegalStateException(command + "." + call + "() was already called: ask Hush for a new command");
        }
    }
}

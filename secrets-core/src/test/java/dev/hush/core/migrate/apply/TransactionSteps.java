package dev.hush.core.migrate.apply;

import java.util.function.Consumer;

/** Lets the tests of other packages watch (or crash) the steps of every transaction, through the package-private hook. */
public final class TransactionSteps {
    private TransactionSteps() {
    }

    /** Calls {@code steps} with the name of every step a transaction created from now on reaches. */
    public static void observe(Consumer<String> steps) {
        MigrationTransaction.observeSteps(steps::accept);
    }
}

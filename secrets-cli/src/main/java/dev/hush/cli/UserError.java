package dev.hush.cli;

/** Signals a problem the user can fix; hush prints its message as one line and exits 2. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }
}

package dev.hush.core.scan;

/** Signals that a git scan cannot start: no repository around the folder, or an unknown revision. */
public final class GitScanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GitScanException(String message) {
        super(message);
    }
}

package dev.hush.core.git;

/** Signals that a git scan cannot start: no repository around the folder, or an unknown revision. */
public final class GitScanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GitScanException(String message) {
        super(message);
    }
}

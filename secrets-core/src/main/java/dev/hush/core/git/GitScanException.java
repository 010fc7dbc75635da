package dev.hush.core.git;

import dev.hush.core.model.HushException;

/** Signals that a git scan cannot start: no repository around the folder, or an unknown revision. */
public final class GitScanException extends HushException {
    private static final long serialVersionUID = 1L;

    public GitScanException(String message) {
        super(Kind.GIT, message);
    }
}

package dev.hush.core.history;

import dev.hush.core.model.HushException;


/**
 * Signals that a purge plan's replacements file would be written where it could be
 * committed: inside the work tree and not ignored. The file holds every secret in clear.
 */
public final class UnsafePurgePlanPathException extends HushException {
    private static final long serialVersionUID = 1L;

    UnsafePurgePlanPathException(String message) {
        super(Kind.UNSAFE_OUTPUT, message);
    }
}

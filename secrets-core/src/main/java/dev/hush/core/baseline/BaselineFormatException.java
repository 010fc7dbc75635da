package dev.hush.core.baseline;

import dev.hush.core.model.HushException;

/** Signals a baseline file that cannot be read; the message names the file and line. */
public final class BaselineFormatException extends HushException {
    private static final long serialVersionUID = 1L;

    BaselineFormatException(String message) {
        super(Kind.BASELINE, message);
    }
}

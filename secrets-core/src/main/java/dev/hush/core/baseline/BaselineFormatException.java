package dev.hush.core.baseline;

/** Signals a baseline file that cannot be read; the message names the file and line. */
public final class BaselineFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BaselineFormatException(String message) {
        super(message);
    }
}

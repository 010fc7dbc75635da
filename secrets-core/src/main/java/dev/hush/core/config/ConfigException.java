package dev.hush.core.config;

/** Signals a {@code .hush.yaml} that cannot be used; the message names the file and setting. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }
}

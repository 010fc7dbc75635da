package dev.hush.core.config;

import dev.hush.core.model.HushException;

/** Signals a {@code .hush.yaml} that cannot be used; the message names the file and setting. */
public final class ConfigException extends HushException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(Kind.CONFIG, message);
    }
}

package dev.hush.runtime;

/**
 * Thrown when no source holds a required secret.
 *
 * <p>The message names every source that was tried and nothing else, for example
 * {@code secret 'jwt_secret' not found: no file /run/secrets/jwt_secret; JWT_SECRET_FILE and
 * JWT_SECRET are unset}.
 */
public final class MissingSecretException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String name;

    MissingSecretException(String name, String message) {
        super(message);
        this.name = name;
    }

    /** Returns the name of the secret that was not found. */
    public String name() {
        return name;
    }
}

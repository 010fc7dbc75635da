package dev.hush.runtime;

/**
 * Thrown when a secret's source exists but cannot be used: the file is unreadable, a directory,
 * too large, or a link leading out of the secrets directory; or the variables conflict.
 *
 * <p>The message names the path or the variables and what to do; it never holds the value.
 */
public final class SecretReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String name;

    SecretReadException(String name, String message) {
        this(name, message, null);
    }

    SecretReadException(String name, String message, Throwable cause) {
        super(message, cause);
        this.name = name;
    }

    /** Returns the name of the secret that could not be read. */
    public String name() {
        return name;
    }
}

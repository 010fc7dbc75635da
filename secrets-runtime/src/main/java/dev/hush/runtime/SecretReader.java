package dev.hush.runtime;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads secrets from a directory, a {@code <NAME>_FILE} variable, then a {@code <NAME>} variable.
 *
 * <p>Start one with {@link Secrets#reader()}. A reader is immutable and thread-safe; it reads
 * the sources again on every call, except through {@link #supplier(String)}.
 */
public final class SecretReader {

    static final String DEFAULT_DIRECTORY = "/run/secrets";
    static final String DIRECTORY_PROPERTY = "hush.secrets.dir";
    static final String DIRECTORY_VARIABLE = "HUSH_SECRETS_DIR";
    static final int DEFAULT_MAX_SIZE = 1024 * 1024;
    /** The largest limit a single array can hold with the one extra byte read to detect growth. */
    static final int LARGEST_MAX_SIZE = Integer.MAX_VALUE - 16;

    private final Path directory;
    private final Map<String, String> environment;
    private final boolean environmentFallback;
    private final int maxSize;

    private SecretReader(Path directory, Map<String, String> environment, boolean environmentFallback,
            int maxSize) {
        this.directory = directory;
        this.environment = environment;
        this.environmentFallback = environmentFallback;
        this.maxSize = maxSize;
    }

    /**
     * Returns the secret named {@code name}, reading the file first.
     *
     * @throws MissingSecretException if no source holds the secret
     * @throws SecretReadException if a source exists but cannot be used
     * @throws IllegalArgumentException if {@code name} is empty or holds {@code /}, {@code \},
     *     {@code ..} or a control character
     */
    public Secret require(String name) {
        return lookupRequired(name).secret();
    }

    /**
     * Returns the secret named {@code name}, or empty when no source holds it.
     *
     * @throws SecretReadException if a source exists but cannot be used
     * @throws IllegalArgumentException if {@code name} is not a valid secret name
     */
    public Optional<Secret> find(String name) {
        SourcedSecret found = lookup(name);
        return found == null ? Optional.empty() : Optional.of(found.secret());
    }

    /**
     * Returns a thread-safe supplier that reads the secret on its first call and again only when
     * the file it came from changed its modification time or size (or was replaced).
     *
     * <p>Each call costs one file status check; a value from a variable is never read again.
     * A call fails as {@link #require(String)} does when the secret can no longer be read.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid secret name
     */
    public Supplier<Secret> supplier(String name) {
        return new RotatingSecret(this, SecretName.check(name));
    }

    /** Returns the directory searched first, e.g. {@code /run/secrets}. */
    public Path directory() {
        return directory;
    }

    /** Returns the secret and the file it came from, or throws when no source holds it. */
    SourcedSecret lookupRequired(String name) {
        SourcedSecret found = lookup(name);
        if (found == null) {
            throw missing(name);
        }
        return found;
    }

    /** Returns the secret and the file it came from, or {@code null} when no source holds it. */
    private SourcedSecret lookup(String name) {
        SecretName.check(name);
        String valueVariable = SecretName.variable(name);
        String fileVariable = valueVariable + "_FILE";
        String fileName = variable(fileVariable);
        String value = environmentFallback ? variable(valueVariable) : null;
        if (fileName != null && value != null) {
            throw new SecretReadException(name, "secret '" + name + "': both " + fileVariable + " and "
                    + valueVariable + " are set, but they are exclusive; unset one of them");
        }
        SecretFile file = new SecretFile(name, maxSize);
        Path inDirectory = directory.resolve(name);
        if (file.exists(inDirectory)) {
            return file.readInside(inDirectory, directory);
        }
        if (fileName != null) {
            Path named = namedFile(name, fileVariable, fileName);
            if (!file.exists(named)) {
                throw new SecretReadException(name, "secret '" + name + "': " + fileVariable + " names "
                        + named + ", which does not exist");
            }
            return file.readAnywhere(named);
        }
        if (value != null) {
            return SourcedSecret.fromVariable(Secret.fromVariable(name, valueVariable, value));
        }
        return null;
    }

    private Path namedFile(String name, String fileVariable, String fileName) {
        try {
            // The directory's file system, so that a reader on an in-memory directory stays there.
            return directory.getFileSystem().getPath(fileName);
        } catch (InvalidPathException e) {
            throw new SecretReadException(name, "secret '" + name + "': " + fileVariable
                    + " is not a valid path (" + e.getReason() + ")", e);
        }
    }

    private MissingSecretException missing(String name) {
        String valueVariable = SecretName.variable(name);
        String variables = environmentFallback
                ? valueVariable + "_FILE and " + valueVariable + " are unset"
                : valueVariable + "_FILE is unset";
        return new MissingSecretException(name, "secret '" + name + "' not found: no file "
                + directory.resolve(name) + "; " + variables);
    }

    /** Returns the variable's value, treating an empty one as unset as {@code file_env} does. */
    private String variable(String variable) {
        String value = environment.get(variable);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * Configures a {@link SecretReader}; start one with {@link Secrets#reader()}.
     *
     * <p>Unless set, the directory is the system property {@code hush.secrets.dir}, else the
     * variable {@code HUSH_SECRETS_DIR} of this builder's environment, else {@code /run/secrets};
     * the environment is the process environment; the fallback to variables is on; the limit is
     * 1 MiB.
     */
    public static final class Builder {

        private final Function<String, String> systemProperty;
        private Path directory;
        private Map<String, String> environment;
        private boolean environmentFallback = true;
        private int maxSize = DEFAULT_MAX_SIZE;

        Builder(Function<String, String> systemProperty, Map<String, String> environment) {
            this.systemProperty = Objects.requireNonNull(systemProperty, "systemProperty == null");
            this.environment = Objects.requireNonNull(environment, "environment == null");
        }

        /**
         * Sets the directory searched first; any {@link Path} works, also an in-memory one, and
         * {@code <NAME>_FILE} paths are then resolved on the same file system.
         */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory == null");
            return this;
        }

        /** Sets the variables read instead of the process environment, e.g. in a test. */
        public Builder environment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment == null");
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Sets whether the variable {@code <NAME>} is read when no file holds the secret; off
         * leaves only files, including the one named by {@code <NAME>_FILE}.
         */
        public Builder environmentFallback(boolean enabled) {
            this.environmentFallback = enabled;
            return this;
        }

        /** Sets the largest file, in bytes, that is read as a secret. */
        public Builder maxSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("bytes <= 0: " + bytes);
            }
            if (bytes > LARGEST_MAX_SIZE) {
                throw new IllegalArgumentException("bytes > " + LARGEST_MAX_SIZE + ": " + bytes);
            }
            this.maxSize = bytes;
            return this;
        }

        /** Returns the configured reader. */
        public SecretReader build() {
            Path chosen = directory != null ? directory : Paths.get(defaultDirectory());
            return new SecretReader(chosen, environment, environmentFallback, maxSize);
        }

        private String defaultDirectory() {
            String property = systemProperty.apply(DIRECTORY_PROPERTY);
            if (property != null && !property.isBlank()) {
                return property;
            }
            String variable = environment.get(DIRECTORY_VARIABLE);
            if (variable != null && !variable.isBlank()) {
                return variable;
            }
            return DEFAULT_DIRECTORY;
        }
    }
}

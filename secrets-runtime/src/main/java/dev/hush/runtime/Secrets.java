package dev.hush.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads secrets the way Compose and Kubernetes hand them to a container.
 *
 * <p>For the name {@code jwt_secret} the sources are, in this order:
 * <ol>
 *   <li>the file {@code /run/secrets/jwt_secret} (the directory is overridden by the system
 *       property {@code hush.secrets.dir}, else by the variable {@code HUSH_SECRETS_DIR});</li>
 *   <li>the file named by the variable {@code JWT_SECRET_FILE};</li>
 *   <li>the variable {@code JWT_SECRET}.</li>
 * </ol>
 * Setting both {@code JWT_SECRET_FILE} and {@code JWT_SECRET} is an error, as in the official
 * Docker images' {@code file_env}. Use {@link #reader()} for another directory, an injected
 * environment, no environment fallback or another size limit.
 */
public final class Secrets {

    private Secrets() {
    }

    /**
     * Returns the secret named {@code name}, reading the file first.
     *
     * @throws MissingSecretException if no source holds the secret
     * @throws SecretReadException if a source exists but cannot be used
     * @throws IllegalArgumentException if {@code name} is not a valid secret name
     */
    public static Secret require(String name) {
        return defaultReader().require(name);
    }

    /**
     * Returns the secret named {@code name}, or empty when no source holds it.
     *
     * @throws SecretReadException if a source exists but cannot be used
     * @throws IllegalArgumentException if {@code name} is not a valid secret name
     */
    public static Optional<Secret> find(String name) {
        return defaultReader().find(name);
    }

    /**
     * Returns a supplier that re-reads the secret only when its file changed.
     *
     * @see SecretReader#supplier(String)
     */
    public static Supplier<Secret> supplier(String name) {
        return defaultReader().supplier(name);
    }

    /** Starts a reader with the defaults of {@link #require(String)}, to be changed as needed. */
    public static SecretReader.Builder reader() {
        return new SecretReader.Builder(System::getProperty, System.getenv());
    }

    /** Returns the reader that the static methods use, configured from this process. */
    static SecretReader defaultReader() {
        return reader().build();
    }

    /** Returns the default reader as it would be configured from these properties and variables. */
    static SecretReader defaultReader(Map<String, String> properties, Map<String, String> environment) {
        Function<String, String> property = properties::get;
        return new SecretReader.Builder(property, environment).build();
    }
}

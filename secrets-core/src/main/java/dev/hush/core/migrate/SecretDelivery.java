package dev.hush.core.migrate;

import java.util.Objects;
import java.util.Optional;

/**
 * Says one way a migrated secret reaches a service, as the project's files show it now: a
 * compose file's {@code secrets:} wiring, a line of a git-ignored env file that holds the
 * value, or the password part of a URL that embeds it. Names and places only, never a value.
 *
 * @param kind how the value travels
 * @param path the file that says so: the compose file for the {@code secrets:} kinds, the env file
 *     or secret file holding the value (or the URL) for the others
 * @param variable what the service reads: the {@code _FILE} variable, the secret's name under
 *     {@code secrets:} for a mounted or build secret, the env file's key, or for a URL in a secret
 *     file that secret's name
 * @param service the service that reads it; empty for a URL in a secret file no service uses
 * @param composeFile the compose file that defines the service
 */
public record SecretDelivery(Kind kind, String path, Optional<String> variable, Optional<String> service,
        Optional<String> composeFile) {
    /** How a value reaches a container. */
    public enum Kind {
        /** A Compose secret and the {@code <KEY>_FILE} (or {@code __FILE}, {@code FILE__<KEY>}) variable the image reads. */
        FILE_VARIABLE("file variable"),
        /** A Compose secret mounted at {@code /run/secrets/<name>}, read by the app. */
        MOUNTED("mounted"),
        /** A BuildKit build secret ({@code build.secrets}), read while the image is built. */
        BUILD_SECRET("build secret"),
        /** The variable itself, from a git-ignored env file that the service's {@code env_file:} loads. */
        ENV_FILE("env file"),
        /** The password part of a URL or DSN, in a secret file or an env file. */
        URL_PART("URL part");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Returns the kind in a few words, e.g. {@code "env file"}. */
        public String label() {
            return label;
        }
    }

    /** Checks that every component is present. */
    public SecretDelivery {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(variable, "variable == null");
        Objects.requireNonNull(service, "service == null");
        Objects.requireNonNull(composeFile, "composeFile == null");
    }

    /** Returns the delivery in one line, e.g. {@code "env file .secrets/worker.env: POSTGRES_PASSWORD of service worker"}. */
    public String describe() {
        String who = service.map(s -> " of service " + s).orElse("");
        return switch (kind) {
            case FILE_VARIABLE -> "file variable " + variable.orElse("?") + who + " (" + path + ")";
            case MOUNTED -> "mounted at /run/secrets/" + variable.orElse("?") + who + " (" + path + ")";
            case BUILD_SECRET -> "build secret " + variable.orElse("?") + who + " (" + path + ")";
            case ENV_FILE -> "env file " + path + ": " + variable.orElse("?") + who;
            case URL_PART -> "URL part in " + path + variable.map(v -> " (" + v + ")").orElse("") + who;
        };
    }
}

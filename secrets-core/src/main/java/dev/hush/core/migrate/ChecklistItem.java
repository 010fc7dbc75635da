package dev.hush.core.migrate;

import dev.hush.core.model.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes one section of the rotation checklist. None of them holds a secret value:
 * a secret is named, located and fingerprinted, never quoted.
 */
public sealed interface ChecklistItem {

    /** Returns the section's heading, which also identifies it when the checklist is regenerated. */
    String heading();

    /**
     * Asks the user to rotate a secret that was inline.
     *
     * @param name the secret's name
     * @param secretFile where the new value goes, relative to the project root, e.g. {@code .secrets/db_password.txt}
     * @param fingerprint the value's fingerprint (as in scan and history reports), to look up
     *     whether it was ever committed; empty when unknown
     * @param inlineAt every place the value was inline
     * @param services the compose services that use it, to restart
     * @param rotateHint how to revoke and rotate it at its provider, from the rule catalogue
     */
    record Rotate(SecretName name, String secretFile, Optional<String> fingerprint, List<Location> inlineAt,
            List<String> services, Optional<String> rotateHint) implements ChecklistItem {
        /** Checks that every component is present and copies the lists. */
        public Rotate {
            Objects.requireNonNull(name, "name == null");
            ProjectPaths.checkRelative(secretFile);
            Objects.requireNonNull(fingerprint, "fingerprint == null");
            inlineAt = List.copyOf(inlineAt);
            services = List.copyOf(services);
            Objects.requireNonNull(rotateHint, "rotateHint == null");
        }

        @Override
        public String heading() {
            return "Secret `" + name + "`";
        }
    }

    /**
     * Points at a privileged service and the least-privilege settings that replace it.
     *
     * @param service the compose service, or the script's container
     * @param location where {@code privileged} is set
     */
    record Privileged(String service, Location location) implements ChecklistItem {
        /** Checks that every component is present. */
        public Privileged {
            Objects.requireNonNull(service, "service == null");
            Objects.requireNonNull(location, "location == null");
        }

        @Override
        public String heading() {
            return "Privileged service `" + service + "` (" + location.path() + ":" + location.line() + ")";
        }
    }

    /**
     * Points at a mount of the Docker socket and its alternatives.
     *
     * @param service the compose service, or the script's container
     * @param location where the socket is mounted
     */
    record DockerSocket(String service, Location location) implements ChecklistItem {
        /** Checks that every component is present. */
        public DockerSocket {
            Objects.requireNonNull(service, "service == null");
            Objects.requireNonNull(location, "location == null");
        }

        @Override
        public String heading() {
            return "Docker socket mounted into `" + service + "` (" + location.path() + ":" + location.line() + ")";
        }
    }

    /**
     * Tells the user that a service's app must now read its secret from the file Compose mounts,
     * because its image does not read {@code <KEY>_FILE} variables.
     *
     * @param name the secret's name
     * @param service the compose service
     * @param key the variable the app used to read
     * @param language the app's language, from its build context, for the lines that read the file
     */
    record ReadFromFile(SecretName name, String service, String key, AppLanguage language) implements ChecklistItem {
        /** Checks that every component is present. */
        public ReadFromFile {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(service, "service == null");
            Objects.requireNonNull(key, "key == null");
            Objects.requireNonNull(language, "language == null");
        }

        /** Creates the item for an app whose language is unknown: its entrypoint reads the file. */
        public ReadFromFile(SecretName name, String service, String key) {
            this(name, service, key, AppLanguage.SHELL);
        }

        @Override
        public String heading() {
            return "Service `" + service + "` must read " + name.runPath();
        }
    }

    /**
     * Lists steps the user must take by hand where a rewrite would have been a guess, e.g.
     * a Dockerfile that bakes a secret into a layer.
     *
     * @param title the section's heading, without values
     * @param explanation why hush did not do it, in a sentence or two
     * @param steps one checkbox each
     */
    record ManualSteps(String title, String explanation, List<String> steps) implements ChecklistItem {
        /** Checks that every component is present and copies the steps. */
        public ManualSteps {
            Objects.requireNonNull(title, "title == null");
            Objects.requireNonNull(explanation, "explanation == null");
            steps = List.copyOf(steps);
        }

        @Override
        public String heading() {
            return title;
        }
    }
}

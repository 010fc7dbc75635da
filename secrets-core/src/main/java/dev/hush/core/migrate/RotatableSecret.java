package dev.hush.core.migrate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes one migrated secret as the project holds it now: its secret file, every place its
 * value is delivered, the services that read it, and whether the value was ever committed.
 * It never holds the value.
 *
 * @param name the secret's name
 * @param file its secret file, relative to the project root
 * @param deliveries every way it reaches a service, in file order
 * @param services the services that read it, sorted
 * @param restartCommands the commands that restart those services so they read a new value
 * @param committed where git history first holds the value, when a history was read and holds it
 */
public record RotatableSecret(SecretName name, String file, List<SecretDelivery> deliveries, List<String> services,
        List<String> restartCommands, Optional<RotationChecklist.Exposure> committed) {
    /** Checks the components and copies the lists. */
    public RotatableSecret {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(file, "file == null");
        deliveries = List.copyOf(deliveries);
        services = List.copyOf(services);
        restartCommands = List.copyOf(restartCommands);
        Objects.requireNonNull(committed, "committed == null");
    }

    /** Returns this secret with what history says of its value. */
    public RotatableSecret withCommitted(Optional<RotationChecklist.Exposure> exposure) {
        return new RotatableSecret(name, file, deliveries, services, restartCommands, exposure);
    }
}

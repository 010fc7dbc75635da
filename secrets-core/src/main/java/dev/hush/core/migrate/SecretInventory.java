package dev.hush.core.migrate;

import java.util.List;

/**
 * Lists the migrated secrets of a project, for {@code hush rotate --list}.
 *
 * @param secrets every secret file of the secrets folder, by name
 * @param historyRead whether git history was read, so that an empty {@code committed} means
 *     "never committed"; false outside a git repository
 * @param problems files that could not be read fully, each naming the file; their deliveries may be missing
 */
public record SecretInventory(List<RotatableSecret> secrets, boolean historyRead, List<String> problems) {
    /** Copies the lists. */
    public SecretInventory {
        secrets = List.copyOf(secrets);
        problems = List.copyOf(problems);
    }
}

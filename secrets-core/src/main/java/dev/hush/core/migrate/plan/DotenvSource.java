package dev.hush.core.migrate.plan;

import dev.hush.core.format.dotenv.DotenvEntry;
import dev.hush.core.model.Finding;
import dev.hush.core.model.SecretValue;

/**
 * A dotenv entry a group's value comes from, removed when every use of it is rewritten.
 *
 * @param value the value a service gets from the entry, resolved as Compose resolves it
 */
record DotenvSource(String path, DotenvEntry entry, Finding finding, SecretValue value) {
}

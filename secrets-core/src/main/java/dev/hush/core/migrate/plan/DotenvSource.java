package dev.hush.core.migrate.plan;

import dev.hush.core.format.dotenv.DotenvEntry;
import dev.hush.core.model.Finding;

/** A dotenv entry a group's value comes from, removed when every use of it is rewritten. */
record DotenvSource(String path, DotenvEntry entry, Finding finding) {
}

/**
 * Migration of inline secrets into Compose secrets: the plan (what moves where), the text
 * edits of each file, and the transaction that applies them with a backup, a journal and undo.
 *
 * <p>Front door: {@link dev.hush.core.migrate.MigrateCommand}, from {@code Hush.migrate()}.
 */
package dev.hush.core.migrate;

/**
 * Applying: writes a {@link dev.hush.core.migrate.MigrationPlan} as one transaction under the
 * project's lock: secret files written and read back, originals backed up to {@code
 * .hush/backup/}, a sealed journal, a temp file and an atomic rename per file; an interrupted
 * run is rolled back by the next one, and undo restores from the journal. Knows nothing of how
 * a plan was made.
 *
 * <p>Front door: {@link dev.hush.core.migrate.apply.MigrationTransaction}, used by {@code
 * MigrateCommand} and {@code RotateCommand}.
 */
package dev.hush.core.migrate.apply;

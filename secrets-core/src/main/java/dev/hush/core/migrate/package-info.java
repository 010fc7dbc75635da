/**
 * Migration of inline secrets into Compose secrets, and rotation of migrated ones: the API a
 * user of {@code Hush} sees. The commands, the plan they return ({@link
 * dev.hush.core.migrate.MigrationPlan}: secret files and whole-file edits), a decision per
 * finding, the rotation checklist, the results of an apply, an undo or a recovery, and {@link
 * dev.hush.core.migrate.MigrationException}. The work itself is in three unexported packages:
 * {@code plan} decides what moves where, {@code edit} rewrites the text of each file kind, and
 * {@code apply} writes a plan as one transaction with a backup, a journal and undo.
 *
 * <p>Front door: {@link dev.hush.core.migrate.MigrateCommand}, from {@code Hush.migrate()},
 * and {@link dev.hush.core.migrate.RotateCommand}, from {@code Hush.rotate()}.
 */
package dev.hush.core.migrate;

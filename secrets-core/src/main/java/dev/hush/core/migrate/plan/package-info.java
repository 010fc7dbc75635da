/**
 * Planning: turns the findings of a scan, and the models it parsed, into a {@link
 * dev.hush.core.migrate.MigrationPlan}, one class per file kind (compose, dotenv, Dockerfile,
 * shell commands, ignore files) behind a short orchestrator; finds where a migrated secret is
 * delivered and plans its rotation. Reads only; never writes a file.
 *
 * <p>Front door: {@link dev.hush.core.migrate.plan.MigrationPlanner} for {@code MigrateCommand}
 * and {@link dev.hush.core.migrate.plan.RotationPlanner} for {@code RotateCommand}.
 */
package dev.hush.core.migrate.plan;

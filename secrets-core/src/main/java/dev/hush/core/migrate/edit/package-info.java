/**
 * Editing: rewrites the text of one file at the marks of its parsed nodes, so comments,
 * anchors, quoting and key order survive ({@link dev.hush.core.migrate.edit.TextEdit}), per file
 * kind (compose, Dockerfile, ignore files), and shows a plan as a redacted unified diff. Knows
 * nothing of findings or of the transaction.
 *
 * <p>Front door: {@link dev.hush.core.migrate.edit.ComposeEditor}, {@link
 * dev.hush.core.migrate.edit.DockerfileEditor} and {@link dev.hush.core.migrate.edit.IgnoreFileEdit},
 * used by the planners.
 */
package dev.hush.core.migrate.edit;

/**
 * Reads Compose secrets at start-up: {@code /run/secrets/<name>} first, then the file named by
 * {@code <NAME>_FILE}, then the variable {@code <NAME>}.
 *
 * <p>{@link dev.hush.runtime.Secrets} is the front door; {@link dev.hush.runtime.SecretReader}
 * is the configured reader behind it. Nothing in this package logs or prints.
 */
package dev.hush.runtime;

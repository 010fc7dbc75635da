/**
 * The values every stage shares: {@code Finding}, {@code Location}, {@code Card},
 * {@code Severity}, {@code SecretValue} (whose {@code toString()} never shows the value) and
 * the scan report.
 *
 * <p>Front door: {@link dev.hush.core.model.Finding}.
 */
package dev.hush.core.model;

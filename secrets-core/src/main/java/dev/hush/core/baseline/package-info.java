/**
 * Baselines: salted slow-hash fingerprints of known findings, and {@code hush:ignore}.
 *
 * <p>Front door: {@link dev.hush.core.baseline.Baseline}.
 */
package dev.hush.core.baseline;

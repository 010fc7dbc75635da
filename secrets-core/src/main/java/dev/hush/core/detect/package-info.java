/**
 * The analyzers: one per file kind (compose, Dockerfile, dotenv, {@code docker run} lines) plus
 * the provider rules run on any text, the keyword index that picks which rules run, and the
 * shared judgements (placeholders, entropy, secret-like keys, private keys).
 *
 * <p>Front door: {@link dev.hush.core.detect.Detector}, which runs every {@link
 * dev.hush.core.detect.Analyzer} on one file.
 */
package dev.hush.core.detect;

/**
 * Compose files: the model of services, environment entries, volumes and secrets, each with
 * the text position of its node, and Compose's variable interpolation.
 *
 * <p>Front door: {@link dev.hush.core.format.compose.ComposeFile#parse}.
 */
package dev.hush.core.format.compose;

/**
 * The project's configuration file, {@code .hush.yaml}: paths to skip, extra rules, options.
 *
 * <p>Front door: {@link dev.hush.core.config.HushConfig}.
 */
package dev.hush.core.config;

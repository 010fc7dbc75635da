/**
 * Dotenv files as Compose reads them: entries, quoting and interpolation.
 *
 * <p>Front door: {@link dev.hush.core.format.dotenv.DotenvParser}.
 */
package dev.hush.core.format.dotenv;

/**
 * Shell lines that run {@code docker run}: words, quoting and continuations, enough to find
 * its options.
 *
 * <p>Front door: {@link dev.hush.core.format.shell.DockerRunShell}.
 */
package dev.hush.core.format.shell;

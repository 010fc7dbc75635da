/**
 * Dockerfiles as BuildKit reads them: directives, instructions, continuation lines and the
 * assignments of {@code ENV} and {@code ARG}.
 *
 * <p>Front door: {@link dev.hush.core.format.dockerfile.DockerfileParser}.
 */
package dev.hush.core.format.dockerfile;

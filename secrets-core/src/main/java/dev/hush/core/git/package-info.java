/**
 * Git plumbing: opening repositories, the work tree and the index, facts about a path
 * (tracked, ignored), the one {@code .gitignore} engine, and the hooks that run hush.
 *
 * <p>Front door: {@link dev.hush.core.git.GitRepositories}; hooks through {@link
 * dev.hush.core.git.GitHook}.
 */
package dev.hush.core.git;

/**
 * The hush library: finds inline secrets, privileged containers and docker.sock mounts in a
 * project and its git history, and migrates the secrets into Compose secrets.
 *
 * <p>Front door: {@link dev.hush.core.Hush}, whose static methods return one-shot commands
 * ({@code Hush.scan().root(path).call()}). The pipeline's stages are the sub-packages, in the
 * order their imports run: {@code format} (parsers and models), {@code rules} (the catalogue),
 * {@code detect} (the analyzers), {@code git} (repositories, ignore rules, hooks), {@code scan}
 * (the engine behind a source of files), {@code history}, {@code migrate}, {@code report}.
 */
package dev.hush.core;

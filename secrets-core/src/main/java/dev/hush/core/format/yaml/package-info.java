/**
 * Bounded YAML reading: size, depth and alias limits shared by every YAML reader in hush, so a
 * hostile file cannot exhaust memory or the stack.
 *
 * <p>Front door: {@link dev.hush.core.format.yaml.BoundedYaml}.
 */
package dev.hush.core.format.yaml;

/**
 * The rule catalogue: the built-in rules (compiled from {@code rules.yaml}) and the user's rules
 * from {@code .hush.yaml}.
 *
 * <p>Front door: {@link dev.hush.core.rules.RuleCatalogue}.
 */
package dev.hush.core.rules;

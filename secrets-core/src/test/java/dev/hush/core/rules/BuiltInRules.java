package dev.hush.core.rules;

import java.nio.charset.StandardCharsets;

/**
 * Gives the tests the built-in catalogue parsed from {@code rules.yaml}, with every rule's
 * samples: the {@code rules.bin} that production reads leaves them out.
 */
public final class BuiltInRules {
    private static final RuleCatalogue WITH_SAMPLES = RuleCatalogue.parse(
            new String(RuleCatalogue.resource(RuleCatalogue.RESOURCE).orElseThrow(), StandardCharsets.UTF_8),
            RuleCatalogue.ORIGIN);

    private BuiltInRules() {
    }

    /** Returns the built-in rules read anew as production reads them (from {@code rules.bin}), no regex compiled yet. */
    public static RuleCatalogue loadedAnew() {
        return RuleCatalogue.loadBuiltIn();
    }

    /** Returns whether {@code rule}'s regex has been compiled. */
    public static boolean regexCompiled(Rule rule) {
        return rule.regexCompiled();
    }

    /** Returns the built-in rules as {@code rules.yaml} defines them, samples included. */
    public static RuleCatalogue withSamples() {
        return WITH_SAMPLES;
    }
}

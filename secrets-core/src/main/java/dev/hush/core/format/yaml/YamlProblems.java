package dev.hush.core.format.yaml;

import java.util.Locale;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Says what is wrong with a YAML text without quoting it. snakeyaml-engine names the alias,
 * tag or anchor it could not resolve, and in a file of secrets that name may be a value: an
 * unquoted password that starts with {@code *} ({@code POSTGRES_PASSWORD: *x9...}) is read as
 * an alias, one that starts with {@code !} as a tag. The line says where; the name is left out.
 */
public final class YamlProblems {
    private YamlProblems() {
    }

    /** Returns the problem of {@code e} in words that quote no name from the text. */
    public static String of(MarkedYamlEngineException e) {
        String problem = e.getProblem();
        if (problem == null || problem.isBlank()) {
            return "syntax error";
        }
        String lower = problem.toLowerCase(Locale.ROOT);
        if (lower.startsWith("found undefined alias")) {
            return "an alias (*name) refers to no anchor (&name) defined before it; a value that starts with * must be"
                    + " quoted";
        }
        if (lower.startsWith("could not determine a constructor for the tag")
                || lower.startsWith("found undefined tag handle")) {
            return "an unknown tag (!name); a value that starts with ! must be quoted";
        }
        if (lower.contains("anchor")) {
            return "an anchor or alias name (&name or *name) that is not valid; a value that starts with & or * must"
                    + " be quoted";
        }
        if (lower.startsWith("found unacceptable key")) {
            return "a key that cannot be a map key";
        }
        return problem;
    }
}

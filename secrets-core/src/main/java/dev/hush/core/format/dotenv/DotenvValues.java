package dev.hush.core.format.dotenv;

import dev.hush.core.format.compose.Interpolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Resolves the values of a dotenv file as Compose v2 reads them (compose-go's {@code dotenv}
 * package; docs.docker.com/compose/how-tos/environment-variables/variable-interpolation, "Interpolation
 * syntax" and "env file syntax"): unquoted and double-quoted values are interpolated with
 * {@link Interpolation#resolve}, each variable looked up in the process environment first and
 * then among the earlier lines of the same file; single-quoted values are literal.
 *
 * <p>A value is resolved only when the file alone decides it. It is left unresolved, with the
 * reason, when it refers to a variable that no earlier line sets (Compose takes it from the
 * environment {@code docker compose} runs in, which hush cannot know), to one that
 * {@code setOutside} says is set outside the file (the environment comes first), to one the file
 * sets again later (a service that loads the file with {@code env_file} gets the last one), to a
 * variable listed without a value, or when Compose would refuse the value.
 *
 * <p>docker-compose v1 reads {@code .env} with python-dotenv instead: only {@code ${VAR}} and
 * {@code ${VAR:-default}}, in single quotes too, the file before the environment, and no
 * {@code $$}. Where v1 and v2 differ this follows v2.
 */
public final class DotenvValues {
    private DotenvValues() {
    }

    /**
     * What one entry holds once Compose has read it.
     *
     * @param entry the entry
     * @param value the value a service gets, when the file alone decides it
     * @param unresolved why hush cannot know the value, when it cannot; names variables and lines, never values
     */
    public record Value(DotenvEntry entry, Optional<String> value, Optional<String> unresolved) {
        @Override
        public String toString() {
            // The value may be a secret: say only its shape.
            return "Value[" + entry.key() + ", " + value.map(v -> v.length() + " chars").orElse("unresolved") + "]";
        }
    }

    /**
     * Returns the value of each of {@code entries} (in file order, as {@link DotenvParser} read
     * them), one per entry in the same order.
     *
     * @param setOutside whether a variable is set outside the file, where Compose looks first
     */
    public static List<Value> resolve(List<DotenvEntry> entries, Predicate<String> setOutside) {
        Objects.requireNonNull(entries, "entries == null");
        Objects.requireNonNull(setOutside, "setOutside == null");
        Map<String, Integer> lastLine = new HashMap<>();
        entries.forEach(e -> lastLine.put(e.key(), e.keyLine()));
        Map<String, Value> known = new HashMap<>();
        List<Value> values = new ArrayList<>();
        for (DotenvEntry entry : entries) {
            Value value;
            if (entry.value().isEmpty()) {
                value = new Value(entry, Optional.empty(), Optional.of(entry.key() + " is listed without a value on line "
                        + entry.keyLine() + ", so Compose takes it from the environment docker compose runs in"));
            } else if (!entry.interpolated()) {
                value = new Value(entry, entry.value(), Optional.empty());
            } else {
                List<String> problems = new ArrayList<>();
                Interpolation.Resolution resolution = Interpolation.resolve(entry.value().get(), name -> {
                    Value earlier = known.get(name);
                    if (setOutside.test(name)) {
                        problems.add("it refers to " + name + ", which is set in the environment hush runs in, and"
                                + " Compose takes a variable from the environment before the file");
                    } else if (earlier == null) {
                        problems.add("it refers to " + name + ", which no earlier line of the file sets, so Compose"
                                + " takes it from the environment docker compose runs in");
                    } else if (earlier.unresolved().isPresent()) {
                        problems.add("it refers to " + name + " (line " + earlier.entry().keyLine() + "), and "
                                + earlier.unresolved().get().replaceFirst("^it ", name + " "));
                    } else if (lastLine.get(name) > entry.keyLine()) {
                        problems.add("it refers to " + name + ", which the file sets again on line " + lastLine.get(name)
                                + ", and a service that loads the file with env_file gets that one");
                    } else {
                        return earlier.value();
                    }
                    return Optional.empty();
                });
                if (!problems.isEmpty()) {
                    value = new Value(entry, Optional.empty(), Optional.of(problems.get(0)));
                } else if (resolution.error().isPresent()) {
                    value = new Value(entry, Optional.empty(), Optional.of("Compose refuses the value: "
                            + resolution.error().get() + ", so no service got it"));
                } else {
                    value = new Value(entry, resolution.text(), Optional.empty());
                }
            }
            known.put(entry.key(), value);
            values.add(value);
        }
        return values;
    }
}

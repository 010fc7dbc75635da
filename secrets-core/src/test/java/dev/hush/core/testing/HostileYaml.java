package dev.hush.core.testing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * YAML texts that a hostile or careless repository may hold, for every reader of YAML: each
 * must give a clear error (or a result), quickly, in bounded memory, and never a
 * {@link StackOverflowError} or {@link OutOfMemoryError}.
 */
public final class HostileYaml {
    private HostileYaml() {
    }

    /** Returns a billion-laughs document: nine levels of ten aliases each, 10^9 leaves once expanded. */
    public static String billionLaughs(String key) {
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\"]\n");
        for (int level = 1; level < 10; level++) {
            yaml.append('a').append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            yaml.append("]\n");
        }
        return yaml.append(key).append(": *a9\n").toString();
    }

    /** Returns {@code [[[[...]]]]} nested {@code depth} levels deep, as the value of {@code key}. */
    public static String deepFlow(String key, int depth) {
        return key + ": " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    }

    /** Returns block maps nested {@code depth} levels deep under {@code key}. */
    public static String deepBlock(String key, int depth) {
        StringBuilder yaml = new StringBuilder(key).append(":\n");
        for (int i = 1; i <= depth; i++) {
            yaml.append(" ".repeat(i)).append('k').append(i).append(":\n");
        }
        return yaml.toString();
    }

    /** Returns the named hostile texts, each as {@code (name, text)}. */
    public static Stream<Arguments> cases(String key) {
        return Stream.of(
                Arguments.of("billion laughs", billionLaughs(key)),
                Arguments.of("recursive alias", key + ": &a [*a]\n"),
                Arguments.of("map merging itself", "x: &a {b: 1, <<: *a}\n" + key + ": *a\n"),
                Arguments.of("map merging itself in a list", "x: &a {b: 1, <<: [*a]}\n" + key + ": []\n"),
                Arguments.of("deep flow nesting", deepFlow(key, 100_000)),
                Arguments.of("deep block nesting", deepBlock(key, 1_000)),
                Arguments.of("huge scalar", key + ": \"" + "x".repeat(8 * 1024 * 1024) + "\"\n"),
                Arguments.of("huge key", "x".repeat(2 * 1024 * 1024) + ": 1\n"),
                Arguments.of("duplicate keys", key + ": []\n" + key + ": []\n"),
                Arguments.of("tab indentation", key + ":\n\t- a\n"),
                Arguments.of("invalid UTF-8, decoded", key + ": [\"\uFFFD\uFFFD\"]\n"),
                Arguments.of("lone surrogate", key + ": [\"\uD800\"]\n"),
                Arguments.of("control characters", key + ": [\"\u0001\u0007\"]\n"),
                Arguments.of("NUL byte", key + ": [a\u0000b]\n"),
                Arguments.of("byte order mark", "\uFEFF" + key + ": []\n"),
                Arguments.of("CRLF", key + ":\r\n  - a\r\n"),
                Arguments.of("document stream", key + ": []\n---\n" + key + ": []\n"),
                Arguments.of("list at the top", "- a\n- b\n"),
                Arguments.of("scalar at the top", "just text\n"),
                Arguments.of("null at the top", "~\n"),
                Arguments.of("non-scalar key", "? [a, b]\n: c\n"),
                Arguments.of("unknown tag", key + ": !!javaobject [a]\n"),
                Arguments.of("unclosed quote", key + ": \"open\n"),
                Arguments.of("many documents", (key + ": []\n---\n").repeat(10_000)));
    }

    /** Returns the names of the cases, for messages. */
    public static List<String> names() {
        return cases("k").map(a -> (String) a.get()[0]).toList();
    }
}

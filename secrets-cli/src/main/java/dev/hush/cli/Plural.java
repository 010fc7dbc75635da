package dev.hush.cli;

/** Writes counts the way a sentence needs them: {@code 1 finding}, {@code 2 findings}, {@code 0 findings}. */
final class Plural {
    private Plural() {
    }

    /** Returns {@code count} and {@code noun}, with an {@code s} unless the count is one. */
    static String of(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}

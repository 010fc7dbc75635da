package dev.hush.cli;

/** Tells whether hush talks to a person at a terminal, and whether colours are welcome there. */
final class Terminal {
    private Terminal() {
    }

    /** Returns whether standard input and output are a terminal. */
    static boolean interactive() {
        return System.console() != null;
    }

    /** Returns whether to colour output: on a terminal, unless {@code NO_COLOR} is set. */
    static boolean colors() {
        String noColor = System.getenv("NO_COLOR");
        return interactive() && (noColor == null || noColor.isEmpty());
    }
}

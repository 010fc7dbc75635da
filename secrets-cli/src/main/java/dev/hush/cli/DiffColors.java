package dev.hush.cli;

/** Colours a unified diff for a terminal: removed lines red, added lines green, hunk headers cyan. */
final class DiffColors {
    private static final String RESET = "\u001b[0m";

    private DiffColors() {
    }

    static String apply(String diff, boolean color) {
        if (!color) {
            return diff;
        }
        StringBuilder out = new StringBuilder(diff.length() + 256);
        for (String line : diff.split("\n", -1)) {
            String code = line.startsWith("+++") || line.startsWith("---") ? "\u001b[1m"
                    : line.startsWith("+") ? "\u001b[32m"
                    : line.startsWith("-") ? "\u001b[31m"
                    : line.startsWith("@@") ? "\u001b[36m"
                    : null;
            out.append(code == null ? line : code + line + RESET).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }
}

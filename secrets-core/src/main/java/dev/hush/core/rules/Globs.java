package dev.hush.core.rules;

import java.util.regex.Pattern;

/**
 * Turns a path glob into a regex: {@code *} stays within a folder, {@code **} crosses
 * folders, {@code ?} is one character; a glob without {@code /} matches the file name in
 * any folder, as in {@code .gitignore}.
 */
final class Globs {
    private Globs() {
    }

    static Pattern toPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        String body = glob.startsWith("/") ? glob.substring(1) : glob;
        if (!glob.contains("/")) {
            regex.append("(?:.*/)?");
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '*' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
                boolean slash = i + 2 < body.length() && body.charAt(i + 2) == '/';
                regex.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}

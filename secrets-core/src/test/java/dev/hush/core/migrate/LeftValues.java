package dev.hush.core.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Says where a value left in a file is written, by the YAML keys above its line: for counting causes, never the value. */
final class LeftValues {
    private LeftValues() {
    }

    /** Returns the cause of the value on line {@code index} of {@code lines}: where it is written, never the value. */
    static String cause(String path, String[] lines, int index, String value) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (embedded(lines[index], value)) {
            return "inside-a-word";
        } else if (lines[index].strip().startsWith("#")) {
            return "comment";
        } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            String where = keyPath(lines, index, value);
            return "yaml:" + where.replaceAll("^services\\.[^.]*\\.", "").replaceAll("^(healthcheck|command|entrypoint)\\..*", "$1");
        } else if (name.equals("SECRETS-ROTATION.md")) {
            return "checklist";
        }
        return "file:" + (name.startsWith(".env") ? ".env*" : name.contains("Dockerfile") ? "Dockerfile" : name.contains(".") ? "*" + name.substring(name.lastIndexOf('.')) : name);
    }

    private static String keyPath(String[] lines, int at, String value) {
        String line = lines[at];
        int indent = indent(line);
        List<String> keys = new ArrayList<>();
        String own = line.strip();
        String ownKey = own.startsWith("- ") ? (own.contains("=") ? own.substring(2, own.indexOf('=')).replace("\"", "") : "-") : own.contains(":") ? own.substring(0, own.indexOf(':')) : "?";
        for (int i = at - 1; i >= 0 && indent > 0; i--) {
            String l = lines[i];
            if (l.isBlank() || l.strip().startsWith("#")) {
                continue;
            }
            int in = indent(l);
            boolean item = l.strip().startsWith("- ");
            if (in < indent || (in == indent && own.startsWith("- ") && !item && keys.isEmpty())) {
                String k = l.strip();
                k = k.startsWith("- ") ? k.substring(2) : k;
                keys.add(0, k.contains(":") ? k.substring(0, k.indexOf(':')) : k);
                indent = in;
            }
        }
        String where = keys.size() >= 3 && keys.get(0).equals("services") ? String.join(".", keys.subList(2, keys.size()))
                : String.join(".", keys);
        boolean whole = own.endsWith(": " + value) || own.endsWith("=" + value) || own.endsWith(": \"" + value + "\"")
                || own.endsWith(": '" + value + "'");
        String key = ownKey.toUpperCase(Locale.ROOT);
        boolean secretKey = key.matches(".*(PASS|SECRET|TOKEN|KEY|PWD|CREDENTIAL|AUTH).*");
        if (where.endsWith("environment") || where.endsWith("args")) {
            return where.substring(where.lastIndexOf('.') + 1) + (secretKey ? ":secret-key" : ":other-key")
                    + (whole ? ":whole" : ":part");
        }
        return where + "." + ownKey;
    }

    /** Whether every occurrence of value on the line is part of a longer word of letters and digits. */
    private static boolean embedded(String line, String value) {
        for (int at = line.indexOf(value); at >= 0; at = line.indexOf(value, at + 1)) {
            boolean before = at > 0 && Character.isLetterOrDigit(line.charAt(at - 1));
            int end = at + value.length();
            boolean after = end < line.length() && Character.isLetterOrDigit(line.charAt(end));
            boolean flag = at > 1 && line.charAt(at - 2) == '-' && (line.charAt(at - 1) == 'p' || line.charAt(at - 1) == 'a');
            if ((!before || flag) && !after || flag) {
                return false;
            }
            if (!before && !after) {
                return false;
            }
        }
        return true;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}

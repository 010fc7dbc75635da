package dev.hush.core.migrate.plan;

import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.compose.ComposeFile.Command;
import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.migrate.edit.ComposeEditor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points the healthchecks, commands and entrypoints that quote a moved value at the value's new
 * place in the container: a shell script ({@code CMD-SHELL}, {@code sh -c}) reads
 * {@code "$${KEY}"} where the value now arrives from an env file, or
 * {@code "$$(cat /run/secrets/<name>)"} where it arrives as a mounted secret; {@code $$} is
 * Compose's escape, so the container's shell expands it, not Compose. Only a value written as
 * a word of its own, or as the argument of a one-letter option ({@code -pVALUE}), is replaced: the
 * same letters inside a longer word are something else. What cannot be rewritten keeps its
 * reason, for the list of values left to the user.
 */
final class CommandPlanning {
    /** What a service's container can expand to each group's value, by "compose path \0 service". */
    private final Map<String, Map<Group, String>> expansions = new LinkedHashMap<>();
    private final Map<String, ComposeEditor> editors = new LinkedHashMap<>();
    /** Why a command line still quotes a group's value, by group and "path \0 line". */
    private final Map<Group, Map<String, String>> refusals = new java.util.IdentityHashMap<>();

    /** Records that {@code service} of {@code editor} gets {@code group}'s value, which a shell reads as {@code expansion}. */
    void delivered(ComposeEditor editor, String service, Group group, String expansion) {
        editors.put(editor.path(), editor);
        expansions.computeIfAbsent(editor.path() + "\0" + service, k -> new LinkedHashMap<>()).putIfAbsent(group, expansion);
    }

    /** Rewrites every command string that quotes a value its service now gets from elsewhere. */
    void rewrite() {
        for (Map.Entry<String, Map<Group, String>> entry : expansions.entrySet()) {
            String[] at = entry.getKey().split("\0", 2);
            ComposeEditor editor = editors.get(at[0]);
            Optional<Service> service = editor.service(at[1]);
            if (service.isEmpty()) {
                continue;
            }
            for (Command command : service.get().commands()) {
                List<ComposeEditor.Replacement> replacements = new ArrayList<>();
                List<Group> groups = new ArrayList<>();
                for (Map.Entry<Group, String> delivered : entry.getValue().entrySet()) {
                    int before = replacements.size();
                    rewrite(editor, service.get(), command, delivered.getKey(), delivered.getValue(), replacements);
                    if (replacements.size() > before) {
                        groups.add(delivered.getKey());
                    }
                }
                if (replacements.isEmpty()) {
                    continue;
                }
                String where = command.setting() + " of service " + service.get().name();
                Optional<String> refusal = overlapping(replacements).or(() -> editor.rewriteCommand(command, replacements));
                for (Group group : groups) {
                    if (refusal.isPresent()) {
                        refuse(editor, service.get(), command, group, where + " quotes the value, and hush"
                                + " could not rewrite it there: " + refusal.get() + "; read the secret there by hand");
                    } else {
                        editor.reason("read secret " + group.name + " in the " + where);
                    }
                }
            }
        }
    }

    private static Optional<String> overlapping(List<ComposeEditor.Replacement> replacements) {
        List<ComposeEditor.Replacement> sorted = new ArrayList<>(replacements);
        sorted.sort(java.util.Comparator.comparingInt(ComposeEditor.Replacement::at));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).at() < sorted.get(i - 1).at() + sorted.get(i - 1).length()) {
                return Optional.of("two secrets' values overlap in the string");
            }
        }
        return Optional.empty();
    }

    private void rewrite(ComposeEditor editor, Service service, Command command, Group group, String expansion,
            List<ComposeEditor.Replacement> replacements) {
        String value = group.value.reveal();
        String text = command.value().text();
        List<Integer> words = occurrences(text, value);
        if (words.isEmpty()) {
            return;
        }
        int line = command.value().span().line();
        String where = command.setting() + " of service " + service.name();
        if (!command.shell()) {
            refuse(editor, service, command, group, where + " quotes the value, and no shell runs it ("
                    + (command.setting().equals("healthcheck.test") ? "the CMD form" : "Compose splits it into words")
                    + "), so nothing in the container could read the secret there, and hush does not add a shell the"
                    + " image may not have; where it has one, write it as a shell script (CMD-SHELL, or sh -c) that"
                    + " reads " + shown(expansion) + ", by hand");
            return;
        }
        if (command.origin().inherited()) {
            refuse(editor, service, command, group, where + " quotes the value, and it is written once for several services ("
                    + command.origin().home() + "), which may not all get the secret; change it where it is written");
            return;
        }
        Optional<String> other = otherSetting(editor, group);
        if (other.isPresent()) {
            refuse(editor, service, command, group, where + " quotes the value, and " + other.get() + " holds the same"
                    + " value without being this secret, so hush cannot tell which of them the script means (after a"
                    + " rotation they differ); read " + shown(expansion) + " there by hand where it is the secret");
            return;
        }
        if (!plain(value)) {
            refuse(editor, service, command, group, where + " quotes the value, which holds characters (quotes, $, spaces) that"
                    + " hush does not rewrite inside a script; read " + shown(expansion) + " there by hand");
            return;
        }
        // The replacement must expand to the same text in the shell's quoting state at each place.
        for (int offset : words) {
            String quoted = switch (quoting(text, offset)) {
                case '\'' -> "'\"" + expansion + "\"'";
                case '"' -> expansion;
                default -> "\"" + expansion + "\"";
            };
            replacements.add(new ComposeEditor.Replacement(offset, value.length(), quoted.replace("$", "$$")));
        }
    }

    /** Returns "KEY of service S" for an entry of {@code editor}'s file that holds {@code group}'s value but stays. */
    private static Optional<String> otherSetting(ComposeEditor editor, Group group) {
        java.util.Set<Integer> moved = new java.util.HashSet<>();
        group.sites.stream().filter(site -> site.variable != null).forEach(site -> moved.add(site.variable.entry().start()));
        for (Service service : editor.document().services()) {
            for (List<ComposeFile.Variable> variables : List.of(service.environment(), service.buildArgs())) {
                for (ComposeFile.Variable variable : variables) {
                    if (!moved.contains(variable.entry().start()) && variable.value()
                            .flatMap(v -> Values.literal(v.text())).map(group.value.reveal()::equals).orElse(false)) {
                        return Optional.of(variable.name() + " of service " + service.name());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String shown(String expansion) {
        return "\"" + expansion.replace("$", "$$") + "\"";
    }

    /**
     * Returns where {@code value} stands in {@code text} as a word of its own or as the argument
     * of a one-letter option: not preceded or followed by a letter or digit, except the option's letter.
     */
    static List<Integer> occurrences(String text, String value) {
        List<Integer> found = new ArrayList<>();
        if (value.isEmpty()) {
            return found;
        }
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
            int end = at + value.length();
            boolean after = end < text.length() && wordChar(text.charAt(end));
            boolean before = at > 0 && wordChar(text.charAt(at - 1));
            boolean option = at >= 2 && Character.isLetter(text.charAt(at - 1)) && text.charAt(at - 2) == '-'
                    && (at == 2 || !wordChar(text.charAt(at - 3)) && text.charAt(at - 3) != '-');
            if (!after && (!before || option)) {
                found.add(at);
            }
        }
        return found;
    }

    private static boolean wordChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_';
    }

    /** Returns whether {@code value} is written the same in every quoting state of a shell and of YAML. */
    static boolean plain(String value) {
        return value.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && "\"'\\$`#;&|<>(){}*?[]~!".indexOf(ch) < 0);
    }

    /** Returns the shell quote that is open at {@code offset} of {@code script}: a quote character, or a space for none. */
    static char quoting(String script, int offset) {
        char open = ' ';
        for (int i = 0; i < offset; i++) {
            char ch = script.charAt(i);
            if (open == '\'') {
                open = ch == '\'' ? ' ' : open;
            } else if (ch == '\\') {
                i++;
            } else if (open == '"') {
                open = ch == '"' ? ' ' : open;
            } else if (ch == '\'' || ch == '"') {
                open = ch;
            }
        }
        return open;
    }

    private void refuse(ComposeEditor editor, Service service, Command command, Group group, String reason) {
        refusals.computeIfAbsent(group, g -> new LinkedHashMap<>()).putIfAbsent(key(editor.path(), service, command), reason);
    }

    private static String key(String path, Service service, Command command) {
        return path + "\0" + service.name() + "\0" + command.setting() + "\0" + command.index();
    }

    /** Returns why the command written on {@code line} of {@code compose} still quotes {@code group}'s value, if it was refused. */
    Optional<String> refusal(String path, ComposeFile compose, String text, int line, Group group) {
        for (Service service : compose.documents().get(0).services()) {
            for (Command command : service.commands()) {
                String refusal = refusals.getOrDefault(group, Map.of()).get(key(path, service, command));
                if (refusal != null && covers(command, text, line)) {
                    return Optional.of(refusal);
                }
            }
        }
        return Optional.empty();
    }

    /** Returns whether a command of a service of {@code compose} is written on {@code line}. */
    static boolean commandOn(ComposeFile compose, String text, int line) {
        return compose.documents().get(0).services().stream().flatMap(s -> s.commands().stream())
                .anyMatch(command -> covers(command, text, line));
    }

    private static boolean covers(Command command, String text, int line) {
        ComposeFile.Span span = command.value().span();
        int last = span.line() + (int) text.substring(span.start(), Math.min(span.end(), text.length())).chars()
                .filter(ch -> ch == '\n').count();
        return span.line() <= line && line <= last;
    }
}

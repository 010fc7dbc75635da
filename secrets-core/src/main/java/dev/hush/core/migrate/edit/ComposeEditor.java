package dev.hush.core.migrate.edit;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.compose.ComposeFile.Block;
import dev.hush.core.format.compose.ComposeFile.Document;
import dev.hush.core.format.compose.ComposeFile.SecretUse;
import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.format.compose.ComposeFile.Span;
import dev.hush.core.format.compose.ComposeFile.Variable;
import dev.hush.core.migrate.FileEdit;
import dev.hush.core.model.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects the changes a migration makes to one compose file, then writes them as text edits
 * at the parsed nodes' positions: nothing is re-serialized, so comments, anchors, quoting,
 * key order and blank lines survive, and new lines follow the file's indentation and list
 * style. The result is parsed again and compared with the original model; a file whose new
 * model differs in anything but the intended changes is not edited at all.
 */
public final class ComposeEditor {
    /** The comment written above the settings that replace {@code privileged: true}. */
    public static final String HARDEN_COMMENT = "# hush: add back capabilities one by one with cap_add, or devices: for device access";

    private final String path;
    private final byte[] original;
    private final String text;
    private final YamlText yaml;
    private final ComposeFile model;
    private final Document document;
    private final int unit;
    private final boolean indentsLists;

    private final Map<Integer, Variable> removed = new TreeMap<>();
    private final Map<Integer, String[]> replaced = new TreeMap<>();
    private final Map<Integer, Variable> replacedVariables = new TreeMap<>();
    private final Map<String, Map<String, String>> addedEnvironment = new LinkedHashMap<>();
    private final Map<String, Set<String>> addedSecrets = new LinkedHashMap<>();
    private final Map<String, Set<String>> addedBuildSecrets = new LinkedHashMap<>();
    private final Map<String, Set<String>> addedEnvFiles = new LinkedHashMap<>();
    private final Map<String, String> definedSecrets = new LinkedHashMap<>();
    private final Set<String> hardened = new LinkedHashSet<>();
    private final Map<Integer, CommandRewrite> rewrittenCommands = new TreeMap<>();
    private final List<String> reasons = new ArrayList<>();
    private final List<SecretValue> removedSecrets = new ArrayList<>();

    private ComposeEditor(String path, byte[] original, String text, ComposeFile model) {
        this.path = path;
        this.original = original;
        this.text = text;
        this.yaml = new YamlText(text);
        this.model = model;
        this.document = model.documents().get(0);
        int unitFound = 2;
        if (!document.services().isEmpty()) {
            Service first = document.services().get(0);
            unitFound = YamlText.unit(yaml.column(first.key().start()), yaml.column(first.body().start()));
        }
        this.unit = unitFound;
        this.indentsLists = yaml.indentsLists();
    }

    /**
     * Returns an editor for the compose file {@code path} holding {@code bytes}, or a reason why
     * hush does not edit it: not UTF-8, not one well-formed compose document.
     */
    public static Opened open(String path, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
            return new Opened(null, path + " is not UTF-8 text, so hush does not rewrite it");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        ComposeFile model = ComposeFile.parse(new SourceFile(path, text));
        if (!model.problems().isEmpty()) {
            return new Opened(null, path + " could not be read fully (" + describe(model.problems().get(0))
                    + "), so hush does not rewrite it");
        }
        if (model.documents().size() != 1) {
            return new Opened(null, path + " holds " + model.documents().size()
                    + " compose documents; hush rewrites files with exactly one");
        }
        return new Opened(new ComposeEditor(path, bytes, text, model), null);
    }

    /** An editor, or why there is none. */
    public record Opened(ComposeEditor editor, String refusal) {
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    public Document document() {
        return document;
    }

    public Optional<Service> service(String name) {
        return document.services().stream().filter(service -> service.name().equals(name)).findFirst();
    }

    /** Returns the services that see the entry written at {@code entry} in their environment or build args. */
    public List<String> users(Variable entry) {
        List<String> users = new ArrayList<>();
        for (Service service : document.services()) {
            boolean uses = service.environment().stream().anyMatch(v -> v.entry().start() == entry.entry().start())
                    || service.buildArgs().stream().anyMatch(v -> v.entry().start() == entry.entry().start());
            if (uses) {
                users.add(service.name());
            }
        }
        return users;
    }

    /** Returns how a secret file at {@code secretPath} (relative to the root) is written from this file's folder. */
    public String relativeToFile(String secretPath) {
        int depth = (int) path.chars().filter(c -> c == '/').count();
        return depth == 0 ? "./" + secretPath : "../".repeat(depth) + secretPath;
    }

    /** Returns the file a top-level secret of this file reads, relative to the root, if it names one. */
    public Optional<String> definedFile(String name) {
        return document.secrets().stream()
                .filter(secret -> secret.name().equals(name))
                .findFirst()
                .map(secret -> secret.file().flatMap(file -> ComposeFile.resolve(path, file)).orElse(""));
    }

    /** Removes an entry from its {@code environment} or {@code args}; an entry shared through an anchor is removed once. */
    public void remove(Variable variable, SecretValue... values) {
        removed.put(variable.entry().start(), variable);
        removedSecrets.addAll(List.of(values));
    }

    /** Replaces an entry with {@code key} set to {@code value}, in the same form and place. */
    public void replace(Variable variable, String key, String value, SecretValue... values) {
        replaced.put(variable.entry().start(), new String[] {key, value});
        replacedVariables.put(variable.entry().start(), variable);
        removedSecrets.addAll(List.of(values));
    }

    /** Adds {@code key: value} to a service's {@code environment}. */
    public void addEnvironment(String service, String key, String value) {
        addedEnvironment.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
    }

    /** Gives a service the secret {@code name}, unless it already has it. */
    public void addSecret(String service, String name) {
        boolean present = service(service).map(s -> s.secrets().stream().anyMatch(u -> u.source().equals(name)))
                .orElse(false);
        if (!present) {
            addedSecrets.computeIfAbsent(service, s -> new LinkedHashSet<>()).add(name);
        }
    }

    /**
     * Makes a service load the env file {@code envFilePath} (relative to the root) after its
     * other env files, so its entries win over theirs; unless it already loads it.
     */
    public void addEnvFile(String service, String envFilePath) {
        String written = relativeToFile(envFilePath);
        boolean present = service(service).map(s -> s.envFiles().stream()
                .anyMatch(e -> ComposeFile.resolve(path, e.path().text()).map(envFilePath::equals).orElse(false)))
                .orElse(false);
        if (!present) {
            addedEnvFiles.computeIfAbsent(service, s -> new LinkedHashSet<>()).add(written);
        }
    }

    /** Gives a service's build the secret {@code name}, unless it already has it. */
    public void addBuildSecret(String service, String name) {
        boolean present = service(service).flatMap(Service::build)
                .map(b -> b.secrets().stream().anyMatch(u -> u.source().equals(name))).orElse(false);
        if (!present) {
            addedBuildSecrets.computeIfAbsent(service, s -> new LinkedHashSet<>()).add(name);
        }
    }

    /** Defines the top-level secret {@code name} reading {@code secretPath} (relative to the root), unless defined. */
    public void defineSecret(String name, String secretPath) {
        if (definedFile(name).isEmpty()) {
            definedSecrets.put(name, relativeToFile(secretPath));
        }
    }

    /** A command string whose text changes: {@code edits} at its written (raw) offsets, and the text it then reads as. */
    private record CommandRewrite(ComposeFile.Command command, List<TextEdit> edits, String text) {
    }

    /**
     * One change to a command string: {@code length} characters at {@code at} of its text (as
     * YAML reads it) become {@code text}, which must need no escaping but of quotes.
     */
    public record Replacement(int at, int length, String text) {
    }

    /**
     * Rewrites a command string; returns why not when the places cannot be found as written in
     * the file (escapes or folding around them), or a replacement would start a plain scalar
     * (which would change its style). Quotes in the replacements are escaped for the scalar's style.
     */
    public Optional<String> rewriteCommand(ComposeFile.Command command, List<Replacement> replacements) {
        ComposeFile.Scalar scalar = command.value();
        String raw = text.substring(scalar.span().start(), scalar.span().end());
        char first = raw.isEmpty() ? ' ' : raw.charAt(0);
        List<TextEdit> edits = new ArrayList<>();
        List<Replacement> sorted = new ArrayList<>(replacements);
        sorted.sort(Comparator.comparingInt(Replacement::at));
        StringBuilder updated = new StringBuilder();
        int from = 0;
        for (Replacement replacement : sorted) {
            String needle = scalar.text().substring(replacement.at(), replacement.at() + replacement.length());
            List<Integer> textAt = occurrences(scalar.text(), needle);
            List<Integer> rawAt = occurrences(raw, needle);
            if (rawAt.size() != textAt.size() || replacement.at() < from) {
                return Optional.of("the string is written with escapes or folding around the value");
            }
            int rawOffset = rawAt.get(textAt.indexOf(replacement.at()));
            if (rawOffset == 0 && first != '"' && first != '\'' && first != '|' && first != '>') {
                return Optional.of("the value starts the string, which is written without quotes");
            }
            String written = first == '"' ? replacement.text().replace("\\", "\\\\").replace("\"", "\\\"")
                    : first == '\'' ? replacement.text().replace("'", "''") : replacement.text();
            edits.add(new TextEdit(scalar.span().start() + rawOffset, replacement.length(), written));
            updated.append(scalar.text(), from, replacement.at()).append(replacement.text());
            from = replacement.at() + replacement.length();
        }
        updated.append(scalar.text().substring(from));
        rewrittenCommands.put(scalar.span().start(), new CommandRewrite(command, edits, updated.toString()));
        return Optional.empty();
    }

    private static List<Integer> occurrences(String text, String needle) {
        List<Integer> found = new ArrayList<>();
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            found.add(i);
        }
        return found;
    }

    /** Replaces a service's {@code privileged: true}; returns why not when the file does not allow it. */
    public Optional<String> harden(String serviceName) {
        Service service = service(serviceName).orElseThrow();
        if (service.privileged().isEmpty() || service.privileged().get().origin().inherited()) {
            return Optional.of("privileged of service " + serviceName + " is set through an anchor or merge;"
                    + " change it where it is written");
        }
        if (text.charAt(service.body().start()) == '{' || !yaml.onlyCommentAfter(service.privileged().get().value().span().end())) {
            return Optional.of("service " + serviceName + " is written in flow style; replace privileged by hand");
        }
        int bodyEnd = yaml.afterLastContentLine(service.body().start(), service.body().end());
        String body = text.substring(service.body().start(), Math.min(bodyEnd, text.length()));
        int column = yaml.column(service.body().start());
        if (body.matches("(?s).*(^|\\n)" + " ".repeat(column) + "(cap_drop|security_opt)\\s*:.*")) {
            return Optional.of("service " + serviceName + " already sets cap_drop or security_opt; merge the"
                    + " least-privilege settings into them by hand");
        }
        hardened.add(serviceName);
        return Optional.empty();
    }

    /** Adds a line saying why the file changes. */
    public void reason(String reason) {
        if (!reasons.contains(reason)) {
            reasons.add(reason);
        }
    }

    public boolean hasChanges() {
        return !removed.isEmpty() || !replaced.isEmpty() || !addedEnvironment.isEmpty() || !addedSecrets.isEmpty()
                || !addedBuildSecrets.isEmpty() || !addedEnvFiles.isEmpty() || !definedSecrets.isEmpty()
                || !hardened.isEmpty() || !rewrittenCommands.isEmpty();
    }

    /** The edited file, or why it was not edited. */
    public record Rendered(Optional<FileEdit> edit, Optional<String> refusal) {
    }

    /** Writes the changes as one edit, after checking that the new text means what was intended. */
    public Rendered render() {
        if (!hasChanges()) {
            return new Rendered(Optional.empty(), Optional.empty());
        }
        List<TextEdit> edits = new ArrayList<>();
        List<int[]> deletions = new ArrayList<>();
        try {
            Optional<String> refusal = removals(deletions, edits);
            if (refusal.isPresent()) {
                return refused(refusal.get());
            }
            replaced.forEach((start, keyValue) -> edits.add(replacement(replacedVariables.get(start), keyValue)));
            for (Map.Entry<String, Map<String, String>> entry : addedEnvironment.entrySet()) {
                refusal = addEnvironmentEdits(service(entry.getKey()).orElseThrow(), entry.getValue(), edits);
                if (refusal.isPresent()) {
                    return refused(refusal.get());
                }
            }
            for (Map.Entry<String, Set<String>> entry : addedSecrets.entrySet()) {
                Service service = service(entry.getKey()).orElseThrow();
                refusal = addListItems(service, service.secretsBlock(), service.secrets(), "secrets", entry.getValue(),
                        service.body(), edits);
                if (refusal.isPresent()) {
                    return refused(refusal.get());
                }
            }
            for (Map.Entry<String, Set<String>> entry : addedEnvFiles.entrySet()) {
                refusal = addEnvFileEdits(service(entry.getKey()).orElseThrow(), entry.getValue(), edits);
                if (refusal.isPresent()) {
                    return refused(refusal.get());
                }
            }
            for (Map.Entry<String, Set<String>> entry : addedBuildSecrets.entrySet()) {
                refusal = addBuildSecretEdits(service(entry.getKey()).orElseThrow(), entry.getValue(), edits);
                if (refusal.isPresent()) {
                    return refused(refusal.get());
                }
            }
            if (!definedSecrets.isEmpty()) {
                refusal = defineSecretEdits(edits);
                if (refusal.isPresent()) {
                    return refused(refusal.get());
                }
            }
            for (String service : hardened) {
                edits.add(hardenEdit(service(service).orElseThrow()));
            }
            rewrittenCommands.values().forEach(rewrite -> edits.addAll(rewrite.edits()));
            for (int[] range : merge(deletions)) {
                edits.add(TextEdit.delete(range[0], range[1]));
            }
            String updated = TextEdit.apply(text, edits);
            Optional<String> difference = verify(updated);
            if (difference.isPresent()) {
                return refused("after the rewrite " + difference.get() + ", which was not intended; hush left "
                        + path + " unchanged");
            }
            byte[] bytes = TextEdit.apply(original, edits);
            return new Rendered(Optional.of(FileEdit.modify(path, original, bytes, reasons, removedSecrets)),
                    Optional.empty());
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).startsWith("path ")) {
                // ProjectPaths: a line break in a folder name cannot be a journal entry or an ignore line.
                return refused("hush does not rewrite a file whose " + e.getMessage() + " (a line break or another"
                        + " control character cannot be named in its journal and ignore files); move its secrets by hand");
            }
            return refused("the edits of " + path + " overlap (" + e.getMessage() + "); hush left it unchanged");
        }
    }

    private static Rendered refused(String why) {
        return new Rendered(Optional.empty(), Optional.of(why));
    }

    // ---------------------------------------------------------------- removals

    private Optional<String> removals(List<int[]> deletions, List<TextEdit> edits) {
        if (removed.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> done = new LinkedHashSet<>();
        for (Service service : document.services()) {
            for (int kind = 0; kind < 2; kind++) {
                Optional<Block> block = kind == 0 ? service.environmentBlock() : service.buildArgsBlock();
                List<Variable> variables = kind == 0 ? service.environment() : service.buildArgs();
                if (block.isEmpty() || block.get().origin().inherited()) {
                    continue;
                }
                List<Variable> entries = variables.stream()
                        .filter(v -> !v.origin().inherited() && within(v.entry(), block.get().value())).toList();
                List<Variable> gone = entries.stream().filter(v -> removed.containsKey(v.entry().start())).toList();
                if (gone.isEmpty() || !done.add(block.get().value().start())) {
                    continue;
                }
                Optional<String> refusal = removeFromBlock(block.get(), entries, gone, deletions, edits);
                if (refusal.isPresent()) {
                    return refusal;
                }
                gone.forEach(v -> done.add(-1 - v.entry().start()));
            }
        }
        // Entries written outside a service's own block: in an anchored x- map, or an aliased map.
        for (Variable variable : removed.values()) {
            if (done.contains(-1 - variable.entry().start())) {
                continue;
            }
            List<Variable> siblings = siblings(variable);
            if (siblings.stream().allMatch(v -> removed.containsKey(v.entry().start()))) {
                return Optional.of("removing " + variable.name() + " would leave the anchored map &"
                        + variable.origin().anchor().orElse(variable.origin().home()) + " empty");
            }
            Optional<String> refusal = removeEntry(variable, deletions);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** Returns the entries written in the same anchored map as {@code variable}. */
    private List<Variable> siblings(Variable variable) {
        Map<Integer, Variable> siblings = new TreeMap<>();
        for (Service service : document.services()) {
            for (Variable v : service.environment()) {
                if (v.origin().home().equals(variable.origin().home())
                        && v.origin().anchor().equals(variable.origin().anchor())
                        && v.origin().inherited() == variable.origin().inherited()) {
                    siblings.put(v.entry().start(), v);
                }
            }
        }
        return List.copyOf(siblings.values());
    }

    private Optional<String> removeFromBlock(Block block, List<Variable> entries, List<Variable> gone,
            List<int[]> deletions, List<TextEdit> edits) {
        if (block.flow()) {
            for (Variable variable : gone) {
                deletions.add(flowDeletion(variable.entry()));
            }
            return Optional.empty();
        }
        boolean all = gone.size() == entries.size();
        if (all) {
            int blockEnd = yaml.afterLastContentLine(block.value().start(), block.value().end());
            Set<Integer> covered = new LinkedHashSet<>();
            for (Variable variable : gone) {
                for (int line = yaml.lineStart(variable.entry().start()); line < variable.entry().end();
                        line = yaml.nextLineStart(line)) {
                    covered.add(line);
                    if (yaml.nextLineStart(line) == line) {
                        break;
                    }
                }
            }
            boolean onlyEntries = true;
            boolean comments = false;
            for (int line = yaml.nextLineStart(block.key().start()); line < blockEnd; line = yaml.nextLineStart(line)) {
                String content = yaml.line(line).strip();
                if (content.startsWith("#")) {
                    comments = true;
                } else if (!content.isEmpty() && !covered.contains(line)) {
                    onlyEntries = false;
                }
                if (yaml.nextLineStart(line) == line) {
                    break;
                }
            }
            int colon = text.indexOf(':', block.key().end());
            boolean keyAlone = colon >= 0 && text.substring(block.key().end(), colon).isBlank()
                    && yaml.onlyCommentAfter(colon + 1) && yaml.onlyBlanksBefore(block.key().start());
            if (onlyEntries && keyAlone && !comments) {
                deletions.add(range(yaml.deleteLines(block.key().start(), blockEnd)));
                return Optional.empty();
            }
            if (onlyEntries && keyAlone) {
                // Comments stay where they are; the key keeps a valid empty value.
                edits.add(TextEdit.insert(colon + 1, gone.get(0).form() == ComposeFile.Form.LIST ? " []" : " {}"));
            } else if (onlyEntries) {
                return Optional.of("the last entry of " + gone.get(0).origin().home()
                        + "'s block would leave a key that carries more than its name (an anchor?) empty");
            }
        }
        for (Variable variable : gone) {
            Optional<String> refusal = removeEntry(variable, deletions);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private Optional<String> removeEntry(Variable variable, List<int[]> deletions) {
        int start = variable.entry().start();
        if (isFlowEntry(start)) {
            deletions.add(flowDeletion(variable.entry()));
            return Optional.empty();
        }
        int lineStart = yaml.lineStart(start);
        String before = text.substring(lineStart, start);
        boolean alone = variable.form() == ComposeFile.Form.LIST ? before.strip().equals("-") : before.isBlank();
        int end = variable.entry().end();
        // A block scalar (|, >) ends after its last line break, at the start of the next key's line.
        int lastLineEnd = end > start && text.charAt(end - 1) == '\n' ? end - 1 : end;
        if (!alone || !yaml.onlyCommentAfter(lastLineEnd)) {
            return Optional.of(variable.name() + " shares its line with other YAML, so it cannot be removed line by line");
        }
        deletions.add(range(yaml.deleteLines(start, variable.entry().end())));
        return Optional.empty();
    }

    private boolean isFlowEntry(int start) {
        for (int i = start - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '{' || c == '[' || c == ',') {
                return true;
            }
            if (c == '\n' || c == '-') {
                return false;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return false;
    }

    private int[] flowDeletion(Span entry) {
        int after = entry.end();
        while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
            after++;
        }
        if (after < text.length() && text.charAt(after) == ',') {
            after++;
            while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
                after++;
            }
            return new int[] {entry.start(), after};
        }
        int before = entry.start();
        while (before > 0 && Character.isWhitespace(text.charAt(before - 1))) {
            before--;
        }
        if (before > 0 && text.charAt(before - 1) == ',') {
            return new int[] {before - 1, entry.end()};
        }
        return new int[] {entry.start(), entry.end()};
    }

    private static int[] range(TextEdit deletion) {
        return new int[] {deletion.offset(), deletion.end()};
    }

    private static List<int[]> merge(List<int[]> ranges) {
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(r -> r[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] range : sorted) {
            if (!merged.isEmpty() && range[0] <= merged.get(merged.size() - 1)[1]) {
                int[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(new int[] {range[0], range[1]});
            }
        }
        return merged;
    }

    private static boolean within(Span inner, Span outer) {
        return inner.start() >= outer.start() && inner.start() < Math.max(outer.end(), outer.start() + 1);
    }

    // ---------------------------------------------------------------- replacements and additions

    private TextEdit replacement(Variable variable, String[] keyValue) {
        String written = text.substring(variable.entry().start(), variable.entry().end());
        String replacement;
        if (variable.form() == ComposeFile.Form.LIST) {
            char quote = written.charAt(0);
            replacement = keyValue[0] + "=" + keyValue[1];
            if (quote == '"' || quote == '\'') {
                replacement = quote + replacement + quote;
            }
        } else {
            char quote = text.charAt(variable.key().span().start());
            String key = quote == '"' || quote == '\'' ? quote + keyValue[0] + quote : keyValue[0];
            replacement = key + ": " + keyValue[1];
        }
        return new TextEdit(variable.entry().start(), variable.entry().end() - variable.entry().start(), replacement);
    }

    private Optional<String> addEnvironmentEdits(Service service, Map<String, String> entries, List<TextEdit> edits) {
        Optional<Block> block = service.environmentBlock();
        if (block.isPresent() && block.get().origin().inherited()) {
            return Optional.of("the environment of service " + service.name()
                    + " comes from an anchor, so a new entry there would reach other services");
        }
        List<Variable> own = service.environment().stream().filter(v -> !v.origin().inherited()).toList();
        boolean list = !own.isEmpty() && own.get(own.size() - 1).form() == ComposeFile.Form.LIST;
        List<String> items = new ArrayList<>();
        entries.forEach((key, value) -> items.add(list ? "- " + key + "=" + value : key + ": " + value));
        if (block.isPresent() && block.get().flow()) {
            return insertIntoFlow(block.get(), entries.entrySet().stream()
                    .map(e -> list ? e.getKey() + "=" + e.getValue() : e.getKey() + ": " + e.getValue()).toList(), edits);
        }
        if (block.isPresent() && !own.isEmpty()) {
            Variable last = own.get(own.size() - 1);
            int column = yaml.column(last.form() == ComposeFile.Form.LIST ? text.lastIndexOf('-', last.entry().start()) : last.entry().start());
            edits.add(yaml.insertLines(yaml.afterLastContentLine(last.entry().start(), last.entry().end()),
                    lines(column, items)));
            return Optional.empty();
        }
        if (block.isPresent()) {
            if (!isNullValue(block.get())) {
                return Optional.of("the environment of service " + service.name() + " has no entry of its own to"
                        + " add to");
            }
            edits.add(yaml.insertLines(yaml.nextLineStart(block.get().key().start()),
                    lines(yaml.column(block.get().key().start()) + unit, items)));
            return Optional.empty();
        }
        return createKey(service.body(), "environment", items, false, edits);
    }

    private Optional<String> addListItems(Service service, Optional<Block> block, List<SecretUse> uses, String key,
            Set<String> names, Span parent, List<TextEdit> edits) {
        if (block.isPresent() && block.get().origin().inherited()) {
            return Optional.of("the " + key + " of service " + service.name()
                    + " come from an anchor, so a new entry there would reach other services");
        }
        if (block.isPresent() && block.get().flow()) {
            return insertIntoFlow(block.get(), List.copyOf(names), edits);
        }
        if (block.isPresent() && !uses.isEmpty()) {
            SecretUse last = uses.get(uses.size() - 1);
            int dash = text.lastIndexOf('-', last.entry().start());
            int column = yaml.column(dash);
            List<String> items = new ArrayList<>();
            for (String name : names) {
                if (last.longSyntax()) {
                    int inner = yaml.column(last.entry().start());
                    items.add("- source: " + name + "\n" + YamlText.spaces(inner) + "target: " + name);
                } else {
                    items.add("- " + name);
                }
            }
            edits.add(yaml.insertLines(yaml.afterDeeperComments(
                    yaml.afterLastContentLine(last.entry().start(), last.entry().end()), column), lines(column, items)));
            return Optional.empty();
        }
        List<String> items = names.stream().map(name -> "- " + name).toList();
        if (block.isPresent()) {
            if (!isNullValue(block.get())) {
                return Optional.of("the " + key + " of service " + service.name() + " are not a list hush can extend");
            }
            edits.add(yaml.insertLines(yaml.nextLineStart(block.get().key().start()),
                    lines(yaml.column(block.get().key().start()) + (indentsLists ? unit : 0), items)));
            return Optional.empty();
        }
        return createKey(parent, key, items, true, edits);
    }

    private Optional<String> addBuildSecretEdits(Service service, Set<String> names, List<TextEdit> edits) {
        ComposeFile.Build build = service.build().orElseThrow();
        if (build.block().origin().inherited()) {
            return Optional.of("the build of service " + service.name() + " comes from an anchor");
        }
        Span value = build.block().value();
        if (build.block().flow()) {
            return Optional.of("the build of service " + service.name() + " is written in flow style");
        }
        if (build.context().isPresent() && build.context().get().span().equals(value)) {
            // build: ./dir becomes the long form, which alone can carry secrets.
            int column = yaml.column(build.block().key().start()) + unit;
            StringBuilder longForm = new StringBuilder("\n").append(YamlText.spaces(column)).append("context: ")
                    .append(text, value.start(), value.end()).append('\n').append(YamlText.spaces(column))
                    .append("secrets:");
            for (String name : names) {
                longForm.append('\n').append(YamlText.spaces(column + (indentsLists ? unit : 0))).append("- ").append(name);
            }
            int colon = text.indexOf(':', build.block().key().end());
            edits.add(new TextEdit(colon + 1, value.end() - colon - 1, longForm.toString()));
            return Optional.empty();
        }
        return addListItems(service, build.secretsBlock(), build.secrets(), "secrets", names, value, edits);
    }

    /**
     * Appends {@code files} to a service's {@code env_file}: a new key, a new list item, or a
     * single path turned into a flow list; an inherited {@code env_file} is written out in the
     * service with the new files after the inherited ones.
     */
    private Optional<String> addEnvFileEdits(Service service, Set<String> files, List<TextEdit> edits) {
        List<ComposeFile.EnvFile> own = service.envFiles();
        if (own.isEmpty()) {
            return createKey(service.body(), "env_file", files.stream().map(f -> "- " + f).toList(), true, edits);
        }
        if (own.stream().anyMatch(e -> e.origin().inherited())) {
            if (own.stream().anyMatch(e -> !e.origin().inherited())) {
                return Optional.of("the env_file of service " + service.name() + " is partly inherited through an anchor");
            }
            List<String> items = new ArrayList<>();
            own.forEach(e -> items.add("- " + text.substring(e.path().span().start(), e.path().span().end())));
            files.forEach(f -> items.add("- " + f));
            return createKey(service.body(), "env_file", items, true, edits);
        }
        ComposeFile.EnvFile last = own.get(own.size() - 1);
        Span span = last.path().span();
        int before = span.start() - 1;
        while (before > 0 && (text.charAt(before) == ' ' || text.charAt(before) == '\t')) {
            before--;
        }
        char mark = text.charAt(before);
        String lineStart = text.substring(yaml.lineStart(span.start()), before).strip();
        if (mark == ':' && lineStart.equals("env_file") && own.size() == 1) {
            edits.add(new TextEdit(span.start(), span.end() - span.start(),
                    "[" + text.substring(span.start(), span.end()) + ", " + String.join(", ", files) + "]"));
            return Optional.empty();
        }
        if (mark == '[' || mark == ',') {
            int close = text.indexOf(']', span.end());
            if (close < 0) {
                return Optional.of("the env_file of service " + service.name() + " is a flow list hush cannot extend");
            }
            edits.add(TextEdit.insert(span.end(), ", " + String.join(", ", files)));
            return Optional.empty();
        }
        boolean longSyntax = mark == ':' && lineStart.replaceFirst("^-\\s*", "").equals("path");
        if (mark == '-' || longSyntax) {
            int dash = text.lastIndexOf('-', longSyntax ? before : before);
            int column = yaml.column(dash);
            List<String> items = files.stream().map(f -> longSyntax ? "- path: " + f : "- " + f).toList();
            int end = yaml.nextLineStart(span.end());
            edits.add(yaml.insertLines(yaml.afterDeeperComments(yaml.afterLastContentLine(span.start(),
                    Math.max(end, span.end())), column), lines(column, items)));
            return Optional.empty();
        }
        return Optional.of("the env_file of service " + service.name() + " is written in a form hush cannot extend");
    }

    private Optional<String> defineSecretEdits(List<TextEdit> edits) {
        List<String> entries = new ArrayList<>();
        Optional<Block> block = document.secretsBlock();
        if (block.isPresent() && block.get().flow()) {
            definedSecrets.forEach((name, file) -> entries.add(name + ": {file: " + file + "}"));
            return insertIntoFlow(block.get(), entries, edits);
        }
        if (block.isPresent() && !document.secrets().isEmpty()) {
            int column = yaml.column(document.secrets().get(0).key().start());
            int inner = column + unit;
            definedSecrets.forEach((name, file) -> entries.add(name + ":\n" + YamlText.spaces(inner) + "file: " + file));
            edits.add(yaml.insertLines(yaml.afterLastContentLine(block.get().value().start(), block.get().value().end()),
                    lines(column, entries)));
            return Optional.empty();
        }
        int column = unit;
        definedSecrets.forEach((name, file) -> entries.add(name + ":\n" + YamlText.spaces(column + unit) + "file: " + file));
        if (block.isPresent()) {
            if (!isNullValue(block.get())) {
                return Optional.of("the top-level secrets are not a map hush can extend");
            }
            edits.add(yaml.insertLines(yaml.nextLineStart(block.get().key().start()), lines(column, entries)));
            return Optional.empty();
        }
        int end = yaml.afterDeeperComments(yaml.afterLastContentLine(document.root().start(), document.root().end()), 0);
        String lines = (yaml.separatesTopLevelKeys() ? "\n" : "") + "secrets:\n" + lines(column, entries);
        edits.add(yaml.insertLines(end, lines));
        return Optional.empty();
    }

    private TextEdit hardenEdit(Service service) {
        ComposeFile.Setting privileged = service.privileged().orElseThrow();
        int keyLine = yaml.lineStart(privileged.value().span().start());
        int column = yaml.column(service.body().start());
        String indent = YamlText.spaces(column);
        String lines = indent + HARDEN_COMMENT + "\n" + indent + "cap_drop: [ALL]\n" + indent
                + "security_opt: [no-new-privileges:true]\n";
        int end = yaml.nextLineStart(privileged.value().span().end());
        if (end == text.length() && !text.endsWith("\n")) {
            lines = lines.substring(0, lines.length() - 1);
        }
        return new TextEdit(keyLine, end - keyLine, lines);
    }

    /** Creates {@code key:} with {@code items} after the last line of the map at {@code parent}. */
    private Optional<String> createKey(Span parent, String key, List<String> items, boolean list,
            List<TextEdit> edits) {
        if (text.charAt(parent.start()) == '{') {
            return Optional.of("a map in flow style would need a new " + key + " key; add it by hand");
        }
        int column = yaml.column(parent.start());
        int itemColumn = column + (list && !indentsLists ? 0 : unit);
        int at = yaml.afterDeeperComments(yaml.afterLastContentLine(parent.start(), parent.end()), column);
        edits.add(yaml.insertLines(at, YamlText.spaces(column) + key + ":\n" + lines(itemColumn, items)));
        return Optional.empty();
    }

    private Optional<String> insertIntoFlow(Block block, List<String> items, List<TextEdit> edits) {
        int close = block.value().end() - 1;
        while (close > block.value().start() && Character.isWhitespace(text.charAt(close))) {
            close--;
        }
        char closing = text.charAt(close);
        if (closing != '}' && closing != ']') {
            return Optional.of("a flow collection hush cannot extend");
        }
        int last = close - 1;
        while (last > block.value().start() && Character.isWhitespace(text.charAt(last))) {
            last--;
        }
        boolean empty = last == block.value().start();
        String joined = String.join(", ", items);
        edits.add(TextEdit.insert(last + 1, empty ? joined : ", " + joined));
        return Optional.empty();
    }

    private boolean isNullValue(Block block) {
        return block.value().end() <= block.value().start()
                || text.substring(block.value().start(), block.value().end()).isBlank()
                || text.substring(block.value().start(), block.value().end()).strip().equals("~")
                || text.substring(block.value().start(), block.value().end()).strip().equals("null");
    }

    private static String lines(int column, List<String> items) {
        StringBuilder out = new StringBuilder();
        String indent = YamlText.spaces(column);
        for (String item : items) {
            out.append(indent).append(item).append('\n');
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- verification

    /**
     * Returns what differs between the parsed new text and the original model with the intended
     * changes applied; empty when they agree.
     */
    private Optional<String> verify(String updated) {
        ComposeFile after = ComposeFile.parse(new SourceFile(path, updated));
        if (!after.problems().isEmpty()) {
            return Optional.of("the file no longer parses (" + describe(after.problems().get(0)) + ")");
        }
        if (after.documents().size() != 1) {
            return Optional.of("the file holds " + after.documents().size() + " compose documents");
        }
        Map<String, Object> expected = expected();
        Map<String, Object> actual = summary(after.documents().get(0));
        if (!expected.equals(actual)) {
            for (String key : expected.keySet()) {
                if (!Objects.equals(expected.get(key), actual.get(key))) {
                    return Optional.of(key + " changed");
                }
            }
            return Optional.of("the services or secrets changed");
        }
        return Optional.empty();
    }

    private Map<String, Object> expected() {
        Map<String, Object> summary = summary(document);
        for (Service service : document.services()) {
            String name = service.name();
            @SuppressWarnings("unchecked")
            Map<String, String> environment = (Map<String, String>) summary.get("environment of " + name);
            @SuppressWarnings("unchecked")
            Map<String, String> args = (Map<String, String>) summary.get("build args of " + name);
            for (Variable variable : service.environment()) {
                change(variable, environment);
            }
            for (Variable variable : service.buildArgs()) {
                change(variable, args);
            }
            environment.putAll(addedEnvironment.getOrDefault(name, Map.of()));
            @SuppressWarnings("unchecked")
            Set<String> secrets = (Set<String>) summary.get("secrets of " + name);
            secrets.addAll(addedSecrets.getOrDefault(name, Set.of()));
            @SuppressWarnings("unchecked")
            List<String> envFiles = new ArrayList<>((List<String>) summary.get("env_file of " + name));
            envFiles.addAll(addedEnvFiles.getOrDefault(name, Set.of()));
            summary.put("env_file of " + name, envFiles);
            @SuppressWarnings("unchecked")
            Set<String> buildSecrets = (Set<String>) summary.get("build secrets of " + name);
            buildSecrets.addAll(addedBuildSecrets.getOrDefault(name, Set.of()));
            if (hardened.contains(name)) {
                summary.put("privileged of " + name, "");
            }
            @SuppressWarnings("unchecked")
            Map<String, String> commands = (Map<String, String>) summary.get("commands of " + name);
            for (ComposeFile.Command command : service.commands()) {
                CommandRewrite rewrite = rewrittenCommands.get(command.value().span().start());
                if (rewrite != null) {
                    commands.put(command.setting() + "[" + command.index() + "]", rewrite.text());
                }
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, String> defined = (Map<String, String>) summary.get("top-level secrets");
        definedSecrets.forEach(defined::put);
        return summary;
    }

    private void change(Variable variable, Map<String, String> values) {
        int start = variable.entry().start();
        if (removed.containsKey(start)) {
            values.remove(variable.name());
        } else if (replaced.containsKey(start)) {
            values.remove(variable.name());
            values.put(replaced.get(start)[0], replaced.get(start)[1]);
        }
    }

    private static Map<String, Object> summary(Document document) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("services", document.services().stream().map(Service::name).toList());
        for (Service service : document.services()) {
            String name = service.name();
            summary.put("environment of " + name, values(service.environment()));
            summary.put("build args of " + name, values(service.buildArgs()));
            summary.put("secrets of " + name, new TreeSet<>(service.secrets().stream().map(SecretUse::source).toList()));
            summary.put("build secrets of " + name, new TreeSet<>(service.build()
                    .map(b -> b.secrets().stream().map(SecretUse::source).toList()).orElse(List.of())));
            summary.put("image of " + name, service.image().map(ComposeFile.Scalar::text).orElse(""));
            summary.put("env_file of " + name, service.envFiles().stream().map(e -> e.path().text()).toList());
            summary.put("privileged of " + name, service.privileged().map(s -> s.value().text()).orElse(""));
            Map<String, String> commands = new TreeMap<>();
            service.commands().forEach(c -> commands.put(c.setting() + "[" + c.index() + "]", c.value().text()));
            summary.put("commands of " + name, commands);
            summary.put("volumes of " + name, service.volumes().stream()
                    .map(v -> v.source().map(ComposeFile.Scalar::text).orElse("") + ":" + v.target().orElse("")).toList());
        }
        Map<String, String> defined = new TreeMap<>();
        document.secrets().forEach(secret -> defined.put(secret.name(), secret.file().orElse("")));
        summary.put("top-level secrets", defined);
        return summary;
    }

    private static Map<String, String> values(List<Variable> variables) {
        Map<String, String> values = new TreeMap<>();
        for (Variable variable : variables) {
            values.putIfAbsent(variable.name(), variable.value().map(ComposeFile.Scalar::text).orElse(""));
        }
        return values;
    }

    private static String describe(ComposeFile.Problem problem) {
        return (problem.line() > 0 ? "line " + problem.line() + ": " : "") + problem.message();
    }

    @Override
    public String toString() {
        return "ComposeEditor[" + path + "]";
    }
}

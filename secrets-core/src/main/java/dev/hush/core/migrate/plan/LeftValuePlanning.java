package dev.hush.core.migrate.plan;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.git.WorkTree;
import dev.hush.core.migrate.ChecklistItem;
import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.LeftValue;
import dev.hush.core.migrate.MigrationPlan;
import dev.hush.core.migrate.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the moved values that a planned migration would still leave in a file git would commit
 * (a healthcheck hush could not rewrite, another setting with the same letters, a README, the
 * value inside a longer word), and lists each as manual with its file, line and reason, so that
 * no value is left silently. Reads every file the way the migration leaves it: the planned text
 * of edited files, the work tree's of the rest, without the secrets folder, {@code .hush/}, and
 * what git ignores (with the lines the migration adds to {@code .gitignore}) unless git tracks it.
 */
final class LeftValuePlanning {
    /** Files larger than this are not read: no compose file, script or README is. */
    private static final long MAX_SIZE = 4L << 20;

    private final PlanContext c;
    /** The work tree's texts of the files git would commit, read once per migration. */
    private Map<String, String> workTree;

    LeftValuePlanning(PlanContext c) {
        this.c = c;
    }

    /** Returns the values of {@code written} groups left in the files as {@code plan} leaves them. */
    List<LeftValue> find(MigrationPlan plan, Set<String> ignoredByPlan) throws IOException {
        Map<String, Group> values = new LinkedHashMap<>();
        Set<String> written = new LinkedHashSet<>();
        plan.secretFiles().forEach(f -> written.add(f.name().value()));
        for (Group group : c.groups.values()) {
            if (group.name != null && written.contains(group.name.value()) && !group.value.reveal().isEmpty()) {
                values.putIfAbsent(group.value.reveal(), group);
            }
        }
        List<LeftValue> left = new ArrayList<>();
        if (values.isEmpty()) {
            return left;
        }
        Map<String, String> texts = texts(plan, ignoredByPlan);
        for (Map.Entry<String, String> file : texts.entrySet()) {
            String path = file.getKey();
            String text = file.getValue();
            Optional<ComposeFile> compose = Optional.empty();
            for (Map.Entry<String, Group> value : values.entrySet()) {
                if (!text.contains(value.getKey())) {
                    continue;
                }
                if (compose.isEmpty() && ComposeFile.isComposeName(name(path))) {
                    compose = Optional.of(ComposeFile.parse(new SourceFile(path, text)));
                }
                Set<Integer> lines = new LinkedHashSet<>();
                int[] starts = PlanContext.lineStarts(text);
                for (int at = text.indexOf(value.getKey()); at >= 0; at = text.indexOf(value.getKey(), at + 1)) {
                    int line = lineOf(starts, at);
                    if (lines.add(line)) {
                        String lineText = text.substring(starts[line - 1], line < starts.length ? starts[line] : text.length());
                        left.add(new LeftValue(value.getValue().name, path, line,
                                reason(path, text, line, lineText, value.getKey(), value.getValue(), compose)));
                    }
                }
            }
        }
        return left;
    }

    /** Adds the checklist sections that list {@code left} to the user, one per secret and file. */
    void report(List<LeftValue> left) {
        Map<String, List<LeftValue>> byFile = new LinkedHashMap<>();
        left.forEach(l -> byFile.computeIfAbsent(l.secret().value() + "\0" + l.path(), k -> new ArrayList<>()).add(l));
        for (List<LeftValue> same : byFile.values()) {
            LeftValue first = same.get(0);
            String where = first.path() + " line" + (same.size() == 1 ? " " : "s ")
                    + String.join(", ", same.stream().map(l -> String.valueOf(l.line())).toList());
            List<String> steps = new ArrayList<>();
            same.stream().map(l -> "Line " + l.line() + ": " + l.reason()).distinct().forEach(steps::add);
            steps.add("Rotate secret `" + first.secret() + "`, so that the value left there stops being the secret");
            c.checklist.add(new ChecklistItem.ManualSteps("The value of secret `" + first.secret() + "` is still"
                    + " written in " + first.path(), "After the migration the same value still appears at " + where
                    + ", which git would commit; hush could not take it out safely, so it is yours to handle.", steps));
        }
    }

    private String reason(String path, String text, int line, String lineText, String value, Group group,
            Optional<ComposeFile> compose) {
        if (CommandPlanning.occurrences(lineText, value).isEmpty()) {
            return "the same letters are part of a longer word there (a name, an image, a path, a sentence), which"
                    + " hush does not change; a value that common is easy to guess: give the secret a new, generated"
                    + " value";
        }
        if (path.equals(c.options.checklist())) {
            return "hush's own checklist uses the same word; a value that common is easy to guess: give the secret a"
                    + " new, generated value";
        }
        if (compose.isPresent() && !compose.get().documents().isEmpty()) {
            Optional<String> refused = c.commands.refusal(path, compose.get(), text, line, group);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (lineText.strip().startsWith("#")) {
                return "a comment quotes it; delete the value from the comment by hand";
            }
            if (CommandPlanning.commandOn(compose.get(), text, line)) {
                return "a command of a service that does not get the secret quotes it; give that service the secret"
                        + " and read it there, by hand";
            }
            Optional<String> entry = entryOn(compose.get(), line);
            if (entry.isPresent()) {
                return entry.get() + " holds the same value too, and hush does not move it (its name does not name a"
                        + " secret, or the value is part of a longer one); if it is the same secret, move it by hand,"
                        + " else give the secret another value";
            }
            return "the value is also a name or setting there (a service, network, volume, image, label or path),"
                    + " which hush cannot change; a password equal to a name is easy to guess: give the secret a new,"
                    + " generated value";
        }
        return "hush does not rewrite " + name(path) + "; take the value out of it by hand";
    }

    /** Returns "KEY of service S" for the environment entry or build arg written on {@code line}, if any. */
    private static Optional<String> entryOn(ComposeFile compose, int line) {
        for (ComposeFile.Service service : compose.documents().get(0).services()) {
            for (List<ComposeFile.Variable> variables : List.of(service.environment(), service.buildArgs())) {
                for (ComposeFile.Variable variable : variables) {
                    if (variable.entry().line() == line) {
                        return Optional.of(variable.name() + " of service " + service.name());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Map<String, String> texts(MigrationPlan plan, Set<String> ignoredByPlan) throws IOException {
        if (workTree == null) {
            workTree = workTreeTexts(plan, ignoredByPlan);
        }
        Map<String, String> texts = new LinkedHashMap<>(workTree);
        String secretsDir = c.options.secretsDir();
        for (FileEdit edit : plan.edits()) {
            if (!edit.path().startsWith(secretsDir + "/") && !edit.path().startsWith(".hush/")
                    && (texts.containsKey(edit.path()) || !ignoredByPlan.contains(edit.path()))) {
                texts.put(edit.path(), new String(edit.updated(), StandardCharsets.UTF_8));
            }
        }
        if (!workTree.containsKey(c.options.checklist())) {
            // A checklist written afresh is rendered from names and places only, so a value found in it is a
            // word of its prose ("secret", "admin"), not the value left. One already there keeps its old
            // sections, which anyone may have edited: that one is read.
            texts.remove(c.options.checklist());
        }
        return texts;
    }

    private Map<String, String> workTreeTexts(MigrationPlan plan, Set<String> ignoredByPlan) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        WorkTree git = WorkTree.of(c.root);
        Set<String> secretFiles = new LinkedHashSet<>();
        plan.secretFiles().stream().map(SecretFile::path).forEach(secretFiles::add);
        String secretsDir = c.options.secretsDir();
        Path base = c.root.toAbsolutePath().normalize();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String relative = base.relativize(dir).toString().replace('\\', '/');
                if (relative.equals(".git") || relative.equals(".hush") || relative.equals(secretsDir)
                        || (!relative.isEmpty() && git.matches(relative, true) && !git.isTracked(relative))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String relative = base.relativize(file).toString().replace('\\', '/');
                if (attributes.isRegularFile() && attributes.size() <= MAX_SIZE && !secretFiles.contains(relative)
                        && (git.isTracked(relative) || !git.isIgnored(relative) && !ignoredByPlan.contains(relative))) {
                    texts.put(relative, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return texts;
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static int lineOf(int[] starts, int offset) {
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (starts[mid] <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    }
}

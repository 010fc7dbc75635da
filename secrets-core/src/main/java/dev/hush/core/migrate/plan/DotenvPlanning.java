package dev.hush.core.migrate.plan;

import dev.hush.core.rules.RuleIds;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.detect.DotenvAnalyzer;
import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.format.compose.ComposeFile.Variable;
import dev.hush.core.format.dotenv.DotenvEntry;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.MigrationDecision.Action;
import dev.hush.core.migrate.MigrationPlan;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.migrate.edit.ComposeEditor;
import dev.hush.core.migrate.edit.TextEdit;
import dev.hush.core.migrate.edit.YamlText;
import dev.hush.core.migrate.plan.Site.Kind;
import dev.hush.core.model.Finding;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Plans the dotenv side of a migration: which {@code .env} lines move, and the edits of the dotenv files and their examples. */
final class DotenvPlanning {
    private final PlanContext c;

    DotenvPlanning(PlanContext c) {
        this.c = c;
    }

    /** Returns the entry of the {@code .env} beside {@code editor}'s file that defines {@code variable} with a secret. */
    Optional<DotenvSource> interpolationSource(ComposeEditor editor, String variable) throws IOException {
        String folder = editor.path().contains("/") ? editor.path().substring(0, editor.path().lastIndexOf('/') + 1) : "";
        String path = folder + ".env";
        Optional<String> text = c.readText(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (DotenvEntry entry : c.dotenvEntries(text.get())) {
            if (entry.key().equals(variable) && Values.secretOf(entry).isPresent()) {
                Optional<Finding> finding = c.report.findings().stream()
                        .filter(f -> f.ruleId().equals(RuleIds.DOTENV_SECRET) && f.location().path().equals(path)
                                && f.key().map(variable::equals).orElse(false))
                        .findFirst();
                if (finding.isEmpty() || !c.selected(finding.get()) || c.skipped(finding.get())) {
                    return Optional.empty();
                }
                return Optional.of(new DotenvSource(path, entry, finding.get()));
            }
        }
        return Optional.empty();
    }

    void planDotenv(String path, List<Finding> findings) throws IOException {
        if (DotenvAnalyzer.isExample(path)) {
            return;
        }
        Optional<String> text = c.readText(path);
        if (text.isEmpty()) {
            return;
        }
        List<DotenvEntry> entries = c.dotenvEntries(text.get());
        for (Finding finding : findings) {
            if (!finding.ruleId().equals(RuleIds.DOTENV_SECRET) || c.decisions.containsKey(finding)) {
                continue;
            }
            if (c.skipped(finding)) {
                c.decide(finding, Optional.empty(), Action.SKIP, "Left as it is, as you chose.");
                continue;
            }
            // A compose entry that interpolates the variable may have grouped it already; its other
            // uses (more references, env_file loads) still need the secret before the line can go.
            Optional<Group> grouped = c.groups.values().stream()
                    .filter(g -> g.dotenv.stream().anyMatch(s -> s.path().equals(path) && s.finding().equals(finding)))
                    .findFirst();
            String key = finding.key().orElse("");
            Optional<DotenvEntry> entry = entries.stream().filter(e -> e.key().equals(key) && Values.secretOf(e).isPresent())
                    .filter(e -> Values.secretOf(e).get().equals(finding.secret().map(SecretValue::reveal).orElse(null)))
                    .findFirst();
            if (entry.isEmpty()) {
                continue;
            }
            if (Values.refersToAVariable(entry.get())) {
                // Compose resolves the reference when it reads the file: the text is not the value the service gets.
                c.manual(List.of(finding), key + " in " + path + " refers to another variable, which Compose resolves"
                        + " when it reads the file; hush would write the text unresolved, so it stays in " + path + ".",
                        List.of("Write " + key + "'s resolved value into `" + SecretFile.path(c.options.secretsDir(),
                                SecretName.fromKey(key)) + "` by hand, or make it a plain value and run hush migrate again"));
                continue;
            }
            DotenvSource source = new DotenvSource(path, entry.get(), finding);
            List<Site> uses = new ArrayList<>();
            boolean ambiguous = false;
            for (ComposeEditor editor : c.editors.values()) {
                String folder = editor.path().contains("/") ? editor.path().substring(0, editor.path().lastIndexOf('/') + 1) : "";
                boolean interpolated = path.equals(folder + ".env");
                int references = interpolated ? countReferences(editor.text(), key) : 0;
                Set<Integer> rewritten = new LinkedHashSet<>();
                for (Service service : editor.document().services()) {
                    for (Variable variable : service.environment()) {
                        Optional<Values.Reference> reference = variable.value()
                                .flatMap(v -> Values.soleReference(v.text()));
                        if (interpolated && reference.isPresent() && reference.get().variable().equals(key)
                                && !reference.get().hasOtherArgument() && rewritten.add(variable.entry().start())) {
                            Site site = new Site(Kind.ENVIRONMENT, editor, variable, service.name());
                            reference.get().literalDefault().map(SecretValue::of).ifPresent(site.dropped::add);
                            uses.add(site);
                        }
                    }
                    boolean loads = service.envFiles().stream()
                            .map(f -> ComposeFile.resolve(editor.path(), Values.literal(f.path().text()).orElse("")))
                            .anyMatch(p -> p.isPresent() && p.get().equals(path));
                    boolean overridden = service.environment().stream().anyMatch(v -> v.name().equals(key));
                    if (loads && !overridden) {
                        Site site = new Site(Kind.ENV_FILE, editor, null, service.name());
                        site.loadedKey = key;
                        uses.add(site);
                    }
                }
                if (references > rewritten.size()) {
                    ambiguous = true;
                }
            }
            if (grouped.isPresent()) {
                Group group = grouped.get();
                if (ambiguous) {
                    // The entries that referred to it still get the secret; the .env line stays for the rest.
                    group.dotenv.removeIf(s -> s.path().equals(path) && s.finding().equals(finding));
                } else {
                    for (Site use : uses) {
                        boolean known = group.sites.stream().anyMatch(site -> site.editor == use.editor
                                && site.kind == use.kind && (use.variable == null
                                        ? site.variable == null && site.service.equals(use.service)
                                        : site.variable != null && site.variable.entry().start() == use.variable.entry().start()));
                        if (!known) {
                            group.sites.add(use);
                        }
                    }
                    continue;
                }
            }
            if (ambiguous) {
                c.manual(List.of(finding), key + " in " + path + " is interpolated into a compose file in a way hush"
                        + " cannot rewrite (inside a longer value or outside environment:), so it stays in " + path + ".",
                        List.of("Move " + key + " out of " + path + " by hand: give the services that use it a Compose"
                                + " secret (`" + SecretFile.path(c.options.secretsDir(), SecretName.fromKey(key)) + "`) they read"
                                + " from /run/secrets/", "Keep the key, without its value, in " + path + ".example"));
                continue;
            }
            if (uses.isEmpty()) {
                c.manual(List.of(finding), key + " in " + path + " is not used by any compose file hush read, so hush"
                        + " does not know which service needs it; it stays where it is.",
                        List.of("Find what reads " + key + " from " + path + " and move the value into a secret file"
                                + " it reads instead (`" + SecretFile.path(c.options.secretsDir(), SecretName.fromKey(key)) + "`)"));
                continue;
            }
            Group group = c.group(key, SecretValue.of(Values.secretOf(entry.get()).get()));
            group.sites.addAll(uses);
            c.addDotenvSource(group, source);
        }
    }

    static int countReferences(String text, String key) {
        Pattern reference = Pattern.compile("\\$(\\{" + Pattern.quote(key) + "(?![A-Za-z0-9_])|"
                + Pattern.quote(key) + "(?![A-Za-z0-9_]))");
        return (int) reference.matcher(text.replace("$$", "")).results().count();
    }

    void planDotenvEdits(MigrationPlan.Builder plan, String path, List<DotenvEntry> entries,
            List<SecretValue> values) throws IOException {
        byte[] original = Files.readAllBytes(c.root.resolve(path));
        String text = PlanContext.stripBom(new String(original, StandardCharsets.UTF_8));
        YamlText lines = new YamlText(text);
        List<TextEdit> deletions = new ArrayList<>();
        for (DotenvEntry entry : entries) {
            deletions.add(lines.deleteLines(entry.start(), Math.max(entry.end(), entry.start() + 1)));
        }
        // Deleting a last line without a line break takes the break before it, which the deletion
        // of the line above also takes: merge them, as TextEdit.apply refuses overlapping edits.
        deletions.sort(java.util.Comparator.comparingInt(TextEdit::offset));
        List<TextEdit> edits = new ArrayList<>();
        for (TextEdit deletion : deletions) {
            TextEdit last = edits.isEmpty() ? null : edits.get(edits.size() - 1);
            if (last != null && deletion.offset() <= last.end()) {
                edits.set(edits.size() - 1, TextEdit.delete(last.offset(), Math.max(last.end(), deletion.end())));
            } else {
                edits.add(deletion);
            }
        }
        plan.edit(FileEdit.modify(path, original, TextEdit.apply(original, edits),
                List.of("move " + entries.stream().map(DotenvEntry::key).toList() + " into secret files"), values));
        String example = PlanContext.exampleOf(path);
        Path examplePath = c.root.resolve(example);
        List<DotenvEntry> all = c.dotenvEntries(text);
        if (Files.isRegularFile(examplePath, LinkOption.NOFOLLOW_LINKS)) {
            byte[] before = Files.readAllBytes(examplePath);
            String exampleText = PlanContext.stripBom(new String(before, StandardCharsets.UTF_8));
            Set<String> known = new LinkedHashSet<>();
            c.dotenvEntries(exampleText).forEach(e -> known.add(e.key()));
            StringBuilder added = new StringBuilder();
            for (DotenvEntry entry : all) {
                if (known.add(entry.key())) {
                    added.append(entry.key()).append("=\n");
                }
            }
            if (added.length() > 0) {
                String prefix = exampleText.isEmpty() || exampleText.endsWith("\n") ? "" : "\n";
                plan.edit(FileEdit.modify(example, before, TextEdit.apply(before,
                        List.of(TextEdit.insert(exampleText.length(), prefix + added))),
                        List.of("list the keys of " + path + " without values"), List.of()));
            }
        } else if (!Files.exists(examplePath, LinkOption.NOFOLLOW_LINKS)) {
            List<TextEdit> blanks = new ArrayList<>();
            for (DotenvEntry entry : all) {
                if (entry.value().isPresent() && entry.valueEnd() > entry.valueStart()) {
                    blanks.add(TextEdit.delete(entry.valueStart(), entry.valueEnd()));
                }
            }
            plan.edit(FileEdit.create(example, TextEdit.apply(text, blanks).getBytes(StandardCharsets.UTF_8),
                    List.of("list the keys of " + path + " without values, for whoever sets the project up")));
        }
    }
}

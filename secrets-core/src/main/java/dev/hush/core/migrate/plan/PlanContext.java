package dev.hush.core.migrate.plan;

import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.format.dotenv.DotenvEntry;
import dev.hush.core.format.dotenv.DotenvParser;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.AppLanguage;
import dev.hush.core.migrate.ChecklistItem;
import dev.hush.core.migrate.DeliveryKind;
import dev.hush.core.migrate.MigrationDecision;
import dev.hush.core.migrate.MigrationDecision.Action;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.migrate.edit.ComposeEditor;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import dev.hush.core.model.ScanReport;
import dev.hush.core.model.SecretValue;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import dev.hush.core.rules.RuleIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Holds what the planning steps of one migration share: the options, the scan, the editors, the groups and the decisions so far. */
final class PlanContext {
    static final Set<String> SKIPPED_FOLDERS = Set.of("node_modules", "vendor", "target");

    final Path root;
    final MigrationPlanner.Options options;
    final RuleCatalogue catalogue;
    final Map<String, ComposeEditor> editors = new TreeMap<>();
    final Map<String, String> refusedFiles = new TreeMap<>();
    final Map<String, Group> groups = new LinkedHashMap<>();
    final Map<Finding, Site> siteOf = new LinkedHashMap<>();
    final Map<Finding, MigrationDecision> decisions = new LinkedHashMap<>();
    final List<ChecklistItem> checklist = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final CommandPlanning commands = new CommandPlanning();
    ScanReport report;
    private final Map<String, Optional<String>> texts = new LinkedHashMap<>();
    private final Map<String, List<DotenvEntry>> dotenvs = new LinkedHashMap<>();

    PlanContext(Path root, MigrationPlanner.Options options) {
        this.root = Objects.requireNonNull(root, "root == null");
        this.options = Objects.requireNonNull(options, "options == null");
        this.catalogue = RuleCatalogue.forProject(options.config());
    }

    /** Returns whether {@code finding} is a value of a dotenv entry that moves: a secret or a weak default. */
    static boolean isDotenvValue(Finding finding) {
        return finding.ruleId().equals(RuleIds.DOTENV_SECRET) || finding.ruleId().equals(RuleIds.DOTENV_WEAK_DEFAULT);
    }

    /** Returns whether {@code finding} is a guessable default password ({@code changeme}, {@code admin}). */
    static boolean isWeakDefault(Finding finding) {
        return finding.ruleId().endsWith("-weak-default");
    }

    boolean selected(Finding finding) {
        if (options.only().isEmpty()) {
            return true;
        }
        String only = options.only().get();
        String path = finding.location().path();
        return finding.ruleId().equals(only) || path.equals(only) || path.startsWith(only.endsWith("/") ? only : only + "/");
    }

    boolean skipped(Finding finding) {
        return options.skip().contains(fingerprint(finding))
                || finding.key().map(options.skip()::contains).orElse(false);
    }

    String fingerprint(Finding finding) {
        return report.fingerprint(finding);
    }

    void addDotenvSource(Group group, DotenvSource source) {
        if (group.dotenv.stream().noneMatch(s -> s.path().equals(source.path()) && s.entry().keyStart() == source.entry().keyStart())) {
            group.dotenv.add(source);
        }
    }

    Optional<String> dockerfileOf(ComposeEditor editor, Service service) {
        if (service.build().isEmpty()) {
            return Optional.empty();
        }
        ComposeFile.Build build = service.build().get();
        String context = build.context().flatMap(c -> Values.literal(c.text())).orElse(".");
        String file = build.dockerfile().flatMap(d -> Values.literal(d.text())).orElse("Dockerfile");
        if (context.contains("://") || file.startsWith("/")) {
            return Optional.empty();
        }
        return ComposeFile.resolve(editor.path(), context.equals(".") ? file : context + "/" + file);
    }

    /** Returns the language of the app that {@code service} builds, from its build context; shell when unknown. */
    AppLanguage languageOf(ComposeEditor editor, String service) {
        Optional<ComposeFile.Build> build = editor.service(service).flatMap(Service::build);
        if (build.isEmpty()) {
            return AppLanguage.SHELL;
        }
        String context = build.get().context().flatMap(c -> Values.literal(c.text())).orElse(".");
        if (context.contains("://")) {
            return AppLanguage.SHELL;
        }
        // Resolved through a child, since the project root itself resolves to no path.
        return ComposeFile.resolve(editor.path(), context + "/_")
                .map(child -> child.contains("/") ? root.resolve(child.substring(0, child.lastIndexOf('/'))) : root)
                .map(AppLanguage::of)
                .orElse(AppLanguage.SHELL);
    }

    Group group(String key, SecretValue value) {
        return groups.computeIfAbsent(key + "\0" + value.reveal(), k -> new Group(key, value));
    }

    static String exampleOf(String dotenvPath) {
        return dotenvPath + ".example";
    }

    Optional<String> hint(Finding finding) {
        return catalogue.find(finding.ruleId()).flatMap(Rule::rotation)
                .map(hint -> hint.provider() + ": " + hint.revoke());
    }

    void manual(List<Finding> findings, String explanation, List<String> steps) {
        Finding first = findings.get(0);
        String key = first.key().orElse(first.ruleId());
        String title = "Move " + key + " by hand (" + first.location().path() + ":" + first.location().line() + ")";
        checklist.add(new ChecklistItem.ManualSteps(title, explanation, steps));
        SecretName name = SecretName.fromKey(key);
        checklist.add(new ChecklistItem.Rotate(name, SecretFile.path(options.secretsDir(), name),
                Optional.of(fingerprint(first)), findings.stream().map(Finding::location).toList(),
                first.service().map(List::of).orElse(List.of()), hint(first)));
        for (Finding finding : findings) {
            decide(finding, Optional.empty(), Action.MANUAL, explanation + " The checklist lists the steps.");
        }
    }

    void decide(Finding finding, Optional<SecretName> name, Action action, String explanation) {
        decide(finding, name, action, explanation, Optional.empty());
    }

    void decide(Finding finding, Optional<SecretName> name, Action action, String explanation,
            Optional<String> delivery) {
        decisions.put(finding, new MigrationDecision(finding, fingerprint(finding), name, action, explanation,
                delivery));
    }

    /** Returns the delivery the user chose for a use of {@code group} under {@code key}, by fingerprint or key. */
    Optional<DeliveryKind> chosenDelivery(Group group, Site site, String key) {
        List<Finding> findings = new ArrayList<>(site.findings);
        group.dotenv.forEach(source -> findings.add(source.finding()));
        for (Finding finding : findings) {
            DeliveryKind kind = options.deliveries().get(fingerprint(finding));
            if (kind != null) {
                return Optional.of(kind);
            }
        }
        return Optional.ofNullable(options.deliveries().get(key));
    }

    /** Returns the text of the project file {@code path} without a byte order mark, read once per migration. */
    Optional<String> readText(String path) throws IOException {
        if (texts.containsKey(path)) {
            return texts.get(path);
        }
        Path file = root.resolve(path);
        Optional<String> text = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(stripBom(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)))
                : Optional.empty();
        texts.put(path, text);
        return text;
    }

    /** Returns the entries of the dotenv {@code text}, parsed once per migration. */
    List<DotenvEntry> dotenvEntries(String text) {
        return dotenvs.computeIfAbsent(text, t -> DotenvParser.parse(t).entries());
    }

    static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static int offset(int[] lineStarts, Location location) {
        int line = Math.min(location.line(), lineStarts.length);
        return lineStarts[line - 1] + location.column() - 1;
    }
}

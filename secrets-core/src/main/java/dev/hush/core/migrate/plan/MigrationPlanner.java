package dev.hush.core.migrate;

import dev.hush.core.config.HushConfig;
import dev.hush.core.migrate.MigrationDecision.Action;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import dev.hush.core.model.ScanReport;
import dev.hush.core.model.SecretValue;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import dev.hush.core.migrate.MigrationSources.DotenvEntry;
import dev.hush.core.migrate.MigrationSources.Service;
import dev.hush.core.migrate.MigrationSources.Variable;
import dev.hush.core.scan.ScanCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a scan's findings into a {@link MigrationPlan}: one secret per key and value, named
 * after the key; the compose files, dotenv files and Dockerfiles that held them rewritten as
 * text; {@code .gitignore}; and the rotation checklist. Whatever would be a guess becomes a
 * checklist section instead of an edit. One planner plans once.
 */
final class MigrationPlanner {
    private static final String URL_RULE = "compose-url-credentials";
    private static final String BUILD_ARG_RULE = "compose-build-arg-secret";
    private static final String DOCKERFILE_ARG_RULE = "dockerfile-arg-secret";
    private static final String DOCKERFILE_ENV_RULE = "dockerfile-env-secret";
    private static final String DOTENV_RULE = "dotenv-secret";
    private static final String DOTENV_TRACKED_RULE = "dotenv-tracked";
    private static final Set<String> SKIPPED_FOLDERS = Set.of("node_modules", "vendor", "target");

    /** What the user chose; see {@link MigrateCommand}. */
    record Options(HushConfig config, String secretsDir, Optional<String> only, boolean harden,
            Set<String> readsFileVariables, Map<String, String> rename, Set<String> skip, String checklist,
            Map<String, RotationChecklist.Exposure> history) {
    }

    /** Where one secret is used, and how the rewrite changes it. */
    private enum Kind {
        /** An {@code environment} entry with the value or a reference to it. */
        ENVIRONMENT,
        /** A key a service loads through {@code env_file}. */
        ENV_FILE,
        /** A build argument: compose {@code build.args} and/or a Dockerfile {@code ARG}. */
        BUILD_ARG
    }

    /** One place a secret is used. */
    private static final class Site {
        final Kind kind;
        final ComposeEditor editor;
        final Variable variable;
        final String service;
        final List<Finding> findings = new ArrayList<>();
        final List<SecretValue> dropped = new ArrayList<>();
        String dockerfile;
        /** For an {@link Kind#ENV_FILE} site: the dotenv key the service loads, which may differ from the group's key. */
        String loadedKey;
        Optional<String> refusal = Optional.empty();

        Site(Kind kind, ComposeEditor editor, Variable variable, String service) {
            this.kind = kind;
            this.editor = editor;
            this.variable = variable;
            this.service = service;
        }
    }

    /** One value under one key: one secret file. */
    private static final class Group {
        final String key;
        final SecretValue value;
        final List<Site> sites = new ArrayList<>();
        final List<DotenvSource> dotenv = new ArrayList<>();
        SecretName name;

        Group(String key, SecretValue value) {
            this.key = key;
            this.value = value;
        }
    }

    /** A dotenv entry a group's value comes from, removed when every use of it is rewritten. */
    private record DotenvSource(String path, DotenvEntry entry, Finding finding) {
    }

    private final Path root;
    private final Options options;
    private final RuleCatalogue catalogue;
    private final Map<String, ComposeEditor> editors = new TreeMap<>();
    private final Map<String, String> refusedFiles = new TreeMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<Finding, Site> siteOf = new LinkedHashMap<>();
    private final Map<Finding, MigrationDecision> decisions = new LinkedHashMap<>();
    private final List<ChecklistItem> checklist = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private ScanReport report;

    MigrationPlanner(Path root, Options options) {
        this.root = Objects.requireNonNull(root, "root == null");
        this.options = Objects.requireNonNull(options, "options == null");
        this.catalogue = RuleCatalogue.forProject(options.config());
    }

    PlannedMigration plan() throws IOException {
        report = new ScanCommand().root(root).config(options.config()).call();
        List<Finding> findings = report.findings().stream().filter(this::selected).toList();
        for (String path : composeFiles()) {
            ComposeEditor.Opened opened = ComposeEditor.open(path, Files.readAllBytes(root.resolve(path)));
            if (opened.editor() != null) {
                editors.put(path, opened.editor());
            } else {
                refusedFiles.put(path, opened.refusal());
            }
        }
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        findings.forEach(f -> byFile.computeIfAbsent(f.location().path(), p -> new ArrayList<>()).add(f));

        for (ComposeEditor editor : editors.values()) {
            planCompose(editor, byFile.getOrDefault(editor.path(), List.of()));
        }
        for (Map.Entry<String, List<Finding>> file : byFile.entrySet()) {
            if (file.getValue().stream().anyMatch(f -> f.ruleId().equals(DOTENV_RULE))) {
                planDotenv(file.getKey(), file.getValue());
            }
        }
        for (Finding finding : findings) {
            if (finding.ruleId().equals(DOCKERFILE_ARG_RULE) && !siteOf.containsKey(finding)) {
                planDockerfileArg(finding);
            }
        }
        handOverShadowedEntries();
        name();
        MigrationPlan.Builder plan = MigrationPlan.builder();
        Set<String> editedDotenv = new LinkedHashSet<>();
        write(plan, editedDotenv);
        for (Finding finding : findings) {
            if (!decisions.containsKey(finding)) {
                leaveToUser(finding);
            }
        }
        MigrationPlan built = plan.build();
        List<String> trackedSecretFiles = new ArrayList<>();
        if (!built.isEmpty()) {
            GitignoreEdit.plan(root, options.secretsDir(), List.copyOf(editedDotenv)).ifPresent(plan::edit);
            for (Finding finding : report.findings()) {
                if (finding.ruleId().equals(DOTENV_TRACKED_RULE) && editedDotenv.contains(finding.location().path())) {
                    String file = finding.location().path();
                    trackedSecretFiles.add(file);
                    checklist.add(new ChecklistItem.ManualSteps("Stop tracking `" + file + "`",
                            file + " held secrets and git tracks it, so every clone and the history have them.",
                            List.of("Run `git rm --cached " + file + "` (or `hush migrate --untrack`) and commit", "Rotate every secret it held:"
                                    + " see the sections above", "Purge it from history if needed: `hush history"
                                    + " --purge-plan`")));
                }
            }
        }
        checklist.forEach(plan::checklist);
        notes.forEach(plan::note);
        report.findings().forEach(finding -> finding.secret().ifPresent(plan::keptSecret));
        built = plan.build();
        if (!built.isEmpty()) {
            built = built.withChecklistFile(root, options.checklist(), options.history());
        }
        List<MigrationDecision> ordered = new ArrayList<>();
        for (Finding finding : findings) {
            MigrationDecision decision = decisions.get(finding);
            if (decision != null) {
                ordered.add(decision);
            }
        }
        return new PlannedMigration(built, ordered, trackedSecretFiles);
    }

    // ---------------------------------------------------------------- choosing findings

    private boolean selected(Finding finding) {
        if (options.only().isEmpty()) {
            return true;
        }
        String only = options.only().get();
        String path = finding.location().path();
        return finding.ruleId().equals(only) || path.equals(only) || path.startsWith(only.endsWith("/") ? only : only + "/");
    }

    private boolean skipped(Finding finding) {
        return options.skip().contains(fingerprint(finding))
                || finding.key().map(options.skip()::contains).orElse(false);
    }

    private String fingerprint(Finding finding) {
        return report.fingerprint(finding);
    }

    private List<String> composeFiles() throws IOException {
        List<String> files = new ArrayList<>();
        Path base = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            return files;
        }
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(base) && (name.startsWith(".") || SKIPPED_FOLDERS.contains(name))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && MigrationSources.isComposeName(file.getFileName().toString())) {
                    files.add(base.relativize(file).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    // ---------------------------------------------------------------- compose

    private void planCompose(ComposeEditor editor, List<Finding> findings) throws IOException {
        Map<Integer, Site> sites = new LinkedHashMap<>();
        String text = editor.text();
        int[] lineStarts = lineStarts(text);
        for (Service service : editor.document().services()) {
            for (int kind = 0; kind < 2; kind++) {
                boolean buildArg = kind == 1;
                for (Variable variable : buildArg ? service.buildArgs() : service.environment()) {
                    if (variable.value().isEmpty()) {
                        continue;
                    }
                    MigrationSources.Span value = variable.value().get().span();
                    for (Finding finding : findings) {
                        int offset = offset(lineStarts, finding.location());
                        boolean inside = offset >= value.start() && (offset < value.end() || offset == value.start());
                        if (!inside || finding.card() != Card.INLINE_SECRET || siteOf.containsKey(finding)) {
                            continue;
                        }
                        Site site = sites.computeIfAbsent(variable.entry().start(), start ->
                                new Site(buildArg ? Kind.BUILD_ARG : Kind.ENVIRONMENT, editor, variable, service.name()));
                        site.findings.add(finding);
                        siteOf.put(finding, site);
                    }
                }
            }
        }
        for (Site site : sites.values()) {
            planComposeSite(site);
        }
        for (Finding finding : findings) {
            if (siteOf.containsKey(finding) || decisions.containsKey(finding)) {
                continue;
            }
            if (finding.ruleId().equals("compose-privileged") || finding.ruleId().equals("compose-docker-socket")) {
                planCard(editor, finding);
            }
        }
    }

    private void planComposeSite(Site site) throws IOException {
        Variable variable = site.variable;
        String written = variable.value().get().text();
        Finding first = site.findings.get(0);
        if (site.findings.stream().anyMatch(this::skipped)) {
            site.findings.forEach(f -> decide(f, Optional.empty(), Action.SKIP, "Left as it is, as you chose."));
            return;
        }
        List<String> users = site.editor.users(variable);
        if (first.ruleId().equals(URL_RULE)) {
            // The app reads the whole URL, so the whole URL becomes the secret, like any other value:
            // <KEY>_FILE where the app reads it, else a mount and a checklist step.
            Optional<String> literal = MigrationSources.literal(written);
            if (literal.isEmpty()) {
                manualUrl(site, users);
                return;
            }
            group(variable.name(), SecretValue.of(literal.get())).sites.add(site);
            return;
        }
        Optional<String> literal = MigrationSources.literal(written);
        if (literal.isPresent()) {
            boolean whole = site.findings.stream().allMatch(f -> f.secret().map(s -> s.reveal().equals(literal.get()))
                    .orElse(false));
            if (!whole) {
                manual(site.findings, "The secret is part of a longer value of " + variable.name() + " in service "
                        + site.service + ", so moving the whole value would be a guess.",
                        List.of("Move the secret out of " + variable.name() + " in " + site.editor.path() + " line "
                                + first.location().line() + " by hand, into a Compose secret the app reads from a file"));
                return;
            }
            if (site.kind == Kind.BUILD_ARG) {
                site.dockerfile = site.editor.service(site.service).flatMap(s -> dockerfileOf(site.editor, s)).orElse(null);
            }
            group(variable.name(), SecretValue.of(literal.get())).sites.add(site);
            return;
        }
        Optional<MigrationSources.Reference> reference = MigrationSources.soleReference(written);
        if (reference.isPresent() && !reference.get().hasOtherArgument()) {
            Optional<DotenvSource> source = interpolationSource(site.editor, reference.get().variable());
            if (source.isPresent()) {
                Group group = group(variable.name(), SecretValue.of(source.get().entry().secret().orElseThrow()));
                reference.get().literalDefault().map(SecretValue::of).ifPresent(site.dropped::add);
                group.sites.add(site);
                addDotenvSource(group, source.get());
                return;
            }
            if (reference.get().literalDefault().isPresent()) {
                String name = reference.get().variable();
                Optional<String> setBy = dotenvSetting(site.editor, name);
                if (setBy.isPresent()) {
                    // The service gets the .env value, not the default: moving the default would change it.
                    manual(site.findings, "The value of " + variable.name() + " in service " + site.service
                            + " comes from " + name + " in " + setBy.get() + ", which hush does not move (its name"
                            + " does not look like a secret's, or it was left out); the default written in "
                            + site.editor.path() + " is not the value the service gets.",
                            List.of("Move the value of " + name + " in " + setBy.get() + " into a Compose secret by hand,"
                                    + " or rename " + name + " so that hush moves it, then run hush migrate again",
                                    "Remove the inline default of " + variable.name() + " (" + site.editor.path() + " line "
                                            + first.location().line() + "): it is a secret too"));
                    return;
                }
                group(variable.name(), SecretValue.of(reference.get().literalDefault().get())).sites.add(site);
                return;
            }
        }
        manual(site.findings, "The value of " + variable.name() + " in service " + site.service
                + " mixes literal text and variables, so hush cannot tell which part is the secret.",
                List.of("Move the literal part of " + variable.name() + " (" + site.editor.path() + " line "
                        + first.location().line() + ") into a Compose secret by hand"));
    }

    /**
     * Hands to the user the environment entries that a service also loads with {@code env_file}
     * from a file whose entry this migration does not remove: removing the entry from
     * {@code environment} would let that file's value through instead. A group left without
     * sites keeps its dotenv entries too, which may shadow more entries: repeat until stable.
     */
    private void handOverShadowedEntries() throws IOException {
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> removed = new LinkedHashSet<>();
            groups.values().forEach(g -> g.dotenv.forEach(s -> removed.add(s.path() + "\0" + s.entry().key())));
            for (var iterator = groups.values().iterator(); iterator.hasNext();) {
                Group group = iterator.next();
                for (var sites = group.sites.iterator(); sites.hasNext();) {
                    Site site = sites.next();
                    if (site.kind == Kind.ENVIRONMENT && shadowed(site, removed)) {
                        sites.remove();
                        keepInterpolatedLine(site);
                        changed = true;
                    }
                }
                if (group.sites.isEmpty()) {
                    for (DotenvSource source : group.dotenv) {
                        manual(List.of(source.finding()), group.key + " stays in " + source.path() + " because the"
                                + " compose entries that use it stay too.", List.of("Move " + group.key + " out of "
                                        + source.path() + " once its uses read a Compose secret"));
                    }
                    iterator.remove();
                    changed = true;
                }
            }
        }
    }

    /** Keeps the .env line a handed-over entry interpolates: the entry still reads it. */
    private void keepInterpolatedLine(Site site) {
        Optional<MigrationSources.Reference> reference = site.variable.value()
                .flatMap(value -> MigrationSources.soleReference(value.text()));
        if (reference.isEmpty()) {
            return;
        }
        String path = site.editor.path();
        String dotenv = (path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "") + ".env";
        String variable = reference.get().variable();
        for (Group group : groups.values()) {
            List<DotenvSource> kept = group.dotenv.stream()
                    .filter(s -> s.path().equals(dotenv) && s.entry().key().equals(variable)).toList();
            for (DotenvSource source : kept) {
                group.dotenv.remove(source);
                manual(List.of(source.finding()), variable + " stays in " + dotenv + " because " + site.variable.name()
                        + " of service " + site.service + " still reads it.", List.of("Move " + variable + " out of "
                                + dotenv + " once every entry that reads it reads a Compose secret"));
            }
        }
    }

    private boolean shadowed(Site site, Set<String> removed) throws IOException {
        String key = site.variable.name();
        for (String user : site.editor.users(site.variable)) {
            Optional<Service> service = site.editor.service(user);
            if (service.isEmpty()) {
                continue;
            }
            for (MigrationSources.Scalar envFile : service.get().envFiles()) {
                Optional<String> path = MigrationSources.literal(envFile.text())
                        .flatMap(file -> MigrationSources.resolve(site.editor.path(), file));
                Optional<String> text = path.isPresent() ? readText(path.get()) : Optional.empty();
                if (text.isEmpty() || removed.contains(path.get() + "\0" + key)
                        || MigrationSources.dotenv(text.get()).stream().noneMatch(e -> e.key().equals(key))) {
                    continue;
                }
                manual(site.findings, key + " of service " + user + " is also set in " + path.get() + ", which the"
                        + " service loads with env_file; removing the entry from environment would let that other"
                        + " value through, so hush leaves it.",
                        List.of("Remove " + key + " from " + path.get() + " or from the environment of service " + user
                                + " (" + site.editor.path() + " line " + site.findings.get(0).location().line()
                                + "), then run hush migrate again"));
                return true;
            }
        }
        return false;
    }

    /** Returns the {@code .env} beside {@code editor}'s file when it sets {@code variable}, which compose interpolates. */
    private Optional<String> dotenvSetting(ComposeEditor editor, String variable) throws IOException {
        String folder = editor.path().contains("/") ? editor.path().substring(0, editor.path().lastIndexOf('/') + 1) : "";
        String path = folder + ".env";
        Optional<String> text = readText(path);
        if (text.isPresent() && MigrationSources.dotenv(text.get()).stream()
                .anyMatch(e -> e.key().equals(variable) && e.value().map(v -> !v.isEmpty()).orElse(false))) {
            return Optional.of(path);
        }
        return Optional.empty();
    }

    private void manualUrl(Site site, List<String> users) {
        Variable variable = site.variable;
        String key = variable.name();
        String name = SecretName.fromKey(key).value();
        String file = options.secretsDir() + "/" + name + ".txt";
        Finding first = site.findings.get(0);
        manual(site.findings, key + " of " + String.join(", ", users) + " holds a URL with a password and references to"
                + " other variables, so hush leaves it rather than guess which part the app could read from a file.",
                List.of("Put the whole URL into `" + file + "` (copy it from " + site.editor.path() + " line "
                        + first.location().line() + "), with no trailing newline",
                        "Make the app read `/run/secrets/" + name + "` (secrets-runtime: `Secrets.require(\"" + name
                                + "\")`) or " + key + "_FILE, then run `hush migrate` again with --reads-file "
                                + String.join(",", users) + " (or replace the entry with " + key + "_FILE: /run/secrets/"
                                + name + " and add the secret by hand)",
                        "Rotate the password: it was written in " + site.editor.path()));
    }

    private void planCard(ComposeEditor editor, Finding finding) {
        String service = finding.service().orElse("?");
        if (finding.ruleId().equals("compose-privileged")) {
            checklist.add(new ChecklistItem.Privileged(service, finding.location()));
            if (options.harden() && editor.service(service).isPresent()) {
                Optional<String> refusal = editor.harden(service);
                if (refusal.isEmpty()) {
                    editor.reason("replace privileged: true of service " + service + " with cap_drop: [ALL] and"
                            + " no-new-privileges");
                    decide(finding, Optional.empty(), Action.HARDEN, "Replace privileged: true of service " + service
                            + " with cap_drop: [ALL] and security_opt: [no-new-privileges:true], with a comment on"
                            + " adding back capabilities one by one (cap_add) or devices (devices:).");
                    return;
                }
                decide(finding, Optional.empty(), Action.CHECKLIST, "Not hardened: " + refusal.get()
                        + ". The checklist lists the least-privilege settings.");
                return;
            }
            decide(finding, Optional.empty(), Action.CHECKLIST, "privileged: true of service " + service
                    + " stays (hush changes it only with --harden); the checklist lists the least-privilege settings.");
        } else {
            checklist.add(new ChecklistItem.DockerSocket(service, finding.location()));
            decide(finding, Optional.empty(), Action.CHECKLIST, "The Docker socket mount of service " + service
                    + " stays; the checklist lists the alternatives (docker on the host, docker context over SSH/TLS,"
                    + " the buildx docker-container driver).");
        }
    }

    // ---------------------------------------------------------------- dotenv

    /** Returns the entry of the {@code .env} beside {@code editor}'s file that defines {@code variable} with a secret. */
    private Optional<DotenvSource> interpolationSource(ComposeEditor editor, String variable) throws IOException {
        String folder = editor.path().contains("/") ? editor.path().substring(0, editor.path().lastIndexOf('/') + 1) : "";
        String path = folder + ".env";
        Optional<String> text = readText(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (DotenvEntry entry : MigrationSources.dotenv(text.get())) {
            if (entry.key().equals(variable) && entry.secret().isPresent()) {
                Optional<Finding> finding = report.findings().stream()
                        .filter(f -> f.ruleId().equals(DOTENV_RULE) && f.location().path().equals(path)
                                && f.key().map(variable::equals).orElse(false))
                        .findFirst();
                if (finding.isEmpty() || !selected(finding.get()) || skipped(finding.get())) {
                    return Optional.empty();
                }
                return Optional.of(new DotenvSource(path, entry, finding.get()));
            }
        }
        return Optional.empty();
    }

    private void addDotenvSource(Group group, DotenvSource source) {
        if (group.dotenv.stream().noneMatch(s -> s.path().equals(source.path()) && s.entry().keyStart() == source.entry().keyStart())) {
            group.dotenv.add(source);
        }
    }

    private void planDotenv(String path, List<Finding> findings) throws IOException {
        if (MigrationSources.isExampleDotenv(path)) {
            return;
        }
        Optional<String> text = readText(path);
        if (text.isEmpty()) {
            return;
        }
        List<DotenvEntry> entries = MigrationSources.dotenv(text.get());
        for (Finding finding : findings) {
            if (!finding.ruleId().equals(DOTENV_RULE) || decisions.containsKey(finding)) {
                continue;
            }
            if (skipped(finding)) {
                decide(finding, Optional.empty(), Action.SKIP, "Left as it is, as you chose.");
                continue;
            }
            // A compose entry that interpolates the variable may have grouped it already; its other
            // uses (more references, env_file loads) still need the secret before the line can go.
            Optional<Group> grouped = groups.values().stream()
                    .filter(g -> g.dotenv.stream().anyMatch(s -> s.path().equals(path) && s.finding().equals(finding)))
                    .findFirst();
            String key = finding.key().orElse("");
            Optional<DotenvEntry> entry = entries.stream().filter(e -> e.key().equals(key) && e.secret().isPresent())
                    .filter(e -> e.secret().get().equals(finding.secret().map(SecretValue::reveal).orElse(null)))
                    .findFirst();
            if (entry.isEmpty()) {
                continue;
            }
            DotenvSource source = new DotenvSource(path, entry.get(), finding);
            List<Site> uses = new ArrayList<>();
            boolean ambiguous = false;
            for (ComposeEditor editor : editors.values()) {
                String folder = editor.path().contains("/") ? editor.path().substring(0, editor.path().lastIndexOf('/') + 1) : "";
                boolean interpolated = path.equals(folder + ".env");
                int references = interpolated ? countReferences(editor.text(), key) : 0;
                Set<Integer> rewritten = new LinkedHashSet<>();
                for (Service service : editor.document().services()) {
                    for (Variable variable : service.environment()) {
                        Optional<MigrationSources.Reference> reference = variable.value()
                                .flatMap(v -> MigrationSources.soleReference(v.text()));
                        if (interpolated && reference.isPresent() && reference.get().variable().equals(key)
                                && !reference.get().hasOtherArgument() && rewritten.add(variable.entry().start())) {
                            Site site = new Site(Kind.ENVIRONMENT, editor, variable, service.name());
                            reference.get().literalDefault().map(SecretValue::of).ifPresent(site.dropped::add);
                            uses.add(site);
                        }
                    }
                    boolean loads = service.envFiles().stream()
                            .map(f -> MigrationSources.resolve(editor.path(), MigrationSources.literal(f.text()).orElse("")))
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
                manual(List.of(finding), key + " in " + path + " is interpolated into a compose file in a way hush"
                        + " cannot rewrite (inside a longer value or outside environment:), so it stays in " + path + ".",
                        List.of("Move " + key + " out of " + path + " by hand: give the services that use it a Compose"
                                + " secret (`" + options.secretsDir() + "/" + SecretName.fromKey(key) + ".txt`) they read"
                                + " from /run/secrets/", "Keep the key, without its value, in " + path + ".example"));
                continue;
            }
            if (uses.isEmpty()) {
                manual(List.of(finding), key + " in " + path + " is not used by any compose file hush read, so hush"
                        + " does not know which service needs it; it stays where it is.",
                        List.of("Find what reads " + key + " from " + path + " and move the value into a secret file"
                                + " it reads instead (`" + options.secretsDir() + "/" + SecretName.fromKey(key) + ".txt`)"));
                continue;
            }
            Group group = group(key, SecretValue.of(entry.get().secret().get()));
            group.sites.addAll(uses);
            addDotenvSource(group, source);
        }
    }

    private static int countReferences(String text, String key) {
        Pattern reference = Pattern.compile("\\$(\\{" + Pattern.quote(key) + "(?![A-Za-z0-9_])|"
                + Pattern.quote(key) + "(?![A-Za-z0-9_]))");
        return (int) reference.matcher(text.replace("$$", "")).results().count();
    }

    // ---------------------------------------------------------------- Dockerfile

    private void planDockerfileArg(Finding finding) throws IOException {
        String dockerfile = finding.location().path();
        String key = finding.key().orElse("");
        if (skipped(finding)) {
            decide(finding, Optional.empty(), Action.SKIP, "Left as it is, as you chose.");
            return;
        }
        // Is it built by a compose service, and already planned through its build.args?
        for (Group group : groups.values()) {
            for (Site site : group.sites) {
                if (site.kind == Kind.BUILD_ARG && dockerfile.equals(site.dockerfile) && group.key.equals(key)) {
                    site.findings.add(finding);
                    siteOf.put(finding, site);
                    return;
                }
            }
        }
        for (ComposeEditor editor : editors.values()) {
            for (Service service : editor.document().services()) {
                if (dockerfileOf(editor, service).map(dockerfile::equals).orElse(false)) {
                    Site site = new Site(Kind.BUILD_ARG, editor, null, service.name());
                    site.dockerfile = dockerfile;
                    site.findings.add(finding);
                    siteOf.put(finding, site);
                    group(key, finding.secret().orElseThrow()).sites.add(site);
                    return;
                }
            }
        }
        manual(List.of(finding), "ARG " + key + " of " + dockerfile + " has a secret default, and no compose service"
                + " builds this Dockerfile, so hush cannot wire a build secret for it.",
                List.of("Remove the default of ARG " + key + " (" + dockerfile + " line " + finding.location().line() + ")",
                        "Use `RUN --mount=type=secret,id=" + SecretName.fromKey(key) + ",env=" + key + " ...` where it is"
                                + " needed, and build with `docker build --secret id=" + SecretName.fromKey(key)
                                + ",src=" + options.secretsDir() + "/" + SecretName.fromKey(key) + ".txt`",
                        "Rotate the value: it is in the image history of every image built so far"));
    }

    private Optional<String> dockerfileOf(ComposeEditor editor, Service service) {
        if (service.build().isEmpty()) {
            return Optional.empty();
        }
        MigrationSources.Build build = service.build().get();
        String context = build.context().flatMap(c -> MigrationSources.literal(c.text())).orElse(".");
        String file = build.dockerfile().flatMap(d -> MigrationSources.literal(d.text())).orElse("Dockerfile");
        if (context.contains("://") || file.startsWith("/")) {
            return Optional.empty();
        }
        return MigrationSources.resolve(editor.path(), context.equals(".") ? file : context + "/" + file);
    }

    // ---------------------------------------------------------------- names

    private Group group(String key, SecretValue value) {
        return groups.computeIfAbsent(key + "\0" + value.reveal(), k -> new Group(key, value));
    }

    private void name() throws IOException {
        Map<SecretName, SecretValue> taken = new LinkedHashMap<>();
        Map<SecretName, String> chosen = new LinkedHashMap<>();
        for (Group group : groups.values()) {
            Optional<String> renamed = renamed(group);
            if (renamed.isPresent()) {
                SecretName name = SecretName.of(renamed.get());
                if (!available(name, group.value, taken)) {
                    throw new IllegalArgumentException("secret name " + name + " is already used by another value;"
                            + " choose another one");
                }
                group.name = name;
                taken.put(name, group.value);
                chosen.put(name, group.key);
            }
        }
        for (Group group : groups.values()) {
            if (group.name != null) {
                continue;
            }
            SecretName base = SecretName.fromKey(group.key);
            List<SecretName> candidates = new ArrayList<>();
            candidates.add(base);
            group.sites.stream().map(site -> site.service).filter(Objects::nonNull).findFirst()
                    .ifPresent(service -> candidates.add(base.withPrefix(service)));
            for (int i = 2; i < 100; i++) {
                candidates.add(SecretName.of(base.value() + "_" + i));
            }
            for (SecretName candidate : candidates) {
                if (available(candidate, group.value, taken)) {
                    group.name = candidate;
                    taken.put(candidate, group.value);
                    break;
                }
            }
            if (group.name == null) {
                throw new IllegalStateException("no free secret name for " + group.key);
            }
        }
    }

    private Optional<String> renamed(Group group) {
        String proposed = SecretName.fromKey(group.key).value();
        for (Site site : group.sites) {
            for (Finding finding : site.findings) {
                String byFingerprint = options.rename().get(fingerprint(finding));
                if (byFingerprint != null) {
                    return Optional.of(byFingerprint);
                }
            }
        }
        for (DotenvSource source : group.dotenv) {
            String byFingerprint = options.rename().get(fingerprint(source.finding()));
            if (byFingerprint != null) {
                return Optional.of(byFingerprint);
            }
        }
        return Optional.ofNullable(options.rename().get(proposed));
    }

    /**
     * Returns whether {@code name} can hold {@code value}: no other value of this plan has it, no
     * secret file holds another value under it, and no compose file defines it otherwise.
     */
    private boolean available(SecretName name, SecretValue value, Map<SecretName, SecretValue> taken) throws IOException {
        SecretValue other = taken.get(name);
        if (other != null && !other.equals(value)) {
            return false;
        }
        String path = SecretFile.in(options.secretsDir(), name, value).path();
        Path file = root.resolve(path);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            byte[] bytes = Files.readAllBytes(file);
            boolean same = Arrays.equals(bytes, value.reveal().getBytes(StandardCharsets.UTF_8));
            Arrays.fill(bytes, (byte) 0);
            if (!same) {
                return false;
            }
        }
        for (ComposeEditor editor : editors.values()) {
            Optional<String> defined = editor.definedFile(name.value());
            if (defined.isPresent() && !defined.get().equals(path)) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- writing

    private void write(MigrationPlan.Builder plan, Set<String> editedDotenv) throws IOException {
        Map<Group, SecretFile> files = new LinkedHashMap<>();
        Map<Site, String> siteExplanations = new LinkedHashMap<>();
        Map<String, byte[]> dockerfiles = new LinkedHashMap<>();
        Map<String, List<TextEdit>> dockerfileEdits = new LinkedHashMap<>();
        Map<String, List<SecretValue>> dockerfileSecrets = new LinkedHashMap<>();
        Map<String, List<String>> dockerfileReasons = new LinkedHashMap<>();
        List<ChecklistItem> readFromFile = new ArrayList<>();
        for (Group group : groups.values()) {
            SecretFile file = SecretFile.in(options.secretsDir(), group.name, group.value);
            files.put(group, file);
            String runPath = group.name.runPath();
            for (Site site : group.sites) {
                ComposeEditor editor = site.editor;
                switch (site.kind) {
                    case ENVIRONMENT -> {
                        List<String> users = editor.users(site.variable);
                        List<String> fileKeys = new ArrayList<>();
                        List<String> notReading = new ArrayList<>();
                        for (String user : users) {
                            Optional<String> fileKey = fileVariable(editor, user, site.variable.name());
                            fileKey.ifPresentOrElse(fileKeys::add, () -> notReading.add(user));
                            editor.addSecret(user, group.name.value());
                        }
                        List<SecretValue> values = new ArrayList<>(site.dropped);
                        values.add(group.value);
                        if (!fileKeys.isEmpty()) {
                            editor.replace(site.variable, fileKeys.get(0), runPath, values.toArray(SecretValue[]::new));
                        } else {
                            editor.remove(site.variable, values.toArray(SecretValue[]::new));
                        }
                        editor.defineSecret(group.name.value(), file.path());
                        String where = site.variable.origin().inherited()
                                ? " (written once in " + site.variable.origin().home()
                                        + site.variable.origin().anchor().map(a -> ", anchor &" + a).orElse("") + ")"
                                : "";
                        editor.reason("move " + site.variable.name() + " of " + String.join(", ", users)
                                + " to secret " + group.name);
                        StringBuilder explanation = new StringBuilder("Move ").append(site.variable.name()).append(" of ")
                                .append(users.size() == 1 ? "service " : "services ").append(String.join(", ", users))
                                .append(where).append(" into secret ").append(group.name).append(" (")
                                .append(file.path()).append(")");
                        if (!fileKeys.isEmpty()) {
                            explanation.append("; the entry becomes ").append(fileKeys.get(0)).append(": ").append(runPath)
                                    .append(", which the image reads");
                        } else {
                            explanation.append(" and mount it at ").append(runPath).append("; the entry is removed");
                        }
                        if (!notReading.isEmpty()) {
                            explanation.append("; ").append(String.join(", ", notReading))
                                    .append(notReading.size() == 1 ? " is" : " are")
                                    .append(" not known to read ").append(site.variable.name())
                                    .append("_FILE, so the app must read ").append(runPath).append(" (see the checklist)");
                            for (String user : notReading) {
                                readFromFile.add(new ChecklistItem.ReadFromFile(group.name, user, site.variable.name()));
                            }
                        }
                        if (!site.dropped.isEmpty()) {
                            explanation.append("; its literal default is dropped, since ").append(group.dotenv.isEmpty()
                                    ? "the secret file now holds the value"
                                    : group.dotenv.get(0).path() + " sets the variable");
                        }
                        siteExplanations.put(site, explanation.append('.').toString());
                    }
                    case ENV_FILE -> {
                        String loaded = site.loadedKey;
                        Optional<String> fileKey = fileVariable(editor, site.service, loaded);
                        editor.addSecret(site.service, group.name.value());
                        fileKey.ifPresent(key -> editor.addEnvironment(site.service, key, runPath));
                        editor.defineSecret(group.name.value(), file.path());
                        editor.reason("give service " + site.service + " secret " + group.name + " for " + loaded);
                        if (fileKey.isEmpty()) {
                            readFromFile.add(new ChecklistItem.ReadFromFile(group.name, site.service, loaded));
                        }
                        siteExplanations.put(site, "Service " + site.service + " loads " + loaded
                                + " with env_file; it gets secret " + group.name + fileKey.map(k -> " and " + k + ": "
                                + runPath).orElse(", and its app must read " + runPath + " (see the checklist)") + ".");
                    }
                    case BUILD_ARG -> planBuildSecret(group, site, file, dockerfiles, dockerfileEdits,
                            dockerfileSecrets, dockerfileReasons, siteExplanations);
                }
            }
        }
        // Render every compose file; a refused file takes back its sites.
        Set<ComposeEditor> failed = new LinkedHashSet<>();
        Map<ComposeEditor, String> updatedTexts = new LinkedHashMap<>();
        for (ComposeEditor editor : editors.values()) {
            ComposeEditor.Rendered rendered = editor.render();
            rendered.edit().ifPresent(edit -> {
                if (edit.changes()) {
                    plan.edit(edit);
                    updatedTexts.put(editor, new String(edit.updated(), StandardCharsets.UTF_8));
                }
            });
            if (rendered.refusal().isPresent()) {
                failed.add(editor);
                notes.add(rendered.refusal().get());
            }
        }
        dockerfileEdits.forEach((path, edits) -> plan.edit(FileEdit.modify(path, dockerfiles.get(path),
                TextEdit.apply(dockerfiles.get(path), edits), dockerfileReasons.get(path), dockerfileSecrets.get(path))));

        Map<String, List<DotenvEntry>> dotenvRemovals = new LinkedHashMap<>();
        Map<String, List<SecretValue>> dotenvValues = new LinkedHashMap<>();
        for (Group group : groups.values()) {
            List<Site> done = new ArrayList<>();
            for (Site site : group.sites) {
                boolean ok = !failed.contains(site.editor) && site.refusal.isEmpty();
                String explanation = siteExplanations.get(site);
                for (Finding finding : site.findings) {
                    if (ok) {
                        decide(finding, Optional.of(group.name), Action.MIGRATE, explanation);
                    } else if (site.refusal.isPresent()) {
                        decide(finding, Optional.empty(), Action.MANUAL, "hush did not rewrite the build of service "
                                + site.service + ": " + site.refusal.get() + ". The checklist lists the steps.");
                    } else {
                        manual(List.of(finding), "hush could not rewrite " + site.editor.path() + ": "
                                + site.refusal.orElse(notes.isEmpty() ? "see the notes" : "see the notes"),
                                List.of("Move " + group.key + " of service " + site.service + " into secret " + group.name
                                        + " by hand"));
                    }
                }
                if (ok) {
                    done.add(site);
                }
            }
            boolean allDone = done.size() == group.sites.size();
            done.stream().map(site -> site.editor).distinct().filter(updatedTexts::containsKey)
                    .forEach(editor -> warnIfStillWritten(group, editor.path(), updatedTexts.get(editor)));
            for (DotenvSource source : group.dotenv) {
                if (allDone) {
                    dotenvRemovals.computeIfAbsent(source.path(), p -> new ArrayList<>()).add(source.entry());
                    dotenvValues.computeIfAbsent(source.path(), p -> new ArrayList<>()).add(group.value);
                    decide(source.finding(), Optional.of(group.name), Action.MIGRATE, "Move " + group.key + " out of "
                            + source.path() + " into secret " + group.name + " (" + files.get(group).path() + ");"
                            + " the compose files that use it read the secret instead, and "
                            + exampleOf(source.path()) + " keeps the key without its value.");
                } else {
                    manual(List.of(source.finding()), group.key + " stays in " + source.path()
                            + " because not every compose file that uses it could be rewritten.",
                            List.of("Move " + group.key + " out of " + source.path() + " once its uses read secret "
                                    + group.name));
                }
            }
            if (!done.isEmpty()) {
                plan.secretFile(files.get(group));
                List<Location> inlineAt = new ArrayList<>();
                Set<String> services = new LinkedHashSet<>();
                Optional<String> hint = Optional.empty();
                Optional<String> fingerprint = Optional.empty();
                for (Site site : group.sites) {
                    for (Finding finding : site.findings) {
                        inlineAt.add(finding.location());
                        fingerprint = fingerprint.or(() -> Optional.of(fingerprint(finding)));
                        hint = hint.or(() -> hint(finding));
                    }
                    services.addAll(site.variable != null ? site.editor.users(site.variable) : List.of(site.service));
                }
                for (DotenvSource source : group.dotenv) {
                    inlineAt.add(source.finding().location());
                    fingerprint = fingerprint.or(() -> Optional.of(fingerprint(source.finding())));
                }
                checklist.add(new ChecklistItem.Rotate(group.name, files.get(group).path(), fingerprint, inlineAt,
                        List.copyOf(services), hint));
            }
        }
        for (ChecklistItem item : readFromFile) {
            if (!checklist.contains(item)) {
                checklist.add(item);
            }
        }
        for (Map.Entry<String, List<DotenvEntry>> removal : dotenvRemovals.entrySet()) {
            planDotenvEdits(plan, removal.getKey(), removal.getValue(), dotenvValues.get(removal.getKey()));
            editedDotenv.add(removal.getKey());
        }
        if (!failed.isEmpty()) {
            // Secret files whose every site failed were not added; the notes say why.
            notes.add("hush left " + failed.size() + " compose file(s) unchanged; their secrets stay inline");
        }
        refusedFiles.values().forEach(notes::add);
    }

    /** Tells the user when a migrated value is still written elsewhere in a file, e.g. in a healthcheck. */
    private void warnIfStillWritten(Group group, String path, String updated) {
        String value = group.value.reveal();
        if (value.isEmpty() || !updated.contains(value)) {
            return;
        }
        List<Integer> lines = new ArrayList<>();
        int line = 1;
        int from = 0;
        for (int at = updated.indexOf(value); at >= 0; at = updated.indexOf(value, at + value.length())) {
            for (int i = from; i < at; i++) {
                line += updated.charAt(i) == '\n' ? 1 : 0;
            }
            from = at;
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        String where = path + " line" + (lines.size() == 1 ? " " : "s ") + lines.stream().map(String::valueOf)
                .reduce((a, b) -> a + ", " + b).orElse("");
        checklist.add(new ChecklistItem.ManualSteps("The value of secret `" + group.name + "` is still written in "
                + path, "After the migration the same value still appears at " + where + " (a healthcheck, a command,"
                + " a URL, or another setting that happens to be equal). hush does not change those.",
                List.of("Check " + where + ": where the secret is used, read it from `/run/secrets/" + group.name
                        + "` instead", "Rotate the secret, so the old value left there stops working")));
        notes.add("the value of secret " + group.name + " is still written in " + where);
    }

    private void planBuildSecret(Group group, Site site, SecretFile file, Map<String, byte[]> dockerfiles,
            Map<String, List<TextEdit>> dockerfileEdits, Map<String, List<SecretValue>> dockerfileSecrets,
            Map<String, List<String>> dockerfileReasons, Map<Site, String> explanations) throws IOException {
        ComposeEditor editor = site.editor;
        Service service = editor.service(site.service).orElseThrow();
        Optional<String> dockerfile = site.dockerfile != null ? Optional.of(site.dockerfile) : dockerfileOf(editor, service);
        Optional<String> text = dockerfile.isPresent() ? readText(dockerfile.get()) : Optional.empty();
        String key = group.key;
        if (text.isEmpty()) {
            site.refusal = Optional.of("the Dockerfile of service " + site.service + " was not found");
            buildManual(group, site, "the Dockerfile of service " + site.service + " was not found");
            return;
        }
        DockerfileEditor.Rewrite rewrite = DockerfileEditor.buildSecret(text.get(), key, group.name.value());
        if (rewrite.refusal().isPresent()) {
            site.refusal = rewrite.refusal();
            buildManual(group, site, dockerfile.get() + ": " + rewrite.refusal().get());
            return;
        }
        String path = dockerfile.get();
        dockerfiles.put(path, Files.readAllBytes(root.resolve(path)));
        List<TextEdit> edits = dockerfileEdits.computeIfAbsent(path, p -> new ArrayList<>());
        for (TextEdit edit : rewrite.edits()) {
            // Two build secrets of one Dockerfile both ask for the syntax line; it goes in once.
            if (!edits.contains(edit)) {
                edits.add(edit);
            }
        }
        List<SecretValue> values = dockerfileSecrets.computeIfAbsent(path, p -> new ArrayList<>());
        values.add(group.value);
        rewrite.defaults().stream().map(SecretValue::of).filter(v -> !values.contains(v)).forEach(values::add);
        dockerfileReasons.computeIfAbsent(path, p -> new ArrayList<>()).add("read " + key + " from build secret "
                + group.name + " with RUN --mount=type=secret instead of a build argument");
        if (site.variable != null) {
            editor.remove(site.variable, group.value);
        }
        editor.addBuildSecret(site.service, group.name.value());
        editor.defineSecret(group.name.value(), file.path());
        editor.reason("pass " + key + " of service " + site.service + " as build secret " + group.name);
        explanations.put(site, "Pass " + key + " of service " + site.service + " as build secret " + group.name + " ("
                + file.path() + "): the build argument goes, " + path + " mounts it with RUN --mount=type=secret,id="
                + group.name + ",env=" + key + ", and build.secrets lists it.");
    }

    private void buildManual(Group group, Site site, String why) {
        String name = group.name.value();
        checklist.add(new ChecklistItem.ManualSteps("Build secret " + group.key + " of service " + site.service,
                "hush did not rewrite the build: " + why + ".",
                List.of("Remove the literal value of " + group.key + " (compose build.args and the Dockerfile's ARG)",
                        "Put the value into `" + options.secretsDir() + "/" + name + ".txt` and list `" + name
                                + "` under build.secrets of service " + site.service + " and the top-level secrets",
                        "Read it only in the RUN lines that need it: `RUN --mount=type=secret,id=" + name + ",env="
                                + group.key + " ...` (needs `# syntax=" + DockerfileEditor.SYNTAX + "`)",
                        "If the value ends up in a file or an ENV of the image, change that too: the image keeps it",
                        "Rotate the value: it is in the history of every image built so far")));
    }

    private void planDotenvEdits(MigrationPlan.Builder plan, String path, List<DotenvEntry> entries,
            List<SecretValue> values) throws IOException {
        byte[] original = Files.readAllBytes(root.resolve(path));
        String text = stripBom(new String(original, StandardCharsets.UTF_8));
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
        String example = exampleOf(path);
        Path examplePath = root.resolve(example);
        List<DotenvEntry> all = MigrationSources.dotenv(text);
        if (Files.isRegularFile(examplePath, LinkOption.NOFOLLOW_LINKS)) {
            byte[] before = Files.readAllBytes(examplePath);
            String exampleText = stripBom(new String(before, StandardCharsets.UTF_8));
            Set<String> known = new LinkedHashSet<>();
            MigrationSources.dotenv(exampleText).forEach(e -> known.add(e.key()));
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

    private static String exampleOf(String dotenvPath) {
        return dotenvPath + ".example";
    }

    // ---------------------------------------------------------------- the rest

    private Optional<String> fileVariable(ComposeEditor editor, String service, String key) {
        if (options.readsFileVariables().contains(service)) {
            return Optional.of(FileVariableImages.defaultFileVariable(key));
        }
        return editor.service(service).flatMap(Service::image)
                .flatMap(image -> MigrationSources.literal(image.text()))
                .flatMap(image -> FileVariableImages.fileVariable(image, key));
    }

    private Optional<String> hint(Finding finding) {
        return catalogue.find(finding.ruleId()).flatMap(Rule::rotation)
                .map(hint -> hint.provider() + ": " + hint.revoke());
    }

    /** Leaves a finding the planner has no rewrite for to the user: a checklist section, and a rotation for secrets. */
    private void leaveToUser(Finding finding) {
        if (skipped(finding)) {
            decide(finding, Optional.empty(), Action.SKIP, "Left as it is, as you chose.");
            return;
        }
        if (finding.card() != Card.INLINE_SECRET || finding.secret().isEmpty()) {
            return;
        }
        String path = finding.location().path();
        String key = finding.key().orElse(finding.ruleId());
        SecretName name = SecretName.fromKey(key);
        if (finding.ruleId().equals(DOCKERFILE_ENV_RULE)) {
            manual(List.of(finding), "ENV " + key + " in " + path + " bakes the secret into every layer of the image and"
                    + " the app reads it at run time; moving it is a change to how the app starts, so hush leaves it.",
                    List.of("Delete `ENV " + key + "=…` from " + path + " (line " + finding.location().line() + ")",
                            "Put the value into `" + options.secretsDir() + "/" + name + ".txt` and give the service"
                                    + " that runs this image the Compose secret `" + name + "`",
                            "Make the app read `/run/secrets/" + name + "` (secrets-runtime: `Secrets.require(\"" + name
                                    + "\")`), or set " + key + "_FILE if it reads that",
                            "Rotate the value: every image built so far holds it"));
            return;
        }
        if (decisions.containsKey(finding)) {
            return;
        }
        manual(List.of(finding), finding.ruleId() + " found a secret in " + path + " (line " + finding.location().line()
                + "); hush rewrites compose files, dotenv files and Dockerfiles only, so this one is yours to move.",
                List.of("Move the value out of " + path + " line " + finding.location().line() + " into `"
                        + options.secretsDir() + "/" + name + ".txt` or your secret store, and read it from there",
                        "Rotate it" + hint(finding).map(h -> " (" + h + ")").orElse("")));
    }

    private void manual(List<Finding> findings, String explanation, List<String> steps) {
        Finding first = findings.get(0);
        String key = first.key().orElse(first.ruleId());
        String title = "Move " + key + " by hand (" + first.location().path() + ":" + first.location().line() + ")";
        checklist.add(new ChecklistItem.ManualSteps(title, explanation, steps));
        SecretName name = SecretName.fromKey(key);
        checklist.add(new ChecklistItem.Rotate(name, options.secretsDir() + "/" + name + ".txt",
                Optional.of(fingerprint(first)), findings.stream().map(Finding::location).toList(),
                first.service().map(List::of).orElse(List.of()), hint(first)));
        for (Finding finding : findings) {
            decide(finding, Optional.empty(), Action.MANUAL, explanation + " The checklist lists the steps.");
        }
    }

    private void decide(Finding finding, Optional<SecretName> name, Action action, String explanation) {
        decisions.put(finding, new MigrationDecision(finding, fingerprint(finding), name, action, explanation));
    }

    private Optional<String> readText(String path) throws IOException {
        Path file = root.resolve(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(stripBom(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int offset(int[] lineStarts, Location location) {
        int line = Math.min(location.line(), lineStarts.length);
        return lineStarts[line - 1] + location.column() - 1;
    }
}

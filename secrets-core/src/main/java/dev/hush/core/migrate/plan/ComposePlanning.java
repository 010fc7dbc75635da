package dev.hush.core.migrate.plan;

import dev.hush.core.rules.RuleIds;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.format.compose.ComposeFile.Variable;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.ChecklistItem;
import dev.hush.core.migrate.MigrationDecision.Action;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.migrate.edit.ComposeEditor;
import dev.hush.core.migrate.plan.Site.Kind;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
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

/** Plans the compose side of a migration: which environment entries and build args move, and the cards. */
final class ComposePlanning {
    private final PlanContext c;

    ComposePlanning(PlanContext c) {
        this.c = c;
    }

    List<String> composeFiles() throws IOException {
        return composeFiles(c.root);
    }

    /** Returns the compose files under {@code root}, sorted, outside hidden folders and dependency folders. */
    static List<String> composeFiles(Path root) throws IOException {
        List<String> files = new ArrayList<>();
        Path base = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            return files;
        }
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(base) && (name.startsWith(".") || PlanContext.SKIPPED_FOLDERS.contains(name))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && ComposeFile.isComposeName(file.getFileName().toString())) {
                    files.add(base.relativize(file).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    void planCompose(ComposeEditor editor, List<Finding> findings, DotenvPlanning dotenv) throws IOException {
        Map<Integer, Site> sites = new LinkedHashMap<>();
        String text = editor.text();
        int[] lineStarts = PlanContext.lineStarts(text);
        for (Service service : editor.document().services()) {
            for (int kind = 0; kind < 2; kind++) {
                boolean buildArg = kind == 1;
                for (Variable variable : buildArg ? service.buildArgs() : service.environment()) {
                    if (variable.value().isEmpty()) {
                        continue;
                    }
                    ComposeFile.Span value = variable.value().get().span();
                    for (Finding finding : findings) {
                        int offset = PlanContext.offset(lineStarts, finding.location());
                        boolean inside = offset >= value.start() && (offset < value.end() || offset == value.start());
                        if (!inside || finding.card() != Card.INLINE_SECRET || c.siteOf.containsKey(finding)) {
                            continue;
                        }
                        Site site = sites.computeIfAbsent(variable.entry().start(), start ->
                                new Site(buildArg ? Kind.BUILD_ARG : Kind.ENVIRONMENT, editor, variable, service.name()));
                        site.findings.add(finding);
                        c.siteOf.put(finding, site);
                    }
                }
            }
        }
        for (Site site : sites.values()) {
            planComposeSite(site, dotenv);
        }
        for (Finding finding : findings) {
            if (c.siteOf.containsKey(finding) || c.decisions.containsKey(finding)) {
                continue;
            }
            if (finding.ruleId().equals(RuleIds.COMPOSE_PRIVILEGED) || finding.ruleId().equals(RuleIds.COMPOSE_DOCKER_SOCKET)) {
                planCard(editor, finding);
            }
        }
    }

    void planComposeSite(Site site, DotenvPlanning dotenv) throws IOException {
        Variable variable = site.variable;
        String written = variable.value().get().text();
        Finding first = site.findings.get(0);
        if (site.findings.stream().anyMatch(c::skipped)) {
            site.findings.forEach(f -> c.decide(f, Optional.empty(), Action.SKIP, "Left as it is, as you chose."));
            return;
        }
        List<String> users = site.editor.users(variable);
        if (first.ruleId().equals(RuleIds.COMPOSE_URL_CREDENTIALS)) {
            // The app reads the whole URL, so the whole URL becomes the secret, like any other value:
            // <KEY>_FILE where the app reads it, else a mount and a checklist step.
            Optional<String> literal = Values.literal(written);
            if (literal.isEmpty()) {
                manualUrl(site, users);
                return;
            }
            c.group(variable.name(), SecretValue.of(literal.get())).sites.add(site);
            return;
        }
        Optional<String> literal = Values.literal(written);
        if (literal.isPresent()) {
            boolean whole = site.findings.stream().allMatch(f -> f.secret().map(s -> s.reveal().equals(literal.get()))
                    .orElse(false));
            if (!whole) {
                c.manual(site.findings, "The secret is part of a longer value of " + variable.name() + " in service "
                        + site.service + ", so moving the whole value would be a guess.",
                        List.of("Move the secret out of " + variable.name() + " in " + site.editor.path() + " line "
                                + first.location().line() + " by hand, into a Compose secret the app reads from a file"));
                return;
            }
            if (site.kind == Kind.BUILD_ARG) {
                site.dockerfile = site.editor.service(site.service).flatMap(s -> c.dockerfileOf(site.editor, s)).orElse(null);
            }
            c.group(variable.name(), SecretValue.of(literal.get())).sites.add(site);
            return;
        }
        Optional<Values.Reference> reference = Values.soleReference(written);
        if (reference.isPresent() && !reference.get().hasOtherArgument()) {
            Optional<DotenvSource> source = dotenv.interpolationSource(site.editor, reference.get().variable());
            if (source.isPresent()) {
                Group group = c.group(variable.name(), source.get().value());
                reference.get().literalDefault().map(SecretValue::of).ifPresent(site.dropped::add);
                group.sites.add(site);
                c.addDotenvSource(group, source.get());
                return;
            }
            if (reference.get().literalDefault().isPresent()) {
                String name = reference.get().variable();
                Optional<String> setBy = dotenvSetting(site.editor, name);
                if (setBy.isPresent()) {
                    // The service gets the .env value, not the default: moving the default would change it.
                    c.manual(site.findings, "The value of " + variable.name() + " in service " + site.service
                            + " comes from " + name + " in " + setBy.get() + ", which hush does not move (its name"
                            + " does not look like a secret's, or it was left out); the default written in "
                            + site.editor.path() + " is not the value the service gets.",
                            List.of("Move the value of " + name + " in " + setBy.get() + " into a Compose secret by hand,"
                                    + " or rename " + name + " so that hush moves it, then run hush migrate again",
                                    "Remove the inline default of " + variable.name() + " (" + site.editor.path() + " line "
                                            + first.location().line() + "): it is a secret too"));
                    return;
                }
                c.group(variable.name(), SecretValue.of(reference.get().literalDefault().get())).sites.add(site);
                return;
            }
        }
        c.manual(site.findings, "The value of " + variable.name() + " in service " + site.service
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
    void handOverShadowedEntries() throws IOException {
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> removed = new LinkedHashSet<>();
            c.groups.values().forEach(g -> g.dotenv.forEach(s -> removed.add(s.path() + "\0" + s.entry().key())));
            for (var iterator = c.groups.values().iterator(); iterator.hasNext();) {
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
                        c.manual(List.of(source.finding()), group.key + " stays in " + source.path() + " because the"
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
    void keepInterpolatedLine(Site site) {
        Optional<Values.Reference> reference = site.variable.value()
                .flatMap(value -> Values.soleReference(value.text()));
        if (reference.isEmpty()) {
            return;
        }
        String path = site.editor.path();
        String dotenv = (path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "") + ".env";
        String variable = reference.get().variable();
        for (Group group : c.groups.values()) {
            List<DotenvSource> kept = group.dotenv.stream()
                    .filter(s -> s.path().equals(dotenv) && s.entry().key().equals(variable)).toList();
            for (DotenvSource source : kept) {
                group.dotenv.remove(source);
                c.manual(List.of(source.finding()), variable + " stays in " + dotenv + " because " + site.variable.name()
                        + " of service " + site.service + " still reads it.", List.of("Move " + variable + " out of "
                                + dotenv + " once every entry that reads it reads a Compose secret"));
            }
        }
    }

    boolean shadowed(Site site, Set<String> removed) throws IOException {
        String key = site.variable.name();
        for (String user : site.editor.users(site.variable)) {
            Optional<Service> service = site.editor.service(user);
            if (service.isEmpty()) {
                continue;
            }
            for (ComposeFile.EnvFile envFile : service.get().envFiles()) {
                Optional<String> path = Values.literal(envFile.path().text())
                        .flatMap(file -> ComposeFile.resolve(site.editor.path(), file));
                Optional<String> text = path.isPresent() ? c.readText(path.get()) : Optional.empty();
                if (text.isEmpty() || removed.contains(path.get() + "\0" + key)
                        || c.dotenvEntries(text.get()).stream().noneMatch(e -> e.key().equals(key))) {
                    continue;
                }
                c.manual(site.findings, key + " of service " + user + " is also set in " + path.get() + ", which the"
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
    Optional<String> dotenvSetting(ComposeEditor editor, String variable) throws IOException {
        String folder = editor.path().contains("/") ? editor.path().substring(0, editor.path().lastIndexOf('/') + 1) : "";
        String path = folder + ".env";
        Optional<String> text = c.readText(path);
        if (text.isPresent() && c.dotenvEntries(text.get()).stream()
                .anyMatch(e -> e.key().equals(variable) && e.value().map(v -> !v.isEmpty()).orElse(false))) {
            return Optional.of(path);
        }
        return Optional.empty();
    }

    void manualUrl(Site site, List<String> users) {
        Variable variable = site.variable;
        String key = variable.name();
        SecretName name = SecretName.fromKey(key);
        String file = SecretFile.path(c.options.secretsDir(), name);
        Finding first = site.findings.get(0);
        c.manual(site.findings, key + " of " + String.join(", ", users) + " holds a URL with a password and references to"
                + " other variables, so hush leaves it rather than guess which part the app could read from a file.",
                List.of("Put the whole URL into `" + file + "` (copy it from " + site.editor.path() + " line "
                        + first.location().line() + "), with no trailing newline",
                        "Make the app read `/run/secrets/" + name + "` (secrets-runtime: `Secrets.require(\"" + name
                                + "\")`) or " + key + "_FILE, then run `hush migrate` again with --reads-file "
                                + String.join(",", users) + " (or replace the entry with " + key + "_FILE: /run/secrets/"
                                + name + " and add the secret by hand)",
                        "Rotate the password: it was written in " + site.editor.path()));
    }

    void planCard(ComposeEditor editor, Finding finding) {
        String service = finding.service().orElse("?");
        if (finding.ruleId().equals(RuleIds.COMPOSE_PRIVILEGED)) {
            c.checklist.add(new ChecklistItem.Privileged(service, finding.location()));
            if (c.options.harden() && editor.service(service).isPresent()) {
                Optional<String> refusal = editor.harden(service);
                if (refusal.isEmpty()) {
                    editor.reason("replace privileged: true of service " + service + " with cap_drop: [ALL] and"
                            + " no-new-privileges");
                    c.decide(finding, Optional.empty(), Action.HARDEN, "Replace privileged: true of service " + service
                            + " with cap_drop: [ALL] and security_opt: [no-new-privileges:true], with a comment on"
                            + " adding back capabilities one by one (cap_add) or devices (devices:).");
                    return;
                }
                c.decide(finding, Optional.empty(), Action.CHECKLIST, "Not hardened: " + refusal.get()
                        + ". The checklist lists the least-privilege settings.");
                return;
            }
            c.decide(finding, Optional.empty(), Action.CHECKLIST, "privileged: true of service " + service
                    + " stays (hush changes it only with --harden); the checklist lists the least-privilege settings.");
        } else {
            c.checklist.add(new ChecklistItem.DockerSocket(service, finding.location()));
            c.decide(finding, Optional.empty(), Action.CHECKLIST, "The Docker socket mount of service " + service
                    + " stays; the checklist lists the alternatives (docker on the host, docker context over SSH/TLS,"
                    + " the buildx docker-container driver).");
        }
    }
}

package dev.hush.core.migrate.plan;

import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.format.dotenv.DotenvEntry;
import dev.hush.core.migrate.ChecklistItem;
import dev.hush.core.migrate.DeliveryKind;
import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.MigrationDecision.Action;
import dev.hush.core.migrate.MigrationPlan;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.migrate.edit.ComposeEditor;
import dev.hush.core.migrate.edit.TextEdit;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Writes the planned groups into the compose, Dockerfile and dotenv edits, the secret files and the rotation steps. */
final class PlanWriter {
    private final PlanContext c;
    private SharedSecrets shared;

    PlanWriter(PlanContext c) {
        this.c = c;
    }

    void write(MigrationPlan.Builder plan, Set<String> editedDotenv, DotenvPlanning dotenv, DockerfilePlanning dockerfile,
            ChecklistPlanning checklists) throws IOException {
        Map<Group, SecretFile> files = new LinkedHashMap<>();
        Map<Site, String> siteExplanations = new LinkedHashMap<>();
        Map<Site, List<String>> siteDeliveries = new LinkedHashMap<>();
        Map<String, byte[]> dockerfiles = new LinkedHashMap<>();
        Map<String, List<TextEdit>> dockerfileEdits = new LinkedHashMap<>();
        Map<String, List<SecretValue>> dockerfileSecrets = new LinkedHashMap<>();
        Map<String, List<String>> dockerfileReasons = new LinkedHashMap<>();
        List<ChecklistItem> readFromFile = new ArrayList<>();
        EnvFiles envFiles = new EnvFiles(c.root, c.options.secretsDir());
        shared = new SharedSecrets(c.groups.values());
        Set<SecretName> written = new LinkedHashSet<>();
        for (Group group : c.groups.values()) {
            SecretFile file = SecretFile.in(c.options.secretsDir(), group.name, group.delivered);
            files.put(group, file);
            String runPath = group.name.runPath();
            for (Site site : group.sites) {
                ComposeEditor editor = site.editor;
                switch (site.kind) {
                    case ENVIRONMENT -> {
                        List<String> users = editor.users(site.variable);
                        String key = site.variable.name();
                        Map<String, Delivery> deliveries = new LinkedHashMap<>();
                        Optional<DeliveryKind> chosen = c.chosenDelivery(group, site, key);
                        users.forEach(user -> deliveries.put(user,
                                Delivery.of(editor, user, key, c.options, c.editors.values()).or(chosen, key)));
                        Optional<String> unwritable = deliveries.values().stream()
                                .anyMatch(d -> d.kind() == DeliveryKind.ENV_FILE)
                                ? EnvFiles.unwritable(group.delivered) : Optional.empty();
                        if (unwritable.isPresent()) {
                            site.refusal = Optional.of(key + " stays inline: its value " + unwritable.get());
                            continue;
                        }
                        List<SecretValue> values = new ArrayList<>(site.dropped);
                        values.add(group.value);
                        Set<Optional<String>> fileKeys = new LinkedHashSet<>();
                        deliveries.values().forEach(d -> fileKeys.add(d.fileVariable()));
                        boolean sameFileVariable = fileKeys.size() == 1 && fileKeys.iterator().next().isPresent();
                        if (sameFileVariable) {
                            editor.replace(site.variable, fileKeys.iterator().next().get(), runPath,
                                    values.toArray(SecretValue[]::new));
                        } else {
                            editor.remove(site.variable, values.toArray(SecretValue[]::new));
                        }
                        List<String> how = new ArrayList<>();
                        List<String> labels = siteDeliveries.computeIfAbsent(site, s -> new ArrayList<>());
                        for (Map.Entry<String, Delivery> entry : deliveries.entrySet()) {
                            String user = entry.getKey();
                            how.add(deliver(editor, user, key, entry.getValue(), chosen.isPresent(), group, file,
                                    !sameFileVariable, envFiles, readFromFile, deliveries.size() > 1, labels));
                        }
                        String where = site.variable.origin().inherited()
                                ? " (written once in " + site.variable.origin().home()
                                        + site.variable.origin().anchor().map(a -> ", anchor &" + a).orElse("") + ")"
                                : "";
                        editor.reason("move " + key + " of " + String.join(", ", users) + " to secret " + group.name);
                        StringBuilder explanation = new StringBuilder("Move ").append(key).append(" of ")
                                .append(users.size() == 1 ? "service " : "services ").append(String.join(", ", users))
                                .append(where).append(" into secret ").append(group.name).append(" (")
                                .append(file.path()).append("): ").append(String.join("; ", how));
                        if (!site.dropped.isEmpty()) {
                            explanation.append("; its literal default is dropped, since ").append(group.dotenv.isEmpty()
                                    ? "the secret file now holds the value"
                                    : group.dotenv.get(0).path() + " sets the variable");
                        }
                        siteExplanations.put(site, explanation.append('.').toString());
                    }
                    case ENV_FILE -> {
                        String loaded = site.loadedKey;
                        Optional<DeliveryKind> chosen = c.chosenDelivery(group, site, loaded);
                        Delivery delivery = Delivery.of(editor, site.service, loaded, c.options, c.editors.values())
                                .or(chosen, loaded);
                        Optional<String> unwritable = delivery.kind() == DeliveryKind.ENV_FILE
                                ? EnvFiles.unwritable(group.delivered) : Optional.empty();
                        if (unwritable.isPresent()) {
                            site.refusal = Optional.of(loaded + " stays where it is: its value " + unwritable.get());
                            continue;
                        }
                        editor.reason("give service " + site.service + " secret " + group.name + " for " + loaded);
                        siteExplanations.put(site, "Service " + site.service + " loads " + loaded + " with env_file; "
                                + deliver(editor, site.service, loaded, delivery, chosen.isPresent(), group, file, true,
                                        envFiles, readFromFile, false,
                                        siteDeliveries.computeIfAbsent(site, s -> new ArrayList<>())) + ".");
                    }
                    case BUILD_ARG -> {
                        dockerfile.planBuildSecret(group, site, file, dockerfiles, dockerfileEdits,
                                dockerfileSecrets, dockerfileReasons, siteExplanations);
                        siteDeliveries.computeIfAbsent(site, s -> new ArrayList<>()).add("build secret " + group.name);
                    }
                }
            }
        }
        c.commands.rewrite();
        // Render every compose file; a refused file takes back its sites.
        Set<ComposeEditor> failed = new LinkedHashSet<>();
        Map<ComposeEditor, String> updatedTexts = new LinkedHashMap<>();
        for (ComposeEditor editor : c.editors.values()) {
            ComposeEditor.Rendered rendered = editor.render();
            rendered.edit().ifPresent(edit -> {
                if (edit.changes()) {
                    plan.edit(edit);
                    updatedTexts.put(editor, new String(edit.updated(), StandardCharsets.UTF_8));
                }
            });
            if (rendered.refusal().isPresent()) {
                failed.add(editor);
                c.notes.add(rendered.refusal().get());
            }
        }
        envFiles.write(plan, failed);
        dockerfileEdits.forEach((path, edits) -> plan.edit(FileEdit.modify(path, dockerfiles.get(path),
                TextEdit.apply(dockerfiles.get(path), edits), dockerfileReasons.get(path), dockerfileSecrets.get(path))));

        Map<String, List<DotenvEntry>> dotenvRemovals = new LinkedHashMap<>();
        Map<String, List<SecretValue>> dotenvValues = new LinkedHashMap<>();
        for (Group group : c.groups.values()) {
            List<Site> done = new ArrayList<>();
            for (Site site : group.sites) {
                boolean ok = !failed.contains(site.editor) && site.refusal.isEmpty();
                String explanation = siteExplanations.get(site);
                for (Finding finding : site.findings) {
                    if (ok) {
                        c.decide(finding, Optional.of(group.name), Action.MIGRATE, explanation
                                + shared.sentence(group.name) + WeakDefaults.sentence(group, finding),
                                delivery(siteDeliveries.get(site)));
                    } else if (site.refusal.isPresent() && site.kind != Site.Kind.BUILD_ARG) {
                        c.manual(List.of(finding), "hush did not move it for service " + site.service + ": "
                                + site.refusal.get() + ".", List.of("Move " + group.key + " of service " + site.service
                                        + " into a git-ignored env file or a Compose secret by hand"));
                    } else if (site.refusal.isPresent()) {
                        c.decide(finding, Optional.empty(), Action.MANUAL, "hush did not rewrite the build of service "
                                + site.service + ": " + site.refusal.get() + ". The checklist lists the steps.");
                    } else {
                        c.manual(List.of(finding), "hush could not rewrite " + site.editor.path() + ": "
                                + site.refusal.orElse(c.notes.isEmpty() ? "see the notes" : "see the notes"),
                                List.of("Move " + group.key + " of service " + site.service + " into secret " + group.name
                                        + " by hand"));
                    }
                }
                if (ok) {
                    done.add(site);
                }
            }
            boolean allDone = done.size() == group.sites.size();
            for (DotenvSource source : group.dotenv) {
                if (allDone) {
                    dotenvRemovals.computeIfAbsent(source.path(), p -> new ArrayList<>()).add(source.entry());
                    dotenvValues.computeIfAbsent(source.path(), p -> new ArrayList<>()).add(group.value);
                    c.decide(source.finding(), Optional.of(group.name), Action.MIGRATE, "Move " + group.key + " out of "
                            + source.path() + " into secret " + group.name + " (" + files.get(group).path() + ");"
                            + " the compose files that use it read the secret instead, and "
                            + PlanContext.exampleOf(source.path()) + " keeps the key without its value."
                            + shared.sentence(group.name) + WeakDefaults.sentence(group, source.finding()),
                            delivery(group.sites.stream().flatMap(s -> siteDeliveries.getOrDefault(s, List.of())
                                    .stream()).distinct().toList()));
                } else {
                    c.manual(List.of(source.finding()), group.key + " stays in " + source.path()
                            + " because not every compose file that uses it could be rewritten.",
                            List.of("Move " + group.key + " out of " + source.path() + " once its uses read secret "
                                    + group.name));
                }
            }
            if (!done.isEmpty()) {
                plan.secretFile(files.get(group));
                written.add(group.name);
                shared.secretFile(group.name, files.get(group).path());
                List<Location> inlineAt = new ArrayList<>();
                Set<String> services = new LinkedHashSet<>();
                Optional<String> hint = Optional.empty();
                Optional<String> fingerprint = Optional.empty();
                for (Site site : group.sites) {
                    for (Finding finding : site.findings) {
                        inlineAt.add(finding.location());
                        fingerprint = fingerprint.or(() -> Optional.of(c.fingerprint(finding)));
                        hint = hint.or(() -> c.hint(finding));
                    }
                    services.addAll(site.variable != null ? site.editor.users(site.variable) : List.of(site.service));
                }
                for (DotenvSource source : group.dotenv) {
                    inlineAt.add(source.finding().location());
                    fingerprint = fingerprint.or(() -> Optional.of(c.fingerprint(source.finding())));
                }
                rotate(new ChecklistItem.Rotate(group.name, files.get(group).path(), fingerprint, inlineAt,
                        List.copyOf(services), hint));
                if (group.generated) {
                    ChecklistItem stored = WeakDefaults.storedPassword(group, files.get(group).path(),
                            List.copyOf(services));
                    if (!c.checklist.contains(stored)) {
                        c.checklist.add(stored);
                        c.notes.add("secret " + group.name + " got a generated value: change the password that "
                                + String.join(", ", services) + " already stored, as the checklist says");
                    }
                } else if (WeakDefaults.holdsWeakDefault(group)) {
                    String note = "secret " + group.name + " keeps a default password anyone can guess, so that "
                            + String.join(", ", services) + " keeps working: give it a new value as the checklist"
                            + " says (hush migrate --generate-weak does it while migrating)";
                    if (!c.notes.contains(note)) {
                        c.notes.add(note);
                    }
                }
            }
        }
        c.checklist.addAll(shared.checklist(written));
        c.notes.addAll(shared.notes(written));
        for (ChecklistItem item : readFromFile) {
            if (!c.checklist.contains(item)) {
                c.checklist.add(item);
            }
        }
        for (Map.Entry<String, List<DotenvEntry>> removal : dotenvRemovals.entrySet()) {
            dotenv.planDotenvEdits(plan, removal.getKey(), removal.getValue(), dotenvValues.get(removal.getKey()));
            editedDotenv.add(removal.getKey());
        }
        if (!failed.isEmpty()) {
            // Secret files whose every site failed were not added; the notes say why.
            c.notes.add("hush left " + failed.size() + " compose file(s) unchanged; their secrets stay inline");
        }
        c.refusedFiles.values().forEach(c.notes::add);
    }

    /** Adds the rotation of {@code item}'s secret, merged into the one already planned for another use of its value. */
    private void rotate(ChecklistItem.Rotate item) {
        for (int i = 0; i < c.checklist.size(); i++) {
            if (c.checklist.get(i) instanceof ChecklistItem.Rotate known && known.name().equals(item.name())) {
                List<Location> inlineAt = new ArrayList<>(known.inlineAt());
                item.inlineAt().stream().filter(l -> !inlineAt.contains(l)).forEach(inlineAt::add);
                Set<String> services = new LinkedHashSet<>(known.services());
                services.addAll(item.services());
                c.checklist.set(i, new ChecklistItem.Rotate(known.name(), known.secretFile(),
                        known.fingerprint().or(item::fingerprint), inlineAt, List.copyOf(services),
                        known.rotateHint().or(item::rotateHint)));
                return;
            }
        }
        c.checklist.add(item);
    }

    /**
     * Wires one delivery of secret {@code group} to {@code service} as variable {@code key} and
     * returns the sentence that says how it now arrives.
     *
     * @param chosen whether the user chose this delivery
     * @param addFileVariable whether a file variable must be added (the entry was not replaced by it)
     * @param named whether {@code labels} name the service, as several services use the entry
     * @param labels where the short description of the delivery goes, for the prompt and the dry run
     */
    private String deliver(ComposeEditor editor, String service, String key, Delivery delivery, boolean chosen,
            Group group, SecretFile file, boolean addFileVariable, EnvFiles envFiles,
            List<ChecklistItem> readFromFile, boolean named, List<String> labels) {
        String runPath = group.name.runPath();
        String prefix = named ? service + ": " : "";
        c.commands.delivered(editor, service, group, delivery.kind() == DeliveryKind.ENV_FILE
                ? "${" + key + "}" : "$(cat " + runPath + ")");
        switch (delivery.kind()) {
            case FILE_VARIABLE -> {
                editor.addSecret(service, group.name.value());
                editor.defineSecret(group.name.value(), file.path());
                String variable = delivery.fileVariable().orElseThrow();
                if (addFileVariable) {
                    editor.addEnvironment(service, variable, runPath);
                }
                labels.add(prefix + DeliveryKind.FILE_VARIABLE.label() + " " + variable);
                if (chosen) {
                    readFromFile.add(new ChecklistItem.ReadFromFile(group.name, service, key, c.languageOf(editor, service)));
                    return service + " gets " + variable + ": " + runPath + ", as you chose; its app must read that"
                            + " file (the checklist shows the lines)";
                }
                return service + " gets " + variable + ": " + runPath + ", which its image reads";
            }
            case MOUNTED_SECRET -> {
                editor.addSecret(service, group.name.value());
                editor.defineSecret(group.name.value(), file.path());
                readFromFile.add(new ChecklistItem.ReadFromFile(group.name, service, key, c.languageOf(editor, service)));
                labels.add(prefix + DeliveryKind.MOUNTED_SECRET.label() + " " + runPath);
                return service + (chosen ? " gets the secret mounted at " + runPath + ", as you chose,"
                        : " is built here, so the secret is mounted at " + runPath)
                        + " and its app reads it there (the checklist shows the lines)";
            }
            default -> {
                String path = envFiles.add(editor, service, key, group.delivered);
                shared.envFile(group.name, path);
                editor.addEnvFile(service, path);
                labels.add(prefix + DeliveryKind.ENV_FILE.label() + " " + path);
                return service + " keeps " + key + " as an environment variable, loaded from " + path
                        + " (git-ignored) through env_file, "
                        + (chosen ? "as you chose" : "as its image reads no file variable for it");
            }
        }
    }

    private static Optional<String> delivery(List<String> labels) {
        return labels == null || labels.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", labels));
    }
}

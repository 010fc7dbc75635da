package dev.hush.core.migrate.plan;

import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.migrate.ChecklistItem;
import dev.hush.core.migrate.MigrationDecision.Action;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.migrate.edit.ComposeEditor;
import dev.hush.core.migrate.edit.DockerfileEditor;
import dev.hush.core.migrate.edit.TextEdit;
import dev.hush.core.migrate.plan.Site.Kind;
import dev.hush.core.model.Finding;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Plans the Dockerfile side of a migration: build arguments that become BuildKit build secrets. */
final class DockerfilePlanning {
    private final PlanContext c;

    DockerfilePlanning(PlanContext c) {
        this.c = c;
    }

    void planDockerfileArg(Finding finding) throws IOException {
        String dockerfile = finding.location().path();
        String key = finding.key().orElse("");
        if (c.skipped(finding)) {
            c.decide(finding, Optional.empty(), Action.SKIP, "Left as it is, as you chose.");
            return;
        }
        // Is it built by a compose service, and already planned through its build.args?
        for (Group group : c.groups.values()) {
            for (Site site : group.sites) {
                if (site.kind == Kind.BUILD_ARG && dockerfile.equals(site.dockerfile) && group.key.equals(key)) {
                    site.findings.add(finding);
                    c.siteOf.put(finding, site);
                    return;
                }
            }
        }
        for (ComposeEditor editor : c.editors.values()) {
            for (Service service : editor.document().services()) {
                if (c.dockerfileOf(editor, service).map(dockerfile::equals).orElse(false)) {
                    Site site = new Site(Kind.BUILD_ARG, editor, null, service.name());
                    site.dockerfile = dockerfile;
                    site.findings.add(finding);
                    c.siteOf.put(finding, site);
                    c.group(key, finding.secret().orElseThrow()).sites.add(site);
                    return;
                }
            }
        }
        c.manual(List.of(finding), "ARG " + key + " of " + dockerfile + " has a secret default, and no compose service"
                + " builds this Dockerfile, so hush cannot wire a build secret for it.",
                List.of("Remove the default of ARG " + key + " (" + dockerfile + " line " + finding.location().line() + ")",
                        "Use `RUN --mount=type=secret,id=" + SecretName.fromKey(key) + ",env=" + key + " ...` where it is"
                                + " needed, and build with `docker build --secret id=" + SecretName.fromKey(key)
                                + ",src=" + c.options.secretsDir() + "/" + SecretName.fromKey(key) + ".txt`",
                        "Rotate the value: it is in the image history of every image built so far"));
    }

    void planBuildSecret(Group group, Site site, SecretFile file, Map<String, byte[]> dockerfiles,
            Map<String, List<TextEdit>> dockerfileEdits, Map<String, List<SecretValue>> dockerfileSecrets,
            Map<String, List<String>> dockerfileReasons, Map<Site, String> explanations) throws IOException {
        ComposeEditor editor = site.editor;
        Service service = editor.service(site.service).orElseThrow();
        Optional<String> dockerfile = site.dockerfile != null ? Optional.of(site.dockerfile) : c.dockerfileOf(editor, service);
        Optional<String> text = dockerfile.isPresent() ? c.readText(dockerfile.get()) : Optional.empty();
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
        dockerfiles.put(path, Files.readAllBytes(c.root.resolve(path)));
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

    void buildManual(Group group, Site site, String why) {
        String name = group.name.value();
        c.checklist.add(new ChecklistItem.ManualSteps("Build secret " + group.key + " of service " + site.service,
                "hush did not rewrite the build: " + why + ".",
                List.of("Remove the literal value of " + group.key + " (compose build.args and the Dockerfile's ARG)",
                        "Put the value into `" + c.options.secretsDir() + "/" + name + ".txt` and list `" + name
                                + "` under build.secrets of service " + site.service + " and the top-level secrets",
                        "Read it only in the RUN lines that need it: `RUN --mount=type=secret,id=" + name + ",env="
                                + group.key + " ...` (needs `# syntax=" + DockerfileEditor.SYNTAX + "`)",
                        "If the value ends up in a file or an ENV of the image, change that too: the image keeps it",
                        "Rotate the value: it is in the history of every image built so far")));
    }
}

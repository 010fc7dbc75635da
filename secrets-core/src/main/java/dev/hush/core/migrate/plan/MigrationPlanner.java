package dev.hush.core.migrate.plan;

import dev.hush.core.rules.RuleIds;
import dev.hush.core.config.HushConfig;
import dev.hush.core.migrate.LeftValue;
import dev.hush.core.migrate.MigrationDecision;
import dev.hush.core.migrate.MigrationPlan;
import dev.hush.core.migrate.PlannedMigration;
import dev.hush.core.migrate.RotationChecklist;
import dev.hush.core.migrate.edit.ComposeEditor;
import dev.hush.core.migrate.edit.IgnoreFileEdit;
import dev.hush.core.model.Finding;
import dev.hush.core.scan.ScanCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a scan's findings into a {@link MigrationPlan}: one step per file kind (compose,
 * dotenv, Dockerfile) finds what moves, {@link SecretNaming} names the secrets,
 * {@link PlanWriter} writes the edits and {@link ChecklistPlanning} what is left to the user.
 * Whatever would be a guess becomes a checklist section instead of an edit. One planner plans once.
 */
public final class MigrationPlanner {
    /**
     * What the user chose; see {@code MigrateCommand}.
     *
     * @param config the project's configuration
     * @param secretsDir the folder of the secret files, relative to the root
     * @param only the rule id or path the migration is limited to
     * @param harden whether {@code privileged: true} is replaced
     * @param readsFileVariables the services whose app reads {@code <KEY>_FILE}
     * @param rename new secret names by proposed name or fingerprint
     * @param skip the keys or fingerprints left alone
     * @param checklist where the rotation checklist is written
     * @param history what the history says about each fingerprint
     * @param generateWeak whether every weak default ({@code changeme}, {@code admin}) gets a generated value
     * @param generate the fingerprints or keys whose value is replaced by a generated one, weak or not
     * @param deliveries the deliveries the user chose, by fingerprint or key
     */
    public record Options(HushConfig config, String secretsDir, Optional<String> only, boolean harden,
            Set<String> readsFileVariables, Map<String, String> rename, Set<String> skip, String checklist,
            Map<String, RotationChecklist.Exposure> history, boolean generateWeak, Set<String> generate,
            Map<String, dev.hush.core.migrate.DeliveryKind> deliveries) {
    }

    private final PlanContext c;

    /** Creates the planner of the project at {@code root}. */
    public MigrationPlanner(Path root, Options options) {
        this.c = new PlanContext(root, options);
    }

    /** Scans the project and plans its migration. */
    public PlannedMigration plan() throws IOException {
        c.report = new ScanCommand().root(c.root).config(c.options.config()).call();
        List<Finding> findings = c.report.findings().stream().filter(c::selected).toList();
        ComposePlanning compose = new ComposePlanning(c);
        DotenvPlanning dotenv = new DotenvPlanning(c);
        DockerfilePlanning dockerfile = new DockerfilePlanning(c);
        ChecklistPlanning checklist = new ChecklistPlanning(c);
        List<String> composeFiles = compose.composeFiles();
        for (String path : composeFiles) {
            ComposeEditor.Opened opened = ComposeEditor.open(path, Files.readAllBytes(c.root.resolve(path)));
            if (opened.editor() != null) {
                c.editors.put(path, opened.editor());
            } else {
                c.refusedFiles.put(path, opened.refusal());
            }
        }
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        findings.forEach(f -> byFile.computeIfAbsent(f.location().path(), p -> new ArrayList<>()).add(f));

        for (ComposeEditor editor : c.editors.values()) {
            compose.planCompose(editor, byFile.getOrDefault(editor.path(), List.of()), dotenv);
        }
        for (Map.Entry<String, List<Finding>> file : byFile.entrySet()) {
            if (file.getValue().stream().anyMatch(f -> PlanContext.isDotenvValue(f))) {
                dotenv.planDotenv(file.getKey(), file.getValue());
            }
        }
        for (Finding finding : findings) {
            if (finding.ruleId().equals(RuleIds.DOCKERFILE_ARG_SECRET) && !c.siteOf.containsKey(finding)) {
                dockerfile.planDockerfileArg(finding);
            }
        }
        compose.handOverShadowedEntries();
        new SecretNaming(c).assign();
        new WeakDefaults(c).generate();
        MigrationPlan.Builder plan = MigrationPlan.builder();
        Set<String> editedDotenv = new LinkedHashSet<>();
        new PlanWriter(c).write(plan, editedDotenv, dotenv, dockerfile, checklist);
        for (Finding finding : findings) {
            if (!c.decisions.containsKey(finding)) {
                checklist.leaveToUser(finding);
            }
        }
        MigrationPlan built = plan.build();
        List<String> trackedSecretFiles = new ArrayList<>();
        if (!built.isEmpty()) {
            IgnoreFileEdit.plan(c.root, c.options.secretsDir(), List.copyOf(editedDotenv)).ifPresent(plan::edit);
            new IgnorePlanning(c.root, c.options.secretsDir()).plan(built, composeFiles).forEach(plan::edit);
            trackedSecretFiles.addAll(checklist.untrack(editedDotenv));
        }
        LeftValuePlanning leftValues = new LeftValuePlanning(c);
        List<LeftValue> left = List.of();
        if (!built.isEmpty()) {
            leftValues.report(leftValues.find(plan.build(), editedDotenv));
        }
        c.checklist.forEach(plan::checklist);
        c.notes.forEach(plan::note);
        c.report.findings().forEach(finding -> finding.secret().ifPresent(plan::keptSecret));
        built = plan.build();
        if (!built.isEmpty()) {
            built = built.withChecklistFile(c.root, c.options.checklist(), c.options.history());
            // Once more with the checklist itself, which may use a common word that is a value.
            left = leftValues.find(built, editedDotenv);
        }
        List<MigrationDecision> ordered = new ArrayList<>();
        for (Finding finding : findings) {
            MigrationDecision decision = c.decisions.get(finding);
            if (decision != null) {
                ordered.add(decision);
            }
        }
        return new PlannedMigration(built, ordered, trackedSecretFiles, left);
    }
}

package dev.hush.core.migrate.plan;

import dev.hush.core.rules.RuleIds;
import dev.hush.core.migrate.ChecklistItem;
import dev.hush.core.migrate.MigrationDecision.Action;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Adds the checklist sections for what the migration leaves to the user. */
final class ChecklistPlanning {
    private final PlanContext c;

    ChecklistPlanning(PlanContext c) {
        this.c = c;
    }

    /** Leaves a finding the planner has no rewrite for to the user: a checklist section, and a rotation for secrets. */
    void leaveToUser(Finding finding) {
        if (c.skipped(finding)) {
            c.decide(finding, Optional.empty(), Action.SKIP, "Left as it is, as you chose.");
            return;
        }
        if (finding.card() != Card.INLINE_SECRET || finding.secret().isEmpty()) {
            return;
        }
        String path = finding.location().path();
        String key = finding.key().orElse(finding.ruleId());
        SecretName name = SecretName.fromKey(key);
        if (finding.ruleId().equals(RuleIds.DOCKERFILE_ENV_SECRET)) {
            c.manual(List.of(finding), "ENV " + key + " in " + path + " bakes the secret into every layer of the image and"
                    + " the app reads it at run time; moving it is a change to how the app starts, so hush leaves it.",
                    List.of("Delete `ENV " + key + "=…` from " + path + " (line " + finding.location().line() + ")",
                            "Put the value into `" + c.options.secretsDir() + "/" + name + ".txt` and give the service"
                                    + " that runs this image the Compose secret `" + name + "`",
                            "Make the app read `/run/secrets/" + name + "` (secrets-runtime: `Secrets.require(\"" + name
                                    + "\")`), or set " + key + "_FILE if it reads that",
                            "Rotate the value: every image built so far holds it"));
            return;
        }
        if (c.decisions.containsKey(finding)) {
            return;
        }
        c.manual(List.of(finding), finding.ruleId() + " found a secret in " + path + " (line " + finding.location().line()
                + "); hush moves the environment values of compose files, dotenv files and Dockerfiles, and this one is"
                + " elsewhere (a command line, a label, a file of another kind), so it is yours to move.",
                List.of("Move the value out of " + path + " line " + finding.location().line() + " into `"
                        + c.options.secretsDir() + "/" + name + ".txt` or your secret store, and read it from there",
                        "Rotate it" + c.hint(finding).map(h -> " (" + h + ")").orElse("")));
    }

    /** Adds the step to stop tracking each edited dotenv file git tracks, and returns those files. */
    List<String> untrack(Set<String> editedDotenv) {
        List<String> tracked = new ArrayList<>();
        for (Finding finding : c.report.findings()) {
            if (finding.ruleId().equals(RuleIds.DOTENV_TRACKED) && editedDotenv.contains(finding.location().path())) {
                String file = finding.location().path();
                tracked.add(file);
                c.checklist.add(new ChecklistItem.ManualSteps("Stop tracking `" + file + "`",
                        file + " held secrets and git tracks it, so every clone and the history have them.",
                        List.of("Run `git rm --cached " + file + "` (or `hush migrate --untrack`) and commit", "Rotate every secret it held:"
                                + " see the sections above", "Purge it from history if needed: `hush history"
                                + " --purge-plan`")));
            }
        }
        return tracked;
    }
}

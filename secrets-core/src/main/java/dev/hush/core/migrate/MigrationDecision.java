package dev.hush.core.migrate;

import dev.hush.core.model.Finding;
import java.util.Objects;
import java.util.Optional;

/**
 * Says what a migration plan does with one finding, for the interactive CLI to show before
 * the diff: the proposed secret name, the action, and an explanation in a sentence or two.
 * Neither the explanation nor {@code toString()} ever holds a secret value.
 *
 * @param finding the finding, whose value only {@link Finding#preview()} should show
 * @param fingerprint the finding's fingerprint, as in scan reports and baselines; the key for
 *     {@link MigrateCommand#skip} and {@link MigrateCommand#rename}
 * @param secret the secret's proposed name, when the finding's value goes into a secret file
 * @param action what the plan does
 * @param explanation what the plan does and why, naming keys, services, files and lines
 * @param delivery how the value reaches each service after the migration, e.g. {@code env file
 *     .secrets/app.env} or {@code file variable POSTGRES_PASSWORD_FILE}; empty unless it moves
 */
public record MigrationDecision(Finding finding, String fingerprint, Optional<SecretName> secret, Action action,
        String explanation, Optional<String> delivery) {

    /** Checks that every component is present. */
    public MigrationDecision {
        Objects.requireNonNull(finding, "finding == null");
        Objects.requireNonNull(fingerprint, "fingerprint == null");
        Objects.requireNonNull(secret, "secret == null");
        Objects.requireNonNull(action, "action == null");
        Objects.requireNonNull(explanation, "explanation == null");
        Objects.requireNonNull(delivery, "delivery == null");
    }

    /** Creates a decision that says nothing of a delivery. */
    public MigrationDecision(Finding finding, String fingerprint, Optional<SecretName> secret, Action action,
            String explanation) {
        this(finding, fingerprint, secret, action, explanation, Optional.empty());
    }

    /** Returns whether the finding is a default password anyone can guess ({@code changeme}, {@code admin}). */
    public boolean weakDefault() {
        return finding.ruleId().endsWith("-weak-default");
    }

    /** Names what the plan does with a finding. */
    public enum Action {
        /** The value moves into a secret file and the file that held it is rewritten. */
        MIGRATE,
        /** A rewrite would be a guess: the checklist says what to do by hand. */
        MANUAL,
        /** The user chose to leave it. */
        SKIP,
        /** {@code privileged: true} is replaced by least-privilege settings. */
        HARDEN,
        /** Privileged services and Docker socket mounts: the checklist explains the alternatives. */
        CHECKLIST
    }

    @Override
    public String toString() {
        return "MigrationDecision[" + action + " " + finding.ruleId() + " at " + finding.location()
                + secret.map(name -> " -> " + name).orElse("") + "]";
    }
}

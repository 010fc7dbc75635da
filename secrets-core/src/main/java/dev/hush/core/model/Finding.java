package dev.hush.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Describes one danger found at one location.
 *
 * @param ruleId the id of the rule that matched, e.g. {@code compose-inline-secret}
 * @param card which danger card this is
 * @param severity how urgent it is
 * @param location where it is
 * @param key the variable or key that holds the secret, when there is one
 * @param service the compose service, when there is one
 * @param secret the secret value, for {@link Card#INLINE_SECRET} findings
 * @param message what is wrong, in one sentence, without the value
 * @param fix the one-line fix
 */
public record Finding(
        String ruleId,
        Card card,
        Severity severity,
        Location location,
        Optional<String> key,
        Optional<String> service,
        Optional<SecretValue> secret,
        String message,
        String fix) {

    /** Checks that every component is present. */
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId == null");
        Objects.requireNonNull(card, "card == null");
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(location, "location == null");
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(service, "service == null");
        Objects.requireNonNull(secret, "secret == null");
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(fix, "fix == null");
    }

    /** Returns a builder for a finding of {@code ruleId} on {@code card} at {@code location}. */
    public static Builder builder(String ruleId, Card card, Location location) {
        return new Builder(ruleId, card, location);
    }

    /** Returns a builder holding this finding's components. */
    public Builder toBuilder() {
        Builder builder = new Builder(ruleId, card, location).severity(severity).message(message).fix(fix);
        key.ifPresent(builder::key);
        service.ifPresent(builder::service);
        secret.ifPresent(builder::secret);
        return builder;
    }

    /** Returns the redacted preview of the secret, or an empty string when there is none. */
    public String preview() {
        return secret.map(SecretValue::preview).orElse("");
    }

    /** Builds a {@link Finding}; severity defaults to {@link Severity#HIGH}. */
    public static final class Builder {
        private final String ruleId;
        private final Card card;
        private Location location;
        private Severity severity = Severity.HIGH;
        private String key;
        private String service;
        private SecretValue secret;
        private String message = "";
        private String fix = "";

        private Builder(String ruleId, Card card, Location location) {
            this.ruleId = Objects.requireNonNull(ruleId, "ruleId == null");
            this.card = Objects.requireNonNull(card, "card == null");
            this.location = Objects.requireNonNull(location, "location == null");
        }

        /** Sets the severity. */
        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        /** Sets the location. */
        public Builder location(Location location) {
            this.location = location;
            return this;
        }

        /** Sets the key that holds the secret. */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** Sets the compose service. */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** Sets the secret value. */
        public Builder secret(SecretValue secret) {
            this.secret = secret;
            return this;
        }

        /** Sets the secret value from a string. */
        public Builder secret(String value) {
            return secret(SecretValue.of(value));
        }

        /** Sets the one-sentence description, which must not contain the value. */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** Sets the one-line fix. */
        public Builder fix(String fix) {
            this.fix = fix;
            return this;
        }

        /** Returns the finding. */
        public Finding build() {
            return new Finding(
                    ruleId,
                    card,
                    severity,
                    location,
                    Optional.ofNullable(key),
                    Optional.ofNullable(service),
                    Optional.ofNullable(secret),
                    message,
                    fix);
        }
    }
}

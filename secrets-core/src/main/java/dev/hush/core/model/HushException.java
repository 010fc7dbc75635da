package dev.hush.core.model;

import java.util.Objects;

/**
 * Signals a problem the user can act on: a configuration, rule or baseline file that cannot
 * be used, a git scan that cannot start, a migration that was refused or rolled back, an unsafe
 * output path. Its message is one line that names the file (and line, where there is one) and
 * never quotes a secret value; {@link #kind()} says which stage refused.
 *
 * <p>It is unchecked, as JGit's {@code Die} is, so that it crosses the scan's parallel readers
 * and lambdas; every command's {@code call()} documents it, and the CLI catches this one type.
 */
public abstract class HushException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Says which stage of hush refused. */
    public enum Kind {
        /** The project's {@code .hush.yaml} cannot be used. */
        CONFIG,
        /** A rule file (the user's rules or a {@code .gitleaks.toml}) cannot be used. */
        RULES,
        /** A baseline file cannot be read. */
        BASELINE,
        /** A git scan cannot start: no repository, an unknown revision, an unreadable object. */
        GIT,
        /** A migration, an undo or a recovery did not happen or was rolled back. */
        MIGRATION,
        /** An output file would be written where it could be committed. */
        UNSAFE_OUTPUT
    }

    private final Kind kind;

    /** Creates an exception of {@code kind} with a one-line {@code message}. */
    protected HushException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind == null");
    }

    /** Creates an exception of {@code kind} with a one-line {@code message} and its {@code cause}. */
    protected HushException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind == null");
    }

    /** Returns which stage refused. */
    public final Kind kind() {
        return kind;
    }
}

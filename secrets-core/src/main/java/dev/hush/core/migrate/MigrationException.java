package dev.hush.core.migrate;

import dev.hush.core.model.HushException;
import java.util.Objects;

/**
 * Reports why a migration, an undo or a recovery did not happen or was rolled back, in one
 * line a user can act on. The message names files, never a secret value.
 */
public final class MigrationException extends HushException {
    private static final long serialVersionUID = 1L;

    /** Says which safety check stopped the work. */
    public enum Problem {
        /** Another hush process holds {@code .hush/lock}. */
        LOCKED,
        /** A file the plan edits changed (or appeared) since the plan was made. */
        CHANGED_ON_DISK,
        /** The secrets folder, {@code .hush} or a target is a symbolic link or leads outside the project. */
        UNSAFE_PATH,
        /** A secret file already exists with another value. */
        SECRET_FILE_CONFLICT,
        /** A target file or folder is read-only. */
        NOT_WRITABLE,
        /** A file changed since the migration that undo would restore. */
        CHANGED_SINCE_MIGRATION,
        /** There is no complete migration to undo. */
        NOTHING_TO_UNDO,
        /** A journal under {@code .hush/journal/} was not written by hush for this project on this machine. */
        UNTRUSTED_JOURNAL,
        /** SIGTERM or SIGINT stopped the migration; it was rolled back. */
        INTERRUPTED,
        /** There is no such secret to rotate, or its new value cannot be written where it is delivered. */
        NOT_ROTATABLE,
        /** Reading or writing failed; what was written is rolled back. */
        IO_FAILED
    }

    private final Problem problem;

    /** Creates the exception of {@code problem}; {@code message} names files, never a secret value. */
    public MigrationException(Problem problem, String message) {
        super(Kind.MIGRATION, message);
        this.problem = Objects.requireNonNull(problem, "problem == null");
    }

    /** Creates the exception of {@code problem} caused by {@code cause}. */
    public MigrationException(Problem problem, String message, Throwable cause) {
        super(Kind.MIGRATION, message, cause);
        this.problem = Objects.requireNonNull(problem, "problem == null");
    }

    /** Returns which safety check stopped the work. */
    public Problem problem() {
        return problem;
    }
}

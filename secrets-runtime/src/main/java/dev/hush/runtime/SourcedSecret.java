package dev.hush.runtime;

import java.nio.file.Path;

/** Holds a secret with the file it was read from and that file's stamp at the time of reading. */
final class SourcedSecret {

    private final Secret secret;
    private final Path file;
    private final FileStamp stamp;

    private SourcedSecret(Secret secret, Path file, FileStamp stamp) {
        this.secret = secret;
        this.file = file;
        this.stamp = stamp;
    }

    /** Returns a secret read from {@code file}, which had {@code stamp} before it was read. */
    static SourcedSecret fromFile(Secret secret, Path file, FileStamp stamp) {
        return new SourcedSecret(secret, file, stamp);
    }

    /** Returns a secret taken from an environment variable, which never changes. */
    static SourcedSecret fromVariable(Secret secret) {
        return new SourcedSecret(secret, null, null);
    }

    Secret secret() {
        return secret;
    }

    /** Returns whether the file this secret came from has changed since, or is gone. */
    boolean fileChanged() {
        if (file == null) {
            return false;
        }
        try {
            return !stamp.equals(FileStamp.of(file));
        } catch (java.io.IOException gone) {
            // A fresh lookup tells the caller what happened to the file.
            return true;
        }
    }
}

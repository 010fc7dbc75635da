package dev.hush.core.migrate;

/**
 * Names how a moved value reaches its container, as a migration plans it and as the user may
 * choose it per value ({@link MigrateCommand#delivery}).
 */
public enum DeliveryKind {
    /**
     * A Compose secret and the {@code <KEY>_FILE} (or {@code __FILE}, {@code FILE__<KEY>})
     * variable that the image reads the value from: the default for the images of
     * docs/file-variable-images.md.
     */
    FILE_VARIABLE,
    /**
     * A Compose secret mounted at {@code /run/secrets/<name>}, which the app must read: the
     * default for services built from this repository; the checklist shows the lines.
     */
    MOUNTED_SECRET,
    /**
     * The same variable as before, from a git-ignored env file of the service ({@code
     * .secrets/<service>.env}, loaded by {@code env_file:}): the default for any other image.
     */
    ENV_FILE;

    /** Returns how the prompt and the plan name this delivery, e.g. {@code env file}. */
    public String label() {
        return switch (this) {
            case FILE_VARIABLE -> "file variable";
            case MOUNTED_SECRET -> "mounted file";
            case ENV_FILE -> "env file";
        };
    }
}

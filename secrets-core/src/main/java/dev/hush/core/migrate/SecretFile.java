package dev.hush.core.migrate;

import dev.hush.core.model.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Describes one secret file a migration writes: {@code <secretsDir>/<name>.txt}, holding the
 * exact value in UTF-8 with no trailing newline. Its {@code toString()} never shows the value.
 *
 * @param name the secret's name
 * @param path the file, relative to the project root, with {@code /} separators
 * @param value what the file holds
 */
public record SecretFile(SecretName name, String path, SecretValue value) {
    /** The folder secret files go into unless the user chose another. */
    public static final String DEFAULT_DIR = ".secrets";

    /** Checks that every component is present and the path is a plain relative path. */
    public SecretFile {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(value, "value == null");
        ProjectPaths.checkRelative(path);
    }

    /** Returns the secret file for {@code name} in the default folder {@code .secrets}. */
    public static SecretFile of(SecretName name, SecretValue value) {
        return in(DEFAULT_DIR, name, value);
    }

    /** Returns the secret file for {@code name} in {@code secretsDir} (relative to the project root). */
    public static SecretFile in(String secretsDir, SecretName name, SecretValue value) {
        ProjectPaths.checkRelative(secretsDir);
        return new SecretFile(name, path(secretsDir, name), value);
    }

    /** Returns where the secret {@code name} is kept in {@code secretsDir}: {@code <secretsDir>/<name>.txt}. */
    public static String path(String secretsDir, SecretName name) {
        return secretsDir + "/" + name.value() + ".txt";
    }

    /** Returns the folder holding the file, relative to the project root. */
    public String dir() {
        return path.substring(0, path.lastIndexOf('/'));
    }

    /** Returns the bytes the file holds: the value in UTF-8, nothing added. */
    public byte[] bytes() {
        return value.reveal().getBytes(StandardCharsets.UTF_8);
    }
}

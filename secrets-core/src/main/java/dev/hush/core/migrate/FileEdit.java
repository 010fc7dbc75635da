package dev.hush.core.migrate;

import dev.hush.core.model.SecretValue;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Describes the change of one file as whole-file bytes before and after: the exact bytes
 * the planner read (so a file changed since can be refused), or none for a file to create.
 * It also carries a one-line reason per change and the secret values the change removes,
 * which every preview redacts. Its {@code toString()} shows neither content.
 */
public final class FileEdit {
    private final String path;
    private final byte[] original;
    private final byte[] updated;
    private final List<String> reasons;
    private final List<SecretValue> removedSecrets;

    private FileEdit(String path, byte[] original, byte[] updated, List<String> reasons, List<SecretValue> removedSecrets) {
        this.path = ProjectPaths.checkRelative(path);
        this.original = original == null ? null : original.clone();
        this.updated = Objects.requireNonNull(updated, "updated == null").clone();
        this.reasons = List.copyOf(reasons);
        this.removedSecrets = List.copyOf(removedSecrets);
        if (this.reasons.isEmpty()) {
            throw new IllegalArgumentException("reasons.isEmpty() for " + path);
        }
    }

    /**
     * Returns the change of the existing file {@code path} from {@code original} (the bytes
     * the planner read) to {@code updated}.
     *
     * @param reasons one line per change, e.g. "move POSTGRES_PASSWORD of service db to secret db_password"
     * @param removedSecrets the values that leave the file; also list a value's escaped or
     *     quoted spelling when it differs from the value, so the preview redacts that too
     */
    public static FileEdit modify(String path, byte[] original, byte[] updated, List<String> reasons,
            List<SecretValue> removedSecrets) {
        return new FileEdit(path, Objects.requireNonNull(original, "original == null"), updated, reasons, removedSecrets);
    }

    /** Returns the creation of the file {@code path}, which must not exist, holding {@code content}. */
    public static FileEdit create(String path, byte[] content, List<String> reasons) {
        return new FileEdit(path, null, content, reasons, List.of());
    }

    /** Returns the file, relative to the project root, with {@code /} separators. */
    public String path() {
        return path;
    }

    /** Returns a copy of the bytes the planner read, or empty when the edit creates the file. */
    public Optional<byte[]> original() {
        return original == null ? Optional.empty() : Optional.of(original.clone());
    }

    /** Returns whether the file exists before the edit. */
    public boolean modifiesExisting() {
        return original != null;
    }

    /** Returns a copy of the bytes the file holds after the edit. */
    public byte[] updated() {
        return updated.clone();
    }

    /** Returns one line per change made to the file. */
    public List<String> reasons() {
        return reasons;
    }

    /** Returns the secret values this edit removes from the file. */
    public List<SecretValue> removedSecrets() {
        return removedSecrets;
    }

    /** Returns whether the edit changes anything: an edit to identical bytes does not. */
    public boolean changes() {
        return original == null || !Arrays.equals(original, updated);
    }

    /** Returns whether {@code bytes} are what the planner read; false for a file to create. */
    public boolean isOriginal(byte[] bytes) {
        return original != null && Arrays.equals(original, bytes);
    }

    @Override
    public String toString() {
        return "FileEdit[" + path + (original == null ? ", new, " : ", " + original.length + " -> ") + updated.length
                + " bytes, " + reasons.size() + " changes]";
    }
}

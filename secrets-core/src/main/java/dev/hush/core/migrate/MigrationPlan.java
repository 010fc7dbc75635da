package dev.hush.core.migrate;

import dev.hush.core.migrate.edit.UnifiedDiff;

import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Holds everything one migration will do, before anything is written: the secret files to
 * write, the files to edit (whole-file bytes before and after), the rotation checklist's
 * sections, and notes for the user. Print it with {@link #diff(boolean)}; apply it with
 * {@link MigrateCommand#apply(MigrationPlan)}.
 */
public final class MigrationPlan {
    private final List<SecretFile> secretFiles;
    private final List<FileEdit> edits;
    private final List<ChecklistItem> checklist;
    private final List<String> notes;
    private final Set<SecretValue> keptSecrets;

    private MigrationPlan(Builder builder) {
        this.secretFiles = List.copyOf(builder.secretFiles.values());
        this.edits = List.copyOf(builder.edits.values());
        this.checklist = List.copyOf(builder.checklist);
        this.notes = List.copyOf(builder.notes);
        this.keptSecrets = Set.copyOf(builder.keptSecrets);
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this plan's parts, to add to them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        secretFiles.forEach(builder::secretFile);
        edits.forEach(builder::edit);
        checklist.forEach(builder::checklist);
        notes.forEach(builder::note);
        keptSecrets.forEach(builder::keptSecret);
        return builder;
    }

    /** Returns the secret files to write, in the order they were added. */
    public List<SecretFile> secretFiles() {
        return secretFiles;
    }

    /** Returns the file edits, in the order they were added. */
    public List<FileEdit> edits() {
        return edits;
    }

    /** Returns the rotation checklist's sections. */
    public List<ChecklistItem> checklist() {
        return checklist;
    }

    /** Returns notes for the user about what the plan does not do, never holding a value. */
    public List<String> notes() {
        return notes;
    }

    /** Returns whether applying the plan would write nothing: no secret file and no edit that changes a file. */
    public boolean isEmpty() {
        return secretFiles.isEmpty() && edits.stream().noneMatch(FileEdit::changes);
    }

    /**
     * Returns the plan as a unified diff: secret files listed by path, mode and size, never
     * their content; every secret value the plan moves redacted unless {@code showSecrets}.
     */
    public String diff(boolean showSecrets) {
        return UnifiedDiff.of(secretFiles(), edits(), secretValues(), showSecrets);
    }

    /**
     * Returns this plan plus the edit writing its checklist to {@code path} (usually
     * {@link RotationChecklist#DEFAULT_PATH}), merged with the file there.
     *
     * @param history where history saw each secret, by fingerprint; empty when no history scan ran
     * @throws IOException when the existing checklist cannot be read
     */
    public MigrationPlan withChecklistFile(Path root, String path, Map<String, RotationChecklist.Exposure> history)
            throws IOException {
        if (checklist.isEmpty()) {
            return this;
        }
        Optional<FileEdit> edit = RotationChecklist.of(checklist, history).edit(root, path);
        if (edit.isEmpty()) {
            return this;
        }
        return toBuilder().edit(edit.get()).build();
    }

    /**
     * Returns every secret value the plan knows: those of its secret files, those its edits
     * remove, and those it leaves in place (skipped or left to the user), which a diff's
     * context lines would otherwise show.
     */
    Set<SecretValue> secretValues() {
        Set<SecretValue> values = new LinkedHashSet<>();
        secretFiles.forEach(file -> values.add(file.value()));
        edits.forEach(edit -> values.addAll(edit.removedSecrets()));
        values.addAll(keptSecrets);
        return values;
    }

    @Override
    public String toString() {
        return "MigrationPlan[" + secretFiles.size() + " secret files, " + edits.size() + " edits, "
                + checklist.size() + " checklist sections]";
    }

    /** Builds a {@link MigrationPlan}, refusing two different contents for one path. */
    public static final class Builder {
        private final Map<String, SecretFile> secretFiles = new LinkedHashMap<>();
        private final Map<String, FileEdit> edits = new LinkedHashMap<>();
        private final List<ChecklistItem> checklist = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Set<SecretValue> keptSecrets = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Names a secret value the plan leaves where it is (a skipped finding, one left to the
         * user): diffs redact it too, since it may stand on a context line.
         */
        public Builder keptSecret(SecretValue value) {
            keptSecrets.add(Objects.requireNonNull(value, "value == null"));
            return this;
        }

        /**
         * Adds a secret file; adding the same file with the same value again is harmless.
         *
         * @throws IllegalArgumentException when the path already holds another value or is edited
         */
        public Builder secretFile(SecretFile file) {
            Objects.requireNonNull(file, "file == null");
            SecretFile known = secretFiles.get(file.path());
            if (known != null && !known.value().equals(file.value())) {
                throw new IllegalArgumentException("two values planned for " + file.path() + "; give one of them another name");
            }
            if (edits.containsKey(file.path())) {
                throw new IllegalArgumentException("secret file " + file.path() + " is also edited");
            }
            secretFiles.put(file.path(), file);
            return this;
        }

        /**
         * Adds an edit.
         *
         * @throws IllegalArgumentException when the path is already edited or is a secret file
         */
        public Builder edit(FileEdit edit) {
            Objects.requireNonNull(edit, "edit == null");
            if (edits.containsKey(edit.path())) {
                throw new IllegalArgumentException("two edits for " + edit.path() + "; merge them into one");
            }
            if (secretFiles.containsKey(edit.path())) {
                throw new IllegalArgumentException("edit of secret file " + edit.path());
            }
            edits.put(edit.path(), edit);
            return this;
        }

        /** Adds a checklist section. */
        public Builder checklist(ChecklistItem item) {
            checklist.add(Objects.requireNonNull(item, "item == null"));
            return this;
        }

        /** Adds a note for the user, which must not hold a value. */
        public Builder note(String note) {
            notes.add(Objects.requireNonNull(note, "note == null"));
            return this;
        }

        /** Returns the plan. */
        public MigrationPlan build() {
            return new MigrationPlan(this);
        }
    }
}

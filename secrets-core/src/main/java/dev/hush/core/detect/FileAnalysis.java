package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects what analyzers find in one file: findings, errors with their line, and the
 * dotenv files that a compose file loads with {@code env_file}.
 */
final class FileAnalysis {
    private final SourceFile file;
    private final GitFacts git;
    private final List<Finding> findings = new ArrayList<>();
    private final List<ScanError> errors = new ArrayList<>();
    private final List<String> envFiles = new ArrayList<>();

    FileAnalysis(SourceFile file, GitFacts git) {
        this.file = Objects.requireNonNull(file, "file == null");
        this.git = Objects.requireNonNull(git, "git == null");
    }

    /** Returns the file being analysed. */
    SourceFile file() {
        return file;
    }

    /** Returns what git knows about the project's files. */
    GitFacts git() {
        return git;
    }

    /** Records a finding. */
    void add(Finding finding) {
        findings.add(Objects.requireNonNull(finding, "finding == null"));
    }

    /** Records that the file could not be fully understood at 1-based {@code line} (0: whole file). */
    void error(int line, String message) {
        errors.add(new ScanError(file.path(), line, message));
    }

    /** Records that the file loads the dotenv file at {@code path}, relative to the scanned root. */
    void envFile(String path) {
        envFiles.add(path);
    }

    List<Finding> findings() {
        return findings;
    }

    List<ScanError> errors() {
        return errors;
    }

    List<String> envFiles() {
        return envFiles;
    }
}

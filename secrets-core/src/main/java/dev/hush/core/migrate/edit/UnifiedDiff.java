package dev.hush.core.migrate;

import dev.hush.core.model.SecretValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Prints a plan as a unified diff with JGit's histogram diff: {@code a/} and {@code b/}
 * headers, three lines of context, {@code /dev/null} for a new file. Secret files are listed
 * by path, mode and size only. Unless asked, every value the plan moves is shown as its
 * {@link SecretValue#preview()}, line by line for a value that spans lines.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** Returns the diff of {@code plan}. */
    static String of(MigrationPlan plan, boolean showSecrets) {
        Map<String, String> redactions = showSecrets ? Map.of() : redactions(plan);
        StringBuilder out = new StringBuilder(4096);
        for (SecretFile file : plan.secretFiles()) {
            out.append("+ ").append(file.path()).append(" (0600, ").append(file.bytes().length).append(" bytes)\n");
        }
        for (FileEdit edit : plan.edits()) {
            if (edit.changes()) {
                out.append(redact(fileDiff(edit), redactions));
            }
        }
        return out.toString();
    }

    /** Returns one file's headers and hunks, not yet redacted. */
    private static String fileDiff(FileEdit edit) {
        RawText before = edit.modifiesExisting() ? new RawText(edit.originalBytes()) : RawText.EMPTY_TEXT;
        RawText after = new RawText(edit.updatedBytes());
        EditList changes = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, before, after);
        ByteArrayOutputStream hunks = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(hunks)) {
            formatter.setContext(CONTEXT);
            formatter.format(changes, before, after);
            formatter.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        String header = (edit.modifiesExisting() ? "--- a/" + edit.path() : "--- /dev/null") + "\n+++ b/" + edit.path() + "\n";
        return header + hunks.toString(StandardCharsets.UTF_8);
    }

    /**
     * Maps each line-sized piece of every moved value to its preview, longest first, so a
     * value that contains a shorter one is replaced whole.
     */
    private static Map<String, String> redactions(MigrationPlan plan) {
        List<Map.Entry<String, String>> pieces = new ArrayList<>();
        for (SecretValue value : plan.secretValues()) {
            String[] lines = value.reveal().split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    pieces.add(Map.entry(lines[i], i == 0 ? SecretValue.of(lines[i]).preview() : "…"));
                }
            }
        }
        pieces.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        Map<String, String> redactions = new LinkedHashMap<>();
        pieces.forEach(e -> redactions.putIfAbsent(e.getKey(), e.getValue()));
        return redactions;
    }

    private static String redact(String text, Map<String, String> redactions) {
        String redacted = text;
        for (Map.Entry<String, String> piece : redactions.entrySet()) {
            redacted = redacted.replace(piece.getKey(), piece.getValue());
        }
        return redacted;
    }
}

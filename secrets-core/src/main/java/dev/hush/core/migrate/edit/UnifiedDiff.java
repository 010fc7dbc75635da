package dev.hush.core.migrate.edit;

import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.SecretFile;

import dev.hush.core.model.SecretValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Prints a plan as a unified diff with JGit's histogram diff: {@code a/} and {@code b/}
 * headers, three lines of context, {@code /dev/null} for a new file. Secret files are listed
 * by path, mode and size only. Unless asked, every value the plan moves is shown as its
 * {@link SecretValue#preview()}, line by line for a value that spans lines.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** Returns the diff of a plan's secret files and edits, each of {@code redacted} shown as its preview unless asked. */
    public static String of(List<SecretFile> secretFiles, List<FileEdit> edits, Collection<SecretValue> redacted,
            boolean showSecrets) {
        Map<String, String> redactions = showSecrets ? Map.of() : redactions(redacted);
        StringBuilder out = new StringBuilder(4096);
        for (SecretFile file : secretFiles) {
            out.append("+ ").append(file.path()).append(" (0600, ").append(file.bytes().length).append(" bytes)\n");
        }
        for (FileEdit edit : edits) {
            if (edit.changes()) {
                out.append(redact(fileDiff(edit), redactions));
            }
        }
        return out.toString();
    }

    /** Returns one file's headers and hunks, not yet redacted. */
    private static String fileDiff(FileEdit edit) {
        RawText before = edit.modifiesExisting() ? new RawText(edit.original().orElseThrow()) : RawText.EMPTY_TEXT;
        RawText after = new RawText(edit.updated());
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
    private static Map<String, String> redactions(Collection<SecretValue> values) {
        List<Map.Entry<String, String>> pieces = new ArrayList<>();
        for (SecretValue value : values) {
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

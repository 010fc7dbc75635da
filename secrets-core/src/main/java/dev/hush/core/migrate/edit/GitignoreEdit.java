package dev.hush.core.migrate.edit;

import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.ProjectPaths;
import dev.hush.core.migrate.MigrationTransaction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Plans the lines a migration adds to the root {@code .gitignore}: only the entries git does
 * not already ignore (asked of JGit's matcher, so {@code .secrets} without a slash or
 * {@code .env*} count), after a {@code # added by hush migrate} comment. Existing lines,
 * comments and line breaks are kept; CRLF files get CRLF lines.
 */
public final class GitignoreEdit {
    public static final String PATH = ".gitignore";
    public static final String COMMENT = "# added by hush migrate";

    private GitignoreEdit() {
    }

    /**
     * Returns the edit making git ignore the secrets folder, {@code .hush/} and the dotenv
     * files that held secrets, or empty when it already does.
     *
     * @param secretsDir the secrets folder relative to the root, e.g. {@code .secrets}
     * @param dotenvFiles root-relative paths of dotenv files, e.g. {@code .env} or {@code config/prod.env}
     */
    public static Optional<FileEdit> plan(Path root, String secretsDir, List<String> dotenvFiles) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(ProjectPaths.checkRelative(secretsDir) + "/");
        entries.add(MigrationTransaction.HUSH_DIR + "/");
        dotenvFiles.forEach(file -> entries.add("/" + ProjectPaths.checkRelative(file)));
        return plan(root, entries);
    }

    /**
     * Returns the edit adding the missing {@code entries} to {@code root}'s {@code .gitignore},
     * or empty when git already ignores them all.
     *
     * @param entries root-relative: a folder ends with {@code /} ({@code .secrets/}), a file
     *     starts with {@code /} ({@code /.env}, {@code /config/.env})
     * @throws IOException when {@code .gitignore} or a nested one cannot be read
     */
    public static Optional<FileEdit> plan(Path root, List<String> entries) throws IOException {
        Objects.requireNonNull(root, "root == null");
        Path file = root.resolve(PATH);
        byte[] before = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
        List<String> missing = new ArrayList<>();
        for (String entry : entries) {
            if (!missing.contains(entry) && !isIgnored(root, before, entry)) {
                missing.add(entry);
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String text = before == null ? "" : new String(before, StandardCharsets.UTF_8);
        String lineBreak = text.isEmpty() ? "\n" : TextEdit.lineBreakAt(text, 0);
        StringBuilder added = new StringBuilder();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            added.append(lineBreak);
        }
        if (!text.isEmpty() && !text.endsWith(lineBreak + lineBreak) && !text.strip().isEmpty()) {
            added.append(lineBreak);
        }
        added.append(COMMENT).append(lineBreak);
        missing.forEach(entry -> added.append(entry).append(lineBreak));
        byte[] after = (text + added).getBytes(StandardCharsets.UTF_8);
        String reason = "ignore " + String.join(", ", missing) + " so secrets and backups are never committed";
        return Optional.of(before == null ? FileEdit.create(PATH, after, List.of(reason))
                : FileEdit.modify(PATH, before, after, List.of(reason), List.of()));
    }

    /**
     * Returns whether git ignores {@code entry} with the root's {@code .gitignore} text
     * {@code rootRules} and the nested {@code .gitignore} files of its folders.
     */
    private static boolean isIgnored(Path root, byte[] rootRules, String entry) throws IOException {
        boolean folder = entry.endsWith("/");
        String path = entry.substring(entry.startsWith("/") ? 1 : 0, entry.length() - (folder ? 1 : 0));
        ProjectPaths.checkRelative(path);
        // A path inside an ignored folder is ignored whatever the rules say about the path itself.
        int slash = path.indexOf('/');
        while (slash >= 0) {
            if (matches(root, rootRules, path.substring(0, slash), true)) {
                return true;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return matches(root, rootRules, path, folder);
    }

    /** Returns whether the deepest rule that matches {@code path} ignores it. */
    private static boolean matches(Path root, byte[] rootRules, String path, boolean folder) throws IOException {
        for (int slash = path.lastIndexOf('/'); ; slash = path.lastIndexOf('/', slash - 1)) {
            String dir = slash < 0 ? "" : path.substring(0, slash);
            IgnoreNode node = new IgnoreNode();
            byte[] rules = dir.isEmpty() ? rootRules : nestedRules(root.resolve(dir).resolve(PATH));
            if (rules != null) {
                node.parse(PATH, new ByteArrayInputStream(rules));
            }
            Boolean ignored = node.checkIgnored(path.substring(slash + 1), folder);
            if (ignored != null) {
                return ignored;
            }
            if (slash < 0) {
                return false;
            }
        }
    }

    private static byte[] nestedRules(Path file) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
    }
}

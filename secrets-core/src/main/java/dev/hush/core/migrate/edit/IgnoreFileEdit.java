package dev.hush.core.migrate.edit;

import dev.hush.core.format.dockerfile.DockerIgnore;
import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.ProjectPaths;
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
 * Plans the lines a migration adds to an ignore file ({@code .gitignore}, a build context's
 * {@code .dockerignore}, an AI assistant's ignore file): only the entries the file does not
 * already ignore (asked of JGit's matcher, so {@code .secrets} without a slash or {@code .env*}
 * count), after a {@code # added by hush migrate} comment. Existing lines, comments and line
 * breaks are kept; CRLF files get CRLF lines.
 *
 * <p>A {@code .dockerignore} is asked of {@link DockerIgnore}, with Docker's semantics (one file
 * per context, patterns anchored at the context, the last matching line wins); a folder counts
 * as ignored only when no later {@code !} line may re-include something in it, else the entry is
 * appended, and being last, wins.
 */
public final class IgnoreFileEdit {
    public static final String GITIGNORE = ".gitignore";
    public static final String DOCKERIGNORE = ".dockerignore";
    public static final String COMMENT = "# added by hush migrate";
    /**
     * The root ignore files of AI coding assistants, all in gitignore syntax, that a migration
     * adds the secrets folder to when they exist: Cursor's {@code .cursorignore} and
     * {@code .cursorindexingignore} (cursor.com/docs/context/ignore-files), Aider's
     * {@code .aiderignore} (github.com/paul-gauthier/aider/issues/562), Gemini Code Assist's
     * {@code .aiexclude} (developer.android.com/studio/gemini/aiexclude) and Gemini CLI's
     * {@code .geminiignore} (geminicli.com/docs/cli/gemini-ignore). {@code .codeiumignore} and
     * {@code .copilotignore} are left out: no documentation of either was found.
     */
    public static final List<String> ASSISTANT_FILES = List.of(".cursorignore", ".cursorindexingignore",
            ".aiderignore", ".aiexclude", ".geminiignore");

    /** The pattern syntax of an ignore file. */
    public enum Syntax {
        /** gitignore(5), also used by the AI assistants' files: nested files, unanchored names. */
        GIT,
        /** .dockerignore: one file per build context, every pattern anchored at the context. */
        DOCKER
    }

    private IgnoreFileEdit() {
    }

    /**
     * Returns whether the file at the root-relative {@code path} holds ignore rules, which a
     * migration writes first and an undo restores last.
     */
    public static boolean isIgnoreFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals(GITIGNORE) || name.endsWith(DOCKERIGNORE) || ASSISTANT_FILES.contains(name);
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
        entries.add(ProjectPaths.HUSH_DIR + "/");
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
        return plan(root, GITIGNORE, Syntax.GIT, entries, "so secrets and backups are never committed");
    }

    /**
     * Returns the edit adding the missing {@code entries} to the ignore file at the root-relative
     * {@code file} (created when missing), or empty when it already ignores them all.
     *
     * @param entries relative to the file's folder: a folder ends with {@code /}, a file may
     *     start with {@code /}
     * @param why the end of the edit's reason, e.g. {@code so no image holds them}
     * @throws IOException when the file or a nested one cannot be read
     */
    public static Optional<FileEdit> plan(Path root, String file, Syntax syntax, List<String> entries, String why)
            throws IOException {
        Objects.requireNonNull(root, "root == null");
        ProjectPaths.checkRelative(file);
        Path path = root.resolve(file);
        byte[] before = Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(path) : null;
        int slash = file.lastIndexOf('/');
        Rules rules = new Rules(root.resolve(slash < 0 ? "" : file.substring(0, slash)),
                file.substring(slash + 1), syntax, before);
        List<String> missing = new ArrayList<>();
        for (String entry : entries) {
            if (!missing.contains(entry) && !rules.isIgnored(entry)) {
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
        String reason = "ignore " + String.join(", ", missing) + " " + why;
        return Optional.of(before == null ? FileEdit.create(file, after, List.of(reason))
                : FileEdit.modify(file, before, after, List.of(reason), List.of()));
    }

    /** The rules of one ignore file, and for git syntax the nested files of the same name below it. */
    private record Rules(Path folder, String name, Syntax syntax, byte[] text) {
        /** Returns whether these rules ignore {@code entry}. */
        boolean isIgnored(String entry) throws IOException {
            boolean isFolder = entry.endsWith("/");
            String path = entry.substring(entry.startsWith("/") ? 1 : 0, entry.length() - (isFolder ? 1 : 0));
            ProjectPaths.checkRelative(path);
            if (syntax == Syntax.DOCKER) {
                DockerIgnore rules = text == null ? DockerIgnore.none()
                        : DockerIgnore.parse(new String(text, StandardCharsets.UTF_8));
                return isFolder ? rules.excludesAllOf(path) : rules.excludes(path);
            }
            // A path inside an ignored folder is ignored whatever the rules say about the path itself.
            int slash = path.indexOf('/');
            while (slash >= 0) {
                if (matches(path.substring(0, slash), true)) {
                    return true;
                }
                slash = path.indexOf('/', slash + 1);
            }
            return matches(path, isFolder);
        }

        /** Returns whether the deepest rule that matches {@code path} ignores it. */
        private boolean matches(String path, boolean isFolder) throws IOException {
            for (int slash = path.lastIndexOf('/'); ; slash = path.lastIndexOf('/', slash - 1)) {
                String dir = slash < 0 ? "" : path.substring(0, slash);
                IgnoreNode node = new IgnoreNode();
                byte[] rules = dir.isEmpty() ? text : nestedRules(folder.resolve(dir).resolve(name));
                if (rules != null) {
                    node.parse(name, new ByteArrayInputStream(rules));
                }
                Boolean ignored = node.checkIgnored(path.substring(slash + 1), isFolder);
                if (ignored != null) {
                    return ignored;
                }
                if (slash < 0) {
                    return false;
                }
            }
        }
    }

    private static byte[] nestedRules(Path file) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
    }
}

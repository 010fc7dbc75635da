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
 * Plans the lines a migration adds to an ignore file ({@code .gitignore}, a build context's
 * {@code .dockerignore}, an AI assistant's ignore file): only the entries the file does not
 * already ignore (asked of JGit's matcher, so {@code .secrets} without a slash or {@code .env*}
 * count), after a {@code # added by hush migrate} comment. Existing lines, comments and line
 * breaks are kept; CRLF files get CRLF lines.
 *
 * <p>{@code .dockerignore} lines are matched by translating them to gitignore lines that JGit
 * reads the same way (docs.docker.com/build/concepts/context/#dockerignore-files): Docker
 * anchors every pattern at the context root, so {@code foo} becomes {@code /foo}; it cleans a
 * pattern with Go's {@code filepath.Clean}, so a trailing {@code /} means nothing and
 * {@code ./foo} is {@code foo}; {@code **} and {@code !} mean what they mean to git. Two
 * differences remain: Docker lets {@code !} re-include a file inside an excluded folder (git does
 * not), so a docker-ignore file with any {@code !} line under an entry counts the entry as not
 * ignored and appends it (Docker's last matching line wins); and Docker reads no nested
 * ignore files, so only the one file is asked.
 */
public final class IgnoreFileEdit {
    public static final String GITIGNORE = ".gitignore";
    public static final String DOCKERIGNORE = ".dockerignore";
    public static final String COMMENT = "# added by hush migrate";
    /**
     * The root ignore files of AI coding assistants, all in gitignore syntax, that a migration
     * adds the secrets folder to when they exist: Cursor (docs.cursor.com/context/ignore-files),
     * Aider ({@code .aiderignore}, aider.chat/docs/config/options.html {@code --aiderignore}),
     * Codeium/Windsurf ({@code .codeiumignore}, docs.codeium.com), Gemini Code Assist in Android
     * Studio ({@code .aiexclude}, developer.android.com/studio/gemini/aiexclude), Gemini CLI
     * ({@code .geminiignore}, github.com/google-gemini/gemini-cli docs/cli/gemini-ignore.md).
     */
    public static final List<String> ASSISTANT_FILES = List.of(".cursorignore", ".cursorindexingignore",
            ".aiderignore", ".codeiumignore", ".aiexclude", ".geminiignore");

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
            if (syntax == Syntax.DOCKER && reincludesBelow(path)) {
                return false;
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
                if (syntax == Syntax.DOCKER && !dir.isEmpty()) {
                    // Docker reads no nested files: its one file decides, for the whole path.
                    continue;
                }
                IgnoreNode node = new IgnoreNode();
                byte[] rules = dir.isEmpty() ? gitRules() : nestedRules(folder.resolve(dir).resolve(name));
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

        /** Returns the file's rules in gitignore syntax. */
        private byte[] gitRules() {
            if (text == null || syntax == Syntax.GIT) {
                return text;
            }
            StringBuilder git = new StringBuilder();
            for (String line : dockerLines()) {
                boolean negated = line.startsWith("!");
                git.append(negated ? "!" : "").append('/').append(clean(negated ? line.substring(1) : line)).append('\n');
            }
            return git.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** Returns whether a {@code !} line of this docker-ignore file may re-include something inside {@code path}. */
        private boolean reincludesBelow(String path) {
            if (text == null) {
                return false;
            }
            return dockerLines().stream().filter(line -> line.startsWith("!"))
                    .map(line -> clean(line.substring(1)))
                    .anyMatch(pattern -> pattern.startsWith(path + "/") || pattern.startsWith("*")
                            || pattern.equals(path));
        }

        /** Returns the pattern lines of a docker-ignore file: trimmed, without comments and blank lines. */
        private List<String> dockerLines() {
            return new String(text, StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }

        /** Returns a Docker pattern as Go's {@code filepath.Clean} leaves it, without a leading {@code /}. */
        private static String clean(String pattern) {
            String path = pattern.strip().replace('\\', '/');
            while (path.startsWith("/") || path.startsWith("./")) {
                path = path.substring(path.startsWith("/") ? 1 : 2);
            }
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return path.replace("/./", "/");
        }
    }

    private static byte[] nestedRules(Path file) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
    }
}

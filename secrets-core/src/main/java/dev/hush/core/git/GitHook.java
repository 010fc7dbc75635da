package dev.hush.core.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;

/**
 * Installs and removes the git hook that runs hush before a commit or a push:
 * {@code Hush.hook(GitHook.Kind.PRE_COMMIT).root(path).install(launcher)}.
 *
 * <p>A hook that is already there is never overwritten: it is renamed to
 * {@code <hook>.hush-chained}, and hush's hook runs it first and stops with its exit code
 * when it fails; uninstalling moves it back byte for byte. The hooks folder is git's: the
 * repository's common folder (shared by linked work trees) or {@code core.hooksPath}.
 */
public final class GitHook {
    /** Marks a hook file as hush's, so that a second install updates it and uninstall finds it. */
    static final String MARKER = "# hush-hook: ";
    /** Ends the name of the renamed hook that hush's hook runs first. */
    public static final String CHAINED_SUFFIX = ".hush-chained";

    /** The hooks hush can install. */
    public enum Kind {
        /** Runs {@code hush scan --staged} before each commit. */
        PRE_COMMIT("pre-commit"),
        /** Runs {@code hush scan --diff <remote>..<local>} for each pushed ref. */
        PRE_PUSH("pre-push");

        private final String fileName;

        Kind(String fileName) {
            this.fileName = fileName;
        }

        /** Returns the hook's file name in the hooks folder, as git names it. */
        public String fileName() {
            return fileName;
        }
    }

    /** What an install or uninstall did. */
    public enum Outcome {
        /** The hook was written where there was none. */
        INSTALLED,
        /** An existing hook was renamed and hush's hook now runs it first. */
        CHAINED,
        /** hush's hook was already there; it was rewritten if the launcher changed. */
        UPDATED,
        /** hush's hook was removed and there was no chained hook. */
        REMOVED,
        /** hush's hook was removed and the chained hook moved back under its name. */
        RESTORED,
        /** There was no hush hook to remove; nothing changed. */
        NOT_INSTALLED
    }

    /**
     * Reports what happened to which file.
     *
     * @param outcome what was done
     * @param hook the hook file
     */
    public record Result(Outcome outcome, Path hook) {
    }

    private final Kind kind;
    private Path root = Path.of(".");

    private GitHook(Kind kind) {
        this.kind = kind;
    }

    /** Returns the hook of {@code kind} for the repository around the current folder; prefer {@code Hush.hook(kind)}. */
    public static GitHook of(Kind kind) {
        return new GitHook(Objects.requireNonNull(kind, "kind == null"));
    }

    /** Sets a folder inside the repository whose hook to manage. */
    public GitHook root(Path root) {
        this.root = Objects.requireNonNull(root, "root == null");
        return this;
    }

    /** Returns the hook file git runs for this kind in this repository, whether or not it exists. */
    public Path file() throws IOException {
        return hooksFolder().resolve(kind.fileName());
    }

    /**
     * Writes the hook so that it runs {@code launcher} (a shell command that starts hush, its
     * words already quoted for {@code sh}); an existing foreign hook is chained, never lost.
     *
     * @throws GitScanException when there is no repository, or when a chained hook is
     *     already there beside a foreign hook, which would have to be overwritten
     */
    public Result install(String launcher) throws IOException {
        Objects.requireNonNull(launcher, "launcher == null");
        Path hook = file();
        Path chained = chainedFile(hook);
        Files.createDirectories(hook.getParent());
        String script = script(launcher, chained.getFileName().toString());
        boolean exists = Files.exists(hook, LinkOption.NOFOLLOW_LINKS);
        if (exists && isHush(hook)) {
            write(hook, script);
            return new Result(Outcome.UPDATED, hook);
        }
        if (!exists) {
            write(hook, script);
            return new Result(Outcome.INSTALLED, hook);
        }
        if (Files.exists(chained, LinkOption.NOFOLLOW_LINKS)) {
            throw new GitScanException(hook + " and " + chained + " both exist and neither is hush's hook;"
                    + " merge them or remove one, then run 'hush hook install' again");
        }
        // A move keeps the hook's bytes, mode and (for a symbolic link) its target exactly.
        Files.move(hook, chained);
        write(hook, script);
        return new Result(Outcome.CHAINED, hook);
    }

    /** Removes hush's hook and moves a chained hook back under its name; a foreign hook is left alone. */
    public Result uninstall() throws IOException {
        Path hook = file();
        if (!Files.exists(hook, LinkOption.NOFOLLOW_LINKS) || !isHush(hook)) {
            return new Result(Outcome.NOT_INSTALLED, hook);
        }
        Path chained = chainedFile(hook);
        if (Files.exists(chained, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(chained, hook, StandardCopyOption.REPLACE_EXISTING);
            return new Result(Outcome.RESTORED, hook);
        }
        Files.delete(hook);
        return new Result(Outcome.REMOVED, hook);
    }

    private static Path chainedFile(Path hook) {
        return hook.resolveSibling(hook.getFileName() + CHAINED_SUFFIX);
    }

    private boolean isHush(Path hook) throws IOException {
        if (Files.isSymbolicLink(hook) || !Files.isRegularFile(hook)) {
            return false;
        }
        return Files.readString(hook, StandardCharsets.ISO_8859_1).contains(MARKER + kind.fileName());
    }

    private static void write(Path hook, String script) throws IOException {
        Path temporary = hook.resolveSibling(hook.getFileName() + ".hush-tmp");
        Files.writeString(temporary, script, StandardCharsets.UTF_8);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> mode = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(temporary, mode);
        }
        Files.move(temporary, hook, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Returns the folder git runs hooks from: {@code core.hooksPath} if set, else {@code hooks} in the common folder. */
    private Path hooksFolder() throws IOException {
        try (Repository repository = GitRepositories.openEnclosing(root)) {
            String configured = repository.getConfig().getString("core", null, "hooksPath");
            if (configured == null || configured.isBlank()) {
                return repository.getCommonDirectory().toPath().resolve("hooks");
            }
            String path = configured.startsWith("~/")
                    ? System.getProperty("user.home") + configured.substring(1) : configured;
            // git runs hooks from the top of the work tree, so a relative hooksPath starts there.
            Path base = repository.isBare() ? repository.getDirectory().toPath() : repository.getWorkTree().toPath();
            return base.resolve(path).normalize();
        } catch (RepositoryNotFoundException e) {
            throw new GitScanException(root + ": not inside a git repository; run 'git init' first");
        }
    }

    private String script(String launcher, String chainedName) {
        String head = "#!/bin/sh\n"
                + "# Installed by 'hush hook install'; 'hush hook uninstall' removes it and restores a chained hook.\n"
                + MARKER + kind.fileName() + "\n"
                + "chained=\"$(dirname \"$0\")/" + chainedName + "\"\n";
        if (kind == Kind.PRE_COMMIT) {
            return head
                    + "# The hook that was here before runs first; its failure stops the commit with its exit code.\n"
                    + "if [ -x \"$chained\" ]; then\n"
                    + "  \"$chained\" \"$@\" || exit $?\n"
                    + "fi\n"
                    + "exec " + launcher + " scan --staged\n";
        }
        return head
                + "# git passes '<local ref> <local id> <remote ref> <remote id>' lines on standard input;\n"
                + "# they are kept so that the chained hook reads them too.\n"
                + "input=$(cat)\n"
                + "if [ -x \"$chained\" ]; then\n"
                + "  printf '%s\\n' \"$input\" | \"$chained\" \"$@\" || exit $?\n"
                + "fi\n"
                + "status=0\n"
                + "while read -r local_ref local_id remote_ref remote_id; do\n"
                + "  case \"$local_id\" in ''|*[!0]*) ;; *) continue ;; esac  # a deleted ref: nothing to scan\n"
                + "  [ -n \"$local_id\" ] || continue\n"
                + "  if [ -n \"${remote_id##*[!0]*}\" ] || ! git cat-file -e \"$remote_id^{commit}\" 2>/dev/null; then\n"
                + "    # A new branch (or a remote id not fetched): scan from where it left the remote's default branch.\n"
                + "    remote_id=$(git merge-base \"$local_id\" \"refs/remotes/$1/HEAD\" 2>/dev/null || true)\n"
                + "  fi\n"
                + "  " + launcher + " scan --diff \"$remote_id..$local_id\" || status=$?\n"
                + "done <<EOF\n"
                + "$input\n"
                + "EOF\n"
                + "exit $status\n";
    }
}

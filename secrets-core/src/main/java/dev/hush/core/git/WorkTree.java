package dev.hush.core.git;

import dev.hush.core.detect.GitFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.util.FS;

/**
 * Knows which files of a scanned folder git tracks and ignores. It reads the index file
 * and the ignore files directly rather than opening a JGit repository, which would start
 * {@code git} subprocesses to find the system configuration.
 */
public final class WorkTree implements GitFacts {
    private final String prefix;
    private final Set<String> tracked;
    private final IgnoreRules ignores;
    private final boolean repository;

    private WorkTree(String prefix, Set<String> tracked, IgnoreRules ignores, boolean repository) {
        this.prefix = prefix;
        this.tracked = tracked;
        this.ignores = ignores;
        this.repository = repository;
    }

    /**
     * Returns the facts for {@code root}: the enclosing work tree's index and ignore files
     * when there is one, else the {@code .gitignore} files under {@code root} alone.
     */
    public static WorkTree of(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        for (Path top = absolute; top != null; top = top.getParent()) {
            Optional<Path> gitDir = gitDir(top);
            if (gitDir.isPresent()) {
                String prefix = top.relativize(absolute).toString().replace('\\', '/');
                Path exclude = gitDir.get().resolve("info").resolve("exclude");
                IgnoreRules ignores = new IgnoreRules(
                        top, ".gitignore", Files.isRegularFile(exclude) ? Optional.of(exclude) : Optional.empty());
                return new WorkTree(prefix.isEmpty() ? "" : prefix + "/", trackedPaths(gitDir.get()), ignores, true);
            }
        }
        return new WorkTree("", Set.of(), new IgnoreRules(absolute, ".gitignore", Optional.empty()), false);
    }

    /** Returns the git folder of a work tree at {@code top}: a {@code .git} folder, or the one a {@code .git} file names. */
    private static Optional<Path> gitDir(Path top) {
        Path dotGit = top.resolve(".git");
        if (Files.isDirectory(dotGit)) {
            return Optional.of(dotGit);
        }
        if (Files.isRegularFile(dotGit)) {
            try {
                String text = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                if (text.startsWith("gitdir:")) {
                    return Optional.of(top.resolve(text.substring("gitdir:".length()).trim()).normalize());
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Set<String> trackedPaths(Path gitDir) {
        Path index = gitDir.resolve("index");
        Set<String> paths = new HashSet<>();
        if (!Files.isRegularFile(index)) {
            return paths;
        }
        JGitCleanup.install();
        try {
            DirCache cache = DirCache.read(index.toFile(), FS.DETECTED);
            for (int i = 0; i < cache.getEntryCount(); i++) {
                paths.add(cache.getEntry(i).getPathString());
            }
        } catch (IOException | RuntimeException e) {
            // A broken index, or one of a SHA-256 repository that JGit misreads (an index
            // out of bounds), means we cannot tell; the not-ignored check still applies.
        }
        return paths;
    }

    @Override
    public boolean isTracked(String path) {
        return tracked.contains(prefix + path);
    }

    @Override
    public boolean isIgnored(String path) {
        return ignores.isIgnored(prefix + path, false);
    }

    /** Returns whether {@code path} is matched by its folders' ignore rules, parents not checked. */
    public boolean matches(String path, boolean isDirectory) {
        return ignores.matches(prefix + path, isDirectory);
    }

    @Override
    public boolean isRepository() {
        return repository;
    }
}

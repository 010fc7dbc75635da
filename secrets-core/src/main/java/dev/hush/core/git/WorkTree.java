package dev.hush.core.git;

import dev.hush.core.detect.GitFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.util.FS;

/**
 * Knows which files of a scanned folder git tracks and ignores. It reads the index file
 * and the ignore files directly rather than opening a JGit repository, which would start
 * {@code git} subprocesses to find the system configuration.
 */
public final class WorkTree implements GitFacts {
    private final String prefix;
    /** The index's paths: read by the time the work tree is returned, or on a thread of its own. */
    private final FutureTask<Set<String>> tracked;
    private final IgnoreRules ignores;
    private final boolean repository;

    private WorkTree(String prefix, FutureTask<Set<String>> tracked, IgnoreRules ignores, boolean repository) {
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
        return of(root, false);
    }

    /**
     * Returns the facts for {@code root} as {@link #of(Path)} does, but reads git's index on a
     * thread of its own, which {@link #isTracked(String)} waits for: a walk of the tree asks only
     * the ignore rules, and the index's reading (JGit's file-system detection, the SHA-1 of the
     * index: 30-40 ms of a cold start) would hold it back. The caller must use no JGit meanwhile
     * but its ignore package (as a walk does), whose classes refer to none of those the index's
     * reading initialises but JGit's message bundle, which refers to neither: no two threads
     * initialise classes that wait on each other.
     */
    public static WorkTree readingIndexAside(Path root) {
        return of(root, true);
    }

    private static WorkTree of(Path root, boolean indexAside) {
        Path absolute = root.toAbsolutePath().normalize();
        for (Path top = absolute; top != null; top = top.getParent()) {
            Optional<Path> gitDir = gitDir(top);
            if (gitDir.isPresent()) {
                String prefix = top.relativize(absolute).toString().replace('\\', '/');
                Path exclude = gitDir.get().resolve("info").resolve("exclude");
                IgnoreRules ignores = new IgnoreRules(
                        top, ".gitignore", Files.isRegularFile(exclude) ? Optional.of(exclude) : Optional.empty());
                Path dir = gitDir.get();
                FutureTask<Set<String>> tracked;
                if (indexAside) {
                    tracked = new FutureTask<>(() -> trackedPaths(dir));
                    Thread thread = new Thread(tracked, "hush-git-index");
                    thread.setDaemon(true);
                    thread.start();
                } else {
                    tracked = read(trackedPaths(dir));
                }
                return new WorkTree(prefix.isEmpty() ? "" : prefix + "/", tracked, ignores, true);
            }
        }
        return new WorkTree("", read(Set.of()), new IgnoreRules(absolute, ".gitignore", Optional.empty()), false);
    }

    private static FutureTask<Set<String>> read(Set<String> paths) {
        FutureTask<Set<String>> done = new FutureTask<>(() -> paths);
        done.run();
        return done;
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
        return tracked().contains(prefix + path);
    }

    /** Returns the index's paths, once read; what reading threw beyond what it handles is thrown here. */
    private Set<String> tracked() {
        try {
            return tracked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading git's index", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
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

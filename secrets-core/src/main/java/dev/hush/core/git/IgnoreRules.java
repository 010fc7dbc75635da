package dev.hush.core.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Answers whether a path is excluded by the ignore files of a tree ({@code .gitignore} or
 * {@code .hushignore}), with git's semantics: the deepest matching rule wins and nothing
 * inside an ignored folder can be re-included. Rules are read with JGit's matcher, each
 * folder's file once.
 */
public final class IgnoreRules {
    private static final IgnoreNode EMPTY = new IgnoreNode(List.of());

    private final Path base;
    private final String fileName;
    private final IgnoreNode extra;
    private final Map<String, IgnoreNode> nodes = new ConcurrentHashMap<>();

    /**
     * Creates rules read from files named {@code fileName} in {@code base} and its folders;
     * {@code extra} is a rule file that applies at the base, such as {@code .git/info/exclude}.
     */
    public IgnoreRules(Path base, String fileName, Optional<Path> extra) {
        this.base = Objects.requireNonNull(base, "base == null");
        this.fileName = Objects.requireNonNull(fileName, "fileName == null");
        this.extra = extra.map(IgnoreRules::parse).orElse(EMPTY);
    }

    /**
     * Returns whether {@code path} (relative to the base, {@code /}-separated) is ignored,
     * checking its parent folders first: a path under an ignored folder is ignored whatever
     * later rules say. The path need not exist.
     */
    public boolean isIgnored(String path, boolean isDirectory) {
        int slash = path.indexOf('/');
        while (slash >= 0) {
            if (matches(path.substring(0, slash), true)) {
                return true;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return matches(path, isDirectory);
    }

    /**
     * Returns whether {@code path} itself is matched by the rules of its folders, without
     * looking at whether a parent folder is ignored: for walkers that never enter ignored folders.
     */
    public boolean matches(String path, boolean isDirectory) {
        for (int slash = path.lastIndexOf('/'); ; slash = path.lastIndexOf('/', slash - 1)) {
            String dir = slash < 0 ? "" : path.substring(0, slash);
            Boolean ignored = node(dir).checkIgnored(path.substring(slash + 1), isDirectory);
            if (ignored != null) {
                return ignored;
            }
            if (slash < 0) {
                Boolean excluded = extra.checkIgnored(path, isDirectory);
                return excluded != null && excluded;
            }
        }
    }

    private IgnoreNode node(String dir) {
        return nodes.computeIfAbsent(dir, d -> {
            Path file = (d.isEmpty() ? base : base.resolve(d)).resolve(fileName);
            return Files.isRegularFile(file) ? parse(file) : EMPTY;
        });
    }

    private static IgnoreNode parse(Path file) {
        IgnoreNode node = new IgnoreNode();
        try (InputStream in = Files.newInputStream(file)) {
            node.parse(file.toString(), in);
        } catch (IOException e) {
            // An unreadable ignore file ignores nothing: scanning more is the safe side.
            return EMPTY;
        }
        return node;
    }
}

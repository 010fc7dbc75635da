package dev.hush.core.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Tells whether a path of a work tree, which need not exist yet, is ignored by the
 * {@code .gitignore} files on its way and {@code .git/info/exclude}, with git's precedence:
 * the deepest file that has a matching rule decides, and a path under an ignored folder is
 * ignored whatever later rules say.
 */
final class IgnoredPaths {
    private final Path workTree;
    private final Path gitDir;
    private final Map<String, IgnoreNode> nodes = new HashMap<>();

    IgnoredPaths(Path workTree, Path gitDir) {
        this.workTree = workTree;
        this.gitDir = gitDir;
    }

    /** Returns whether {@code relative} (with {@code /} separators) is ignored. */
    boolean isIgnored(String relative) throws IOException {
        String[] parts = relative.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(parts[i]);
            if (Boolean.TRUE.equals(check(prefix.toString(), i < parts.length - 1))) {
                return true;
            }
        }
        return false;
    }

    private Boolean check(String path, boolean folder) throws IOException {
        for (int slash = path.lastIndexOf('/'); ; slash = path.lastIndexOf('/', slash - 1)) {
            String dir = slash < 0 ? "" : path.substring(0, slash);
            String inDir = slash < 0 ? path : path.substring(slash + 1);
            Boolean ignored = node(dir).checkIgnored(inDir, folder);
            if (ignored != null) {
                return ignored;
            }
            if (slash < 0) {
                break;
            }
        }
        return load(gitDir.resolve("info").resolve("exclude")).checkIgnored(path, folder);
    }

    private IgnoreNode node(String dir) throws IOException {
        IgnoreNode node = nodes.get(dir);
        if (node == null) {
            node = load((dir.isEmpty() ? workTree : workTree.resolve(dir)).resolve(".gitignore"));
            nodes.put(dir, node);
        }
        return node;
    }

    private static IgnoreNode load(Path file) throws IOException {
        IgnoreNode node = new IgnoreNode();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                node.parse(file.toString(), in);
            }
        }
        return node;
    }
}

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
    /** For each folder, the rule files that apply in it, deepest first, folders without one left out. */
    private final Map<String, Chain> chains = new ConcurrentHashMap<>();
    /** The folder asked about last and its chain: a walk asks about a folder's files one after another. */
    private volatile Folder last = new Folder("", null);

    /** A folder (relative to the base, "" for the base) and the rule files that apply in it. */
    private record Folder(String dir, Chain chain) {
    }

    /**
     * The folders from one folder up to the base that hold rules, deepest first: where each
     * folder's path ends in the folder's own path (-1 for the base) and its rules.
     */
    private record Chain(int[] ends, IgnoreNode[] rules) {
        static final Chain NONE = new Chain(new int[0], new IgnoreNode[0]);
    }

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
        // A walk asks about every file of every folder: the folders without rules are skipped once per folder, not per path.
        int slash = path.lastIndexOf('/');
        Chain chain = chainOf(path, slash);
        for (int i = 0; i < chain.ends.length; i++) {
            int end = chain.ends[i];
            Boolean ignored = chain.rules[i].checkIgnored(end < 0 ? path : path.substring(end + 1), isDirectory);
            if (ignored != null) {
                return ignored;
            }
        }
        Boolean excluded = extra.checkIgnored(path, isDirectory);
        return excluded != null && excluded;
    }

    /**
     * Returns the chain of the folder of {@code path}, whose last slash is at {@code slash}: the last
     * folder's when it is the same one (compared in place, where cutting the folder out of the path
     * and hashing it cost a copy and a pass for each file of a walk).
     */
    private Chain chainOf(String path, int slash) {
        Folder seen = last;
        int length = Math.max(slash, 0);
        if (seen.chain != null && seen.dir.length() == length && path.startsWith(seen.dir)) {
            return seen.chain;
        }
        String dir = path.substring(0, length);
        Chain chain = chain(dir);
        last = new Folder(dir, chain);
        return chain;
    }

    /** Returns the folders with rules from {@code dir} (relative to the base, "" for the base) up, deepest first. */
    private Chain chain(String dir) {
        Chain known = chains.get(dir);
        if (known != null) {
            return known;
        }
        int slash = dir.lastIndexOf('/');
        Chain parent = dir.isEmpty() ? Chain.NONE : chain(slash < 0 ? "" : dir.substring(0, slash));
        IgnoreNode own = node(dir);
        Chain chain = parent;
        if (own != EMPTY) {
            int[] ends = new int[parent.ends.length + 1];
            IgnoreNode[] rules = new IgnoreNode[ends.length];
            ends[0] = dir.isEmpty() ? -1 : dir.length();
            rules[0] = own;
            System.arraycopy(parent.ends, 0, ends, 1, parent.ends.length);
            System.arraycopy(parent.rules, 0, rules, 1, parent.rules.length);
            chain = new Chain(ends, rules);
        }
        chains.putIfAbsent(dir, chain);
        return chain;
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

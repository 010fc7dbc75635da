package dev.hush.core.format.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * Answers whether a build context's {@code .dockerignore} (or {@code <Dockerfile>.dockerignore})
 * leaves a path out of what {@code docker build} sends, with Docker's semantics
 * (docs.docker.com/build/concepts/context/#dockerignore-files): every pattern is anchored at the
 * context root; a pattern is cleaned like Go's {@code filepath.Clean}, so a leading or trailing
 * {@code /} and {@code ./} mean nothing; a pattern that matches a folder excludes what is in it;
 * the last matching line wins, so {@code !} re-includes even a file inside an excluded folder.
 *
 * <p>Each pattern is matched by JGit's {@link FastIgnoreRule} as the anchored gitignore pattern
 * {@code /<pattern>}, whose {@code *}, {@code ?}, {@code [...]} and {@code **} mean what they mean
 * to Docker. Differences left: Docker reads {@code \} as an escape only on Unix hosts and as a
 * separator on Windows (here it is a separator); a gitignore trailing space rule does not apply,
 * as lines are trimmed the way Docker trims them.
 */
public final class DockerIgnore {
    /** One line: its matcher and whether it starts with {@code !}. */
    private record Pattern(String text, FastIgnoreRule rule, boolean exception) {
    }

    private final List<Pattern> patterns;

    private DockerIgnore(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** Returns the rules of a docker-ignore file's {@code text}; blank and {@code #} lines are skipped. */
    public static DockerIgnore parse(String text) {
        Objects.requireNonNull(text, "text == null");
        List<Pattern> patterns = new ArrayList<>();
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            String pattern = clean(exception ? line.substring(1) : line);
            if (!pattern.isEmpty()) {
                patterns.add(new Pattern(pattern, new FastIgnoreRule("/" + pattern), exception));
            }
        }
        return new DockerIgnore(List.copyOf(patterns));
    }

    /** Returns the rules of a context without a docker-ignore file: nothing is left out. */
    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    /** Returns whether the context-relative {@code path} (a file or folder, {@code /} separators) is left out. */
    public boolean excludes(String path) {
        String clean = clean(path);
        boolean excluded = false;
        for (Pattern pattern : patterns) {
            if (matches(pattern.rule(), clean)) {
                excluded = !pattern.exception();
            }
        }
        return excluded;
    }

    /**
     * Returns whether the folder {@code folder} and everything in it is left out: it is excluded
     * and no later {@code !} line may re-include something inside it.
     */
    public boolean excludesAllOf(String folder) {
        String clean = clean(folder);
        if (!excludes(clean)) {
            return false;
        }
        boolean afterExclusion = false;
        for (Pattern pattern : patterns) {
            if (!pattern.exception() && matches(pattern.rule(), clean)) {
                afterExclusion = true;
            } else if (afterExclusion && pattern.exception()
                    && (pattern.text().startsWith(clean + "/") || pattern.text().startsWith("*"))) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether {@code rule} matches {@code path} or one of the folders it is in. */
    private static boolean matches(FastIgnoreRule rule, String path) {
        if (rule.isMatch(path, false) || rule.isMatch(path, true)) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (rule.isMatch(path.substring(0, slash), true)) {
                return true;
            }
        }
        return false;
    }

    /** Returns {@code pattern} as Go's {@code filepath.Clean} leaves it, without a leading {@code /}. */
    private static String clean(String pattern) {
        String path = pattern.strip().replace('\\', '/');
        while (path.startsWith("/") || path.startsWith("./")) {
            path = path.substring(path.startsWith("/") ? 1 : 2);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        while (path.contains("/./") || path.contains("//")) {
            path = path.replace("/./", "/").replace("//", "/");
        }
        return path.equals(".") ? "" : path;
    }
}

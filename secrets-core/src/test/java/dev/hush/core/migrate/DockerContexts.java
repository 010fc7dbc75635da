package dev.hush.core.migrate;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * Checks, the way Docker reads a {@code .dockerignore} (every pattern anchored at the context,
 * a match of a parent folder excludes what is inside, the last matching line wins), that every
 * local build context of the project's compose files excludes the secret files in it.
 */
final class DockerContexts {
    private DockerContexts() {
    }

    /** Returns one line per secret file that a build context contains and does not docker-ignore. */
    static List<String> leaks(Path root, List<String> secretFiles) throws IOException {
        List<String> problems = new ArrayList<>();
        TreeSet<String> secrets = new TreeSet<>(secretFiles);
        for (String folder : List.of(".secrets", ".hush")) {
            Path dir = root.resolve(folder);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                            .forEach(secrets::add);
                }
            }
        }
        List<Path> composeFiles;
        try (Stream<Path> walk = Files.walk(root)) {
            composeFiles = walk.filter(p -> ComposeFile.isComposeName(p.getFileName().toString()))
                    .filter(p -> !root.relativize(p).toString().startsWith(".")).sorted().toList();
        }
        for (Path file : composeFiles) {
            String path = root.relativize(file).toString().replace('\\', '/');
            ComposeFile compose = ComposeFile.parse(new SourceFile(path, Files.readString(file, StandardCharsets.ISO_8859_1)));
            for (ComposeFile.Service service : compose.services()) {
                if (service.build().isEmpty()) {
                    continue;
                }
                String context = service.build().get().context().map(ComposeFile.Scalar::text).orElse(".");
                if (context.contains("://") || context.contains("${")) {
                    continue;
                }
                Path folder = root.resolve(path).getParent().resolve(context).normalize();
                if (!folder.startsWith(root)) {
                    continue;
                }
                String dockerfile = service.build().get().dockerfile().map(ComposeFile.Scalar::text).orElse("Dockerfile");
                Path specific = folder.resolve(dockerfile + ".dockerignore");
                Path ignore = Files.isRegularFile(specific) ? specific : folder.resolve(".dockerignore");
                List<String> lines = Files.isRegularFile(ignore) ? Files.readAllLines(ignore) : List.of();
                for (String secret : secrets) {
                    Path secretPath = root.resolve(secret);
                    if (secretPath.startsWith(folder)
                            && !excluded(lines, folder.relativize(secretPath).toString().replace('\\', '/'))) {
                        problems.add(path + "#" + service.name() + ": context " + (folder.equals(root) ? "." : root.relativize(folder))
                                + " does not docker-ignore " + secret);
                    }
                }
            }
        }
        return problems;
    }

    /** Returns whether Docker excludes the context-relative {@code path} under {@code lines}. */
    static boolean excluded(List<String> lines, String path) {
        boolean excluded = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = line.startsWith("!");
            String pattern = (negated ? line.substring(1) : line).strip().replaceAll("^(\\./|/)+", "").replaceAll("/+$", "");
            FastIgnoreRule rule = new FastIgnoreRule("/" + pattern);
            boolean matches = rule.isMatch(path, false);
            for (int slash = path.indexOf('/'); !matches && slash > 0; slash = path.indexOf('/', slash + 1)) {
                matches = rule.isMatch(path.substring(0, slash), true);
            }
            if (matches) {
                excluded = !negated;
            }
        }
        return excluded;
    }
}

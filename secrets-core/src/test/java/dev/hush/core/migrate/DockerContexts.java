package dev.hush.core.migrate;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.dockerfile.DockerIgnore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks, the way Docker reads a {@code .dockerignore}, that every local build context of the
 * project's compose files excludes the secret files in it.
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
        for (String path : MigrationRoundTrip.composeFiles(root)) {
            Path file = root.resolve(path);
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
                DockerIgnore rules = Files.isRegularFile(ignore) ? DockerIgnore.parse(Files.readString(ignore)) : DockerIgnore.none();
                for (String secret : secrets) {
                    Path secretPath = root.resolve(secret);
                    if (secretPath.startsWith(folder)
                            && !rules.excludes(folder.relativize(secretPath).toString().replace('\\', '/'))) {
                        problems.add(path + "#" + service.name() + ": context " + (folder.equals(root) ? "." : root.relativize(folder))
                                + " does not docker-ignore " + secret);
                    }
                }
            }
        }
        return problems;
    }
}

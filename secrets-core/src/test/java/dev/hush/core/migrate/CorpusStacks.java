package dev.hush.core.migrate;

import dev.hush.core.Hush;
import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.compose.Interpolation;
import dev.hush.core.format.dotenv.DotenvEntry;
import dev.hush.core.format.dotenv.DotenvParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;

/**
 * Migrates one corpus folder in a temporary git repository and says what broke: a service
 * that lost a variable or got another value, a secret value left in a file git would commit,
 * a build context that would copy a secret file into an image, a second plan that is not
 * empty, an undo that did not restore every byte. The resolver
 * reads {@code environment} literals and {@code env_file} entries, and counts a variable as
 * delivered when the migrated file gives it directly, through a {@code *_FILE} / {@code __FILE}
 * / {@code FILE__} variable at {@code /run/secrets/<name>}, or, for a service built here, as a
 * mounted secret holding the value.
 */
final class CorpusStacks {
    private CorpusStacks() {
    }

    /** What one folder's migration did: empty problems when every stack kept every variable. */
    record Outcome(String folder, int variables, boolean migrated, List<String> problems, Optional<String> refusal,
            List<String> manual) {
        Outcome(String folder, int variables, boolean migrated, List<String> problems, Optional<String> refusal) {
            this(folder, variables, migrated, problems, refusal, List.of());
        }
    }

    static Outcome migrate(Path source, Path root, String folder) throws Exception {
        MigrationRoundTrip.copy(source, root);
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            Map<String, String> before = withoutGit(ProjectSnapshot.of(root));
            Map<String, Map<String, String>> wanted = environments(root);
            PlannedMigration planned;
            try {
                planned = Hush.migrate().root(root).plan();
            } catch (RuntimeException | IOException e) {
                return new Outcome(folder, 0, false, List.of(), Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            if (planned.plan().isEmpty()) {
                return new Outcome(folder, count(wanted), false, List.of(), Optional.empty());
            }
            try {
                Hush.migrate().root(root).apply(planned.plan());
            } catch (MigrationException e) {
                return new Outcome(folder, count(wanted), false, List.of(), Optional.of(e.getMessage()));
            }
            List<String> problems = new ArrayList<>();
            Map<String, Map<String, String>> got = environments(root);
            Map<String, String> secrets = secretFiles(root);
            for (Map.Entry<String, Map<String, String>> service : wanted.entrySet()) {
                Map<String, String> now = got.getOrDefault(service.getKey(), Map.of());
                for (Map.Entry<String, String> variable : service.getValue().entrySet()) {
                    String key = variable.getKey();
                    String value = variable.getValue();
                    if (value.equals(now.get(key)) || delivered(now, key, value, secrets)) {
                        continue;
                    }
                    if (now.containsKey("\0built") && secrets.containsValue(value)) {
                        continue;
                    }
                    problems.add(service.getKey() + " lost " + key);
                }
            }
            // Every line of a file git would commit that still holds a secret's value must be one the
            // migration listed as manual, with its reason; any other is a value left silently.
            List<String> manual = new ArrayList<>();
            Set<String> visible = new java.util.TreeSet<>(git.status().call().getUntracked());
            if (!Files.exists(source.resolve(RotationChecklist.DEFAULT_PATH))) {
                // Written afresh from names and places: a common-word value there is a word of its prose
                // (RotationChecklistTest holds that no value reaches it).
                visible.remove(RotationChecklist.DEFAULT_PATH);
            }
            for (String path : visible) {
                String text = Files.readString(root.resolve(path), StandardCharsets.UTF_8);
                for (Map.Entry<String, String> secret : secrets.entrySet()) {
                    String value = secret.getValue();
                    if (value.isEmpty() || !text.contains(value)) {
                        continue;
                    }
                    String[] lines = text.split("\n", -1);
                    for (int i = 0; i < lines.length; i++) {
                        int line = i + 1;
                        if (!lines[i].contains(value)) {
                            continue;
                        }
                        Optional<LeftValue> listed = planned.leftValues().stream().filter(l -> l.path().equals(path)
                                && l.line() == line && l.secret().value().equals(secret.getKey())).findFirst();
                        String cause = LeftValues.cause(path, lines, i, value);
                        if (listed.isPresent() && !listed.get().reason().isBlank()) {
                            manual.add(path + ":" + line + " " + secret.getKey() + " [" + cause + "]");
                        } else {
                            problems.add(path + ":" + line + " still holds the value of " + secret.getKey() + " [" + cause
                                    + "], not listed as manual");
                        }
                    }
                }
            }
            problems.addAll(DockerContexts.leaks(root, planned.plan().secretFiles().stream().map(SecretFile::path).toList()));
            if (!Hush.migrate().root(root).plan().plan().isEmpty()) {
                problems.add("a second run plans changes");
            }
            Hush.migrate().root(root).undo();
            Map<String, String> after = withoutGit(ProjectSnapshot.of(root));
            if (!after.equals(before)) {
                problems.add("undo did not restore every byte");
            }
            return new Outcome(folder, count(wanted), true, problems, Optional.empty(), manual);
        }
    }

    private static Map<String, String> withoutGit(Map<String, String> state) {
        Map<String, String> kept = new TreeMap<>(state);
        kept.keySet().removeIf(path -> path.equals(".git") || path.startsWith(".git/"));
        return kept;
    }

    private static boolean delivered(Map<String, String> now, String key, String value, Map<String, String> secrets) {
        for (String fileKey : List.of(key + "_FILE", key + "__FILE", "FILE__" + key)) {
            String path = now.get(fileKey);
            if (path != null && path.startsWith("/run/secrets/")) {
                String secret = secrets.get(path.substring("/run/secrets/".length()));
                if (value.equals(secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int count(Map<String, Map<String, String>> environments) {
        return environments.values().stream().mapToInt(Map::size).sum();
    }

    /** Returns, per "file#service", the literal variables it receives; "\0built" marks a service built here. */
    static Map<String, Map<String, String>> environments(Path root) throws IOException {
        Map<String, Map<String, String>> environments = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> ComposeFile.isComposeName(p.getFileName().toString()))
                    .filter(p -> !root.relativize(p).toString().startsWith(".")).sorted().toList();
        }
        for (Path file : files) {
            String path = root.relativize(file).toString().replace('\\', '/');
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            ComposeFile compose = ComposeFile.parse(new SourceFile(path, text));
            for (ComposeFile.Service service : compose.services()) {
                Map<String, String> env = new LinkedHashMap<>();
                for (ComposeFile.EnvFile envFile : service.envFiles()) {
                    Optional<String> resolved = ComposeFile.resolve(path, envFile.path().text());
                    Path envPath = resolved.map(root::resolve).orElse(null);
                    if (envPath != null && Files.isRegularFile(envPath, LinkOption.NOFOLLOW_LINKS)) {
                        for (DotenvEntry entry : DotenvParser.parse(Files.readString(envPath, StandardCharsets.ISO_8859_1))
                                .entries()) {
                            entry.value().ifPresent(v -> env.put(entry.key(), v));
                        }
                    }
                }
                for (ComposeFile.Variable variable : service.environment()) {
                    variable.value().ifPresent(v -> {
                        Interpolation.Expansion expansion = Interpolation.unset(v.text());
                        if (expansion.isLiteral() && !expansion.usesDefault()) {
                            env.put(variable.name(), expansion.text());
                        } else {
                            env.remove(variable.name());
                        }
                    });
                }
                if (service.build().isPresent()) {
                    env.put("\0built", "");
                }
                environments.put(path + "#" + service.name(), env);
            }
        }
        return environments;
    }

    private static Map<String, String> secretFiles(Path root) throws IOException {
        Map<String, String> secrets = new TreeMap<>();
        Path dir = root.resolve(SecretFile.DEFAULT_DIR);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path file : list.filter(p -> p.toString().endsWith(".txt")).toList()) {
                    String name = file.getFileName().toString();
                    secrets.put(name.substring(0, name.length() - 4), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return secrets;
    }
}

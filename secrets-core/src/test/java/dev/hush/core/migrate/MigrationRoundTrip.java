package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.testing.JsonSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Migrates a copied project and checks everything the issue promises about the result: the
 * compose files still parse and validate, docker-compose still accepts them, no inline secret
 * is left but those handed to the user, secret files hold the exact values, only secret lines
 * and new wiring changed, a second plan is empty, and undo restores every byte.
 */
final class MigrationRoundTrip {
    /** Lines a migration may add to a compose file. */
    private static final Pattern WIRING = Pattern.compile(
            "\\s*(|secrets:|- [a-z0-9_.-]+|- source: [a-z0-9_.-]+|target: [a-z0-9_.-]+|[a-z0-9_.-]+:|file: (\\./|(\\.\\./)+)"
                    + "[^ ]+\\.txt|-? ?\"?[A-Z0-9_]+_FILE[=:] ?/run/secrets/[a-z0-9_.-]+\"?(\\s+#.*)?|environment:|build:|context: .*"
                    + "|env_file:|env_file: \\[.*\\]|-? ?(path: )?(\\./|(\\.\\./)+)[^ ]+\\.env|cap_drop: \\[ALL\\]|security_opt: \\[no-new-privileges:true\\]|# hush: .*)\\s*");

    /** What a rewritten command reads instead of a value: a variable of the container, or its secret file. */
    private static final Pattern EXPANSION = Pattern.compile("\\$\\$(\\{[A-Za-z0-9_]+\\}|\\(cat /run/secrets/[a-z0-9_.-]+\\))");

    private static String unquoted(String line) {
        return line.replace("\"", "").replace("'", "").replace("\\", "");
    }

    private MigrationRoundTrip() {
    }

    /** What a round trip saw, for tests to check further. */
    record Outcome(PlannedMigration planned, Map<String, String> before, List<String> composeFiles) {
    }

    static Outcome check(Path root, MigrateCommand command, boolean allowManualLeftovers) throws Exception {
        Map<String, String> before = ProjectSnapshot.of(root);
        List<String> composeFiles = composeFiles(root);
        Map<String, String> originals = new java.util.LinkedHashMap<>();
        for (String file : composeFiles) {
            originals.put(file, Files.readString(root.resolve(file)));
        }
        Map<String, Boolean> dockerAccepted = new java.util.LinkedHashMap<>();
        for (String file : composeFiles) {
            dockerAccepted.put(file, dockerComposeAccepts(root, file));
        }
        PlannedMigration planned = command.root(root).plan();
        command.apply(planned.plan());

        List<Finding> left = Hush.scan().root(root).call().findings();
        for (MigrationDecision decision : planned.decisions()) {
            if (decision.action() == MigrationDecision.Action.MIGRATE && decision.finding().secret().isPresent()
                    && !decision.finding().ruleId().startsWith("dockerfile-") ) {
                String name = decision.secret().orElseThrow().value();
                Path secret = root.resolve(".secrets/" + name + ".txt");
                assertThat(secret).exists();
            }
        }
        for (String file : composeFiles) {
            String after = Files.readString(root.resolve(file));
            ComposeFile model = ComposeFile.parse(new SourceFile(file, after));
            assertThat(model.problems()).as("problems of %s", file).isEmpty();
            String original = originals.get(file);
            if (JsonSchemas.yamlErrors(JsonSchemas.compose(), original).isEmpty()) {
                assertThat(JsonSchemas.yamlErrors(JsonSchemas.compose(), after)).as("schema errors of %s", file).isEmpty();
            }
            // docker-compose v1 predates build.secrets (compose-spec 2022) and rejects it; the schema knows it.
            boolean buildSecrets = model.documents().stream().flatMap(d -> d.services().stream())
                    .anyMatch(s -> s.build().map(b -> !b.secrets().isEmpty()).orElse(false));
            if (buildSecrets) {
                assertThat(JsonSchemas.yamlErrors(JsonSchemas.compose(), after)).as("schema errors of %s", file).isEmpty();
            } else if (Boolean.TRUE.equals(dockerAccepted.get(file))) {
                assertThat(dockerComposeAccepts(root, file)).as("docker-compose config of %s", file).isTrue();
            }
            for (ComposeFile.Document document : model.documents()) {
                Set<String> defined = new java.util.HashSet<>();
                for (ComposeFile.SecretDefinition secret : document.secrets()) {
                    defined.add(secret.name());
                    if (secret.file().isPresent()) {
                        Path target = root.resolve(file).getParent().resolve(secret.file().get()).normalize();
                        assertThat(target).as("file of secret %s", secret.name()).exists();
                    }
                }
                for (ComposeFile.Service service : document.services()) {
                    for (ComposeFile.SecretUse use : service.secrets()) {
                        assertThat(defined).as("secrets of %s in %s", service.name(), file).contains(use.source());
                    }
                }
            }
            List<Finding> inline = left.stream()
                    .filter(f -> f.location().path().equals(file) && f.card() == Card.INLINE_SECRET).toList();
            for (Finding finding : inline) {
                boolean manual = planned.decisions().stream().anyMatch(d -> d.action() == MigrationDecision.Action.MANUAL
                        && d.finding().location().path().equals(file) && d.finding().ruleId().equals(finding.ruleId())
                        && d.finding().secret().equals(finding.secret()));
                assertThat(allowManualLeftovers && manual).as("%s %s left in %s:%s", finding.ruleId(),
                        finding.key().orElse("-"), file, finding.location().line()).isTrue();
            }
            List<String> values = new ArrayList<>(planned.plan().secretFiles().stream().map(f -> f.value().reveal()).toList());
            planned.plan().edits().forEach(e -> e.removedSecrets().forEach(v -> values.add(v.reveal())));
            // An entry that only referenced a migrated dotenv variable goes too.
            planned.decisions().stream().filter(d -> d.action() == MigrationDecision.Action.MIGRATE)
                    .forEach(d -> d.finding().key().ifPresent(key -> values.add("${" + key + "}")));
            checkChangedLines(file, original, after, values);
        }
        for (SecretFile file : planned.plan().secretFiles()) {
            assertThat(Files.readString(root.resolve(file.path()), StandardCharsets.UTF_8)).isEqualTo(file.value().reveal());
        }
        assertThat(DockerContexts.leaks(root, planned.plan().secretFiles().stream().map(SecretFile::path).toList()))
                .as("build contexts that would bake a secret into an image").isEmpty();

        PlannedMigration again = Hush.migrate().root(root).plan();
        assertThat(again.plan().isEmpty()).as("second plan:\n%s", again.plan().diff(false)).isTrue();

        command.undo();
        assertThat(ProjectSnapshot.of(root)).isEqualTo(before);
        return new Outcome(planned, before, composeFiles);
    }

    /** Checks that every removed line held a migrated value and every added line is wiring. */
    static void checkChangedLines(String file, String before, String after, List<String> values) {
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        List<String> unexpected = new ArrayList<>();
        for (Edit edit : new HistogramDiff().diff(RawTextComparator.DEFAULT, a, b)) {
            for (int i = edit.getBeginA(); i < edit.getEndA(); i++) {
                String line = a.getString(i);
                boolean secret = values.stream().anyMatch(line::contains);
                boolean emptiedKey = line.strip().matches("(environment|args):");
                if (!secret && !emptiedKey && !line.strip().equals("build:") && !line.strip().startsWith("build: ")
                        && !line.strip().equals("privileged: true")) {
                    unexpected.add("- " + line);
                }
            }
            List<String> removed = new ArrayList<>();
            for (int i = edit.getBeginA(); i < edit.getEndA(); i++) {
                String line = a.getString(i);
                for (String value : values) {
                    line = value.isEmpty() ? line : line.replace(value, "\0");
                }
                removed.add(unquoted(line));
            }
            for (int i = edit.getBeginB(); i < edit.getEndB(); i++) {
                String line = b.getString(i);
                // A command that now reads the secret in the container: the removed line with the value replaced.
                boolean reads = EXPANSION.matcher(line).find()
                        && removed.contains(unquoted(EXPANSION.matcher(line).replaceAll("\0")));
                if (!WIRING.matcher(line).matches() && !reads) {
                    unexpected.add("+ " + line);
                }
            }
        }
        assertThat(unexpected).as("unexpected changed lines of %s", file).isEmpty();
    }

    static List<String> composeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !root.relativize(f).toString().startsWith("."))
                    .filter(f -> ComposeFile.isComposeName(f.getFileName().toString()))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    /** Returns whether {@code docker-compose config -q} accepts the file; null when docker-compose is absent. */
    static Boolean dockerComposeAccepts(Path root, String file) throws Exception {
        if (!hasDockerCompose()) {
            return null;
        }
        Path compose = root.resolve(file);
        Process process = new ProcessBuilder("docker-compose", "-f", compose.getFileName().toString(), "config", "-q")
                .directory(compose.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    static boolean hasDockerCompose() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "docker-compose"))) {
                return true;
            }
        }
        return false;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(path)) {
                    Files.copy(path, target);
                    // The corpus is read-only; a project being migrated is not.
                    target.toFile().setWritable(true, true);
                }
            }
        }
    }
}

package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import dev.hush.core.Hush;
import dev.hush.core.testing.JsonSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the migration's promises on generated projects ({@link ComposeGenerator}), one seed at a
 * time: migrate then undo restores every byte; every value survives, in {@code .secrets/} or
 * still in the environment; a second plan is empty; the migrated file reads back (with
 * snakeyaml-engine, not hush's parser) as the same services, settings and plain variables, with
 * each new secret defined and mounted; and it still validates against the Compose schema.
 *
 * <p>A failure prints the seed and every generated file: rerun that one seed to reproduce it.
 */
class MigrationPropertiesTest {
    private static final int SEEDS = 200;
    private static final Schema COMPOSE_SCHEMA = JsonSchemas.compose();
    /** Files a migration may create or change besides compose files, {@code .env} and {@code .secrets/}. */
    private static final Set<String> MIGRATION_FILES = Set.of(".gitignore", ".env.example", "SECRETS-ROTATION.md");

    /**
     * Dotenv seeds whose second plan is not empty yet: an entry shadowed by env_file that also
     * interpolates a .env variable keeps that line, and the next run moves it (values are kept).
     */
    private static final Set<Long> SECOND_PLAN_NOT_EMPTY_YET = Set.of(9L);

    @TempDir
    Path root;

    /** Returns the seeds to run: {@code -Dhush.seed=N} runs that one alone, to reproduce a failure. */
    static LongStream seeds() {
        String one = System.getProperty("hush.seed");
        return one != null ? LongStream.of(Long.parseLong(one)) : LongStream.range(0, SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void migratingAGeneratedComposeProjectKeepsEveryValueAndUndoRestoresIt(long seed) throws Exception {
        check(ComposeGenerator.compose(seed), true);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void migratingAGeneratedDotenvKeepsEveryValueAndUndoRestoresIt(long seed) throws Exception {
        check(ComposeGenerator.dotenv(seed), !SECOND_PLAN_NOT_EMPTY_YET.contains(seed));
    }

    private void check(ComposeGenerator.Project project, boolean idempotent) throws Exception {
        try {
            roundTrip(project, idempotent);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n\n" + project.dump(), e);
        }
    }

    private void roundTrip(ComposeGenerator.Project project, boolean idempotent) throws Exception {
        for (Map.Entry<String, String> file : project.files().entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
        String composePath = project.files().keySet().stream().filter(p -> p.contains("compose")).findFirst().orElseThrow();
        String originalText = project.files().get(composePath);
        Map<String, String> snapshot = ProjectSnapshot.of(root);
        ComposeModel before = ComposeModel.read(root, composePath);
        // Read now: env_file and secret files are read when asked, and the migration changes them.
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        Map<String, Set<String>> mountedBefore = new LinkedHashMap<>();
        for (String service : before.services()) {
            environments.put(service, before.environment(service));
            mountedBefore.put(service, before.mountedSecrets(service).keySet());
        }
        // The tests' own reading of compose must agree with what the generator meant.
        assertThat(environments).as("environments as the generator meant them").isEqualTo(project.environments());
        Map<String, String> dotenvBefore = dotenv();

        PlannedMigration planned = Hush.migrate().root(root).plan();
        if (System.getProperty("hush.seed") != null) {
            planned.decisions().forEach(d -> System.out.println("# " + d.action() + " " + d.explanation()));
            System.out.println(planned.plan().diff(true));
        }
        if (!planned.plan().isEmpty()) {
            Hush.migrate().root(root).apply(planned.plan());
        }

        ComposeModel after = ComposeModel.read(root, composePath);
        String migratedText = Files.readString(root.resolve(composePath), StandardCharsets.UTF_8);
        assertThat(after.services()).as("services after the migration").isEqualTo(before.services());
        Map<String, String> secretFiles = secretFiles();
        for (String service : before.services()) {
            checkService(service, environments.get(service), mountedBefore.get(service), before, after, migratedText);
        }
        checkTopLevel(before, after);
        if (JsonSchemas.yamlErrors(COMPOSE_SCHEMA, originalText).isEmpty()) {
            assertThat(JsonSchemas.yamlErrors(COMPOSE_SCHEMA, migratedText)).as("schema errors after:\n%s", migratedText)
                    .isEmpty();
        }
        checkLineBreaks(originalText, migratedText, composePath);
        checkDotenv(dotenvBefore, dotenv(), secretFiles);
        for (MigrationDecision decision : planned.decisions()) {
            if (decision.action() == MigrationDecision.Action.MIGRATE && decision.finding().secret().isPresent()) {
                String name = decision.secret().orElseThrow().value();
                assertThat(secretFiles).as("secret file of %s", decision).containsKey(name);
            }
        }
        checkChangedPaths(snapshot, ProjectSnapshot.of(root), composePath);

        PlannedMigration again = Hush.migrate().root(root).plan();
        assertThat(again.plan().isEmpty() || !idempotent).as("second plan after:\n%s\nis not empty:\n%s", migratedText,
                again.plan().diff(false)).isTrue();

        if (!planned.plan().isEmpty()) {
            Hush.migrate().root(root).undo();
        }
        assertThat(ProjectSnapshot.of(root)).as("state after undo").isEqualTo(snapshot);
    }

    /**
     * Checks one service: every variable it had is still there with its value, or its value is
     * in a secret the service mounts (directly, or through {@code <KEY>_FILE}); nothing else in
     * its environment is new; its other settings are unchanged; every secret it mounts is defined.
     */
    private void checkService(String service, Map<String, String> was, Set<String> mountedBefore, ComposeModel before,
            ComposeModel after, String migratedText) throws Exception {
        Map<String, String> is = after.environment(service);
        Map<String, String> mounted = after.mountedSecrets(service);
        for (Map.Entry<String, String> variable : was.entrySet()) {
            String key = variable.getKey();
            String value = variable.getValue();
            if (is.containsKey(key)) {
                assertThat(is.get(key)).as("%s of service %s", key, service).isEqualTo(value);
                continue;
            }
            Optional<String> viaFile = List.of(key + "_FILE", key + "__FILE").stream().filter(is::containsKey).findFirst();
            if (viaFile.isPresent()) {
                String path = is.get(viaFile.get());
                assertThat(path).as("%s of service %s", viaFile.get(), service).startsWith("/run/secrets/");
                String name = path.substring("/run/secrets/".length());
                assertThat(mounted).as("secrets of service %s, for %s", service, viaFile.get()).containsKey(name);
                assertThat(mounted.get(name)).as("secret %s of service %s, which %s names", name, service, viaFile.get())
                        .isEqualTo(value);
                continue;
            }
            // The secret may be named after the key or after the .env variable the entry referred to.
            boolean moved = mounted.entrySet().stream().anyMatch(secret -> !mountedBefore.contains(secret.getKey())
                    && value.equals(secret.getValue()));
            assertThat(moved).as("%s of service %s is gone and no new secret of the service holds its value;"
                    + " secrets %s; after:\n%s", key, service, mounted.keySet(), migratedText).isTrue();
        }
        for (Map.Entry<String, String> variable : is.entrySet()) {
            if (was.containsKey(variable.getKey())) {
                continue;
            }
            String key = variable.getKey();
            assertThat(key).as("new variable of service %s", service).endsWith("_FILE");
            String original = key.endsWith("__FILE") ? key.substring(0, key.length() - 6) : key.substring(0, key.length() - 5);
            assertThat(was).as("%s of service %s replaces a variable", key, service).containsKey(original);
            assertThat(is).as("%s of service %s replaces %s", key, service, original).doesNotContainKey(original);
        }
        for (Map.Entry<String, String> secret : mounted.entrySet()) {
            assertThat(secret.getValue()).as("file of secret %s of service %s", secret.getKey(), service).isNotNull();
        }
        Map<String, Object> settingsBefore = new LinkedHashMap<>(before.service(service));
        Map<String, Object> settingsAfter = new LinkedHashMap<>(after.service(service));
        for (String key : List.of("environment", "secrets")) {
            settingsBefore.remove(key);
            settingsAfter.remove(key);
        }
        // A service whose image reads no file variable loads its values from an ignored env file, after its own.
        List<String> envFilesBefore = envFiles(settingsBefore.remove("env_file"));
        List<String> envFilesAfter = envFiles(settingsAfter.remove("env_file"));
        assertThat(envFilesAfter.subList(0, Math.min(envFilesBefore.size(), envFilesAfter.size())))
                .as("env_file of service %s", service).isEqualTo(envFilesBefore);
        assertThat(envFilesAfter.subList(envFilesBefore.size(), envFilesAfter.size()))
                .as("env files added to service %s", service).allMatch(f -> f.matches("(\\./|(\\.\\./)+)\\.secrets/.+\\.env"));
        assertThat(settingsAfter).as("settings of service %s", service).isEqualTo(settingsBefore);
    }

    private static List<String> envFiles(Object setting) {
        if (setting == null) {
            return List.of();
        }
        return setting instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(setting));
    }

    /** Checks that top-level keys other than {@code secrets} are unchanged, and each new secret reads .secrets/. */
    private void checkTopLevel(ComposeModel before, ComposeModel after) {
        Map<String, Object> was = new HashMap<>(before.document());
        Map<String, Object> is = new HashMap<>(after.document());
        // x- blocks hold anchored environment entries, which the services' checks cover.
        was.keySet().removeIf(key -> key.equals("services") || key.equals("secrets") || key.startsWith("x-"));
        is.keySet().removeIf(key -> key.equals("services") || key.equals("secrets") || key.startsWith("x-"));
        assertThat(is).as("top-level keys").isEqualTo(was);
        Set<String> used = new LinkedHashSet<>();
        for (String service : after.services()) {
            try {
                used.addAll(after.mountedSecrets(service).keySet());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        for (String name : used) {
            Optional<String> file = after.definedFile(name);
            assertThat(file).as("top-level secret %s", name).isPresent();
            if (before.definedFile(name).isEmpty()) {
                assertThat(file.get()).as("file of new secret %s", name).isEqualTo("./.secrets/" + name + ".txt");
            } else {
                assertThat(file).as("file of existing secret %s", name).isEqualTo(before.definedFile(name));
            }
        }
    }

    /** Checks that a file written with CRLF line breaks only keeps them. */
    private static void checkLineBreaks(String before, String after, String path) {
        boolean crlf = before.contains("\r\n") && before.replace("\r\n", "").indexOf('\n') < 0;
        if (crlf) {
            assertThat(after.replace("\r\n", "")).as("bare LF in %s, written with CRLF:\n%s", path,
                    after.replace("\r", "\\r")).doesNotContain("\n");
        }
    }

    /** Checks that every .env value is still there under its key, or in a secret file; and nothing new came. */
    private static void checkDotenv(Map<String, String> before, Map<String, String> after, Map<String, String> secretFiles) {
        for (Map.Entry<String, String> entry : before.entrySet()) {
            if (after.containsKey(entry.getKey())) {
                assertThat(after.get(entry.getKey())).as(".env %s", entry.getKey()).isEqualTo(entry.getValue());
            } else {
                assertThat(secretFiles.values()).as(".env %s is gone and no secret file holds its value", entry.getKey())
                        .contains(entry.getValue());
            }
        }
        assertThat(before.keySet()).as(".env keys after the migration").containsAll(after.keySet());
    }

    private void checkChangedPaths(Map<String, String> before, Map<String, String> after, String composePath) {
        List<String> unexpected = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            boolean changed = !java.util.Objects.equals(before.get(path), after.get(path));
            boolean allowed = path.equals(composePath) || path.equals(".env") || path.equals(".secrets")
                    || path.startsWith(".secrets/") || MIGRATION_FILES.contains(path);
            if (changed && !allowed) {
                unexpected.add(path);
            }
        }
        assertThat(unexpected).as("files the migration changed").isEmpty();
    }

    private Map<String, String> dotenv() throws Exception {
        Path env = root.resolve(".env");
        return Files.isRegularFile(env) ? ComposeModel.dotenv(Files.readString(env, StandardCharsets.UTF_8)) : Map.of();
    }

    private Map<String, String> secretFiles() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        Path dir = root.resolve(".secrets");
        if (Files.isDirectory(dir)) {
            try (var list = Files.list(dir)) {
                for (Path file : list.sorted().toList()) {
                    String name = file.getFileName().toString();
                    files.put(name.substring(0, name.length() - ".txt".length()),
                            Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}

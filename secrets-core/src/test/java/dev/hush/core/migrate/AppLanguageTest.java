package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checklist's reader lines are real code: each snippet runs (where the machine has the
 * language) against a temp folder standing in for {@code /run/secrets}: it reads the file first,
 * falls back to the variable, and fails naming both when neither is there.
 */
class AppLanguageTest {
    private static final SecretName NAME = SecretName.of("mysql_password");
    private static final String FROM_FILE = "hushTest-file-3b9d";
    private static final String FROM_ENV = "hushTest-env-8e2a";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "package.json, TYPESCRIPT, tsconfig.json",
        "package.json, JAVASCRIPT, ",
        "pom.xml, JAVA, ",
        "build.gradle, JAVA, ",
        "build.gradle.kts, JAVA, ",
        "requirements.txt, PYTHON, ",
        "pyproject.toml, PYTHON, ",
        "go.mod, GO, ",
        "Gemfile, SHELL, "
    })
    void findsTheLanguageFromTheBuildContext(String file, AppLanguage expected, String other) throws IOException {
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            Path context = Files.createDirectories(fs.getPath("/project/api"));
            Files.writeString(context.resolve(file), "");
            if (other != null) {
                Files.writeString(context.resolve(other), "");
            }
            assertThat(AppLanguage.of(context)).isEqualTo(expected);
        }
    }

    @Test
    void namesTheExactSecretAndTheVariableTheAppReadBefore() {
        for (AppLanguage language : AppLanguage.values()) {
            assertThat(language.snippet(NAME, "JOOMLA_DB_PASSWORD")).as(language.name())
                    .contains("/run/secrets/mysql_password", "JOOMLA_DB_PASSWORD");
        }
        assertThat(AppLanguage.JAVA.snippet(NAME, "MYSQL_PASSWORD"))
                .contains("Secrets.require(\"mysql_password\").value()");
    }

    @Test
    void theJavaScriptSnippetRunsWithNode() throws Exception {
        assumeTrue(onPath("node"), "node is not installed");
        for (AppLanguage language : List.of(AppLanguage.JAVASCRIPT, AppLanguage.TYPESCRIPT)) {
            String code = inTempSecrets(language.snippet(NAME, "DB_PASSWORD"));
            if (language == AppLanguage.TYPESCRIPT) {
                // Node 20 runs no TypeScript: drop the two annotations, the only TypeScript in the snippet.
                assertThat(code).contains("filePath: string, envKey: string");
                code = code.replace(": string", "");
            }
            Path script = tmp.resolve("read.mjs");
            Files.writeString(script, code + "process.stdout.write(mysqlPassword);\n");
            checkRuns(List.of("node", script.toString()), "DB_PASSWORD");
        }
    }

    @Test
    void thePythonSnippetRunsWithPython3() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed");
        Path script = tmp.resolve("read.py");
        Files.writeString(script, inTempSecrets(AppLanguage.PYTHON.snippet(NAME, "DB_PASSWORD"))
                + "print(mysql_password, end=\"\")\n");
        checkRuns(List.of("python3", script.toString()), "DB_PASSWORD");
    }

    @Test
    void theShellSnippetRunsWithSh() throws Exception {
        Path script = tmp.resolve("entrypoint.sh");
        Files.writeString(script, inTempSecrets(AppLanguage.SHELL.snippet(NAME, "DB_PASSWORD"))
                + "printf %s \"$DB_PASSWORD\"\n");
        checkRuns(List.of("sh", script.toString()), "DB_PASSWORD");
    }

    @Test
    void theGoSnippetCompilesAndRuns() throws Exception {
        assumeTrue(onPath("go"), "go is not installed");
        String snippet = inTempSecrets(AppLanguage.GO.snippet(NAME, "DB_PASSWORD"));
        String call = snippet.lines().filter(l -> l.startsWith("// mysqlPassword")).findFirst().orElseThrow()
                .substring(3);
        Path main = tmp.resolve("main.go");
        Files.writeString(main, "package main\n\n" + snippet + "\nfunc main() {\n\t" + call
                + "\n\tif err != nil {\n\t\tfmt.Fprintln(os.Stderr, err)\n\t\tos.Exit(1)\n\t}\n"
                + "\tfmt.Print(mysqlPassword)\n}\n");
        checkRuns(List.of("go", "run", main.toString()), "DB_PASSWORD");
    }

    /** Compiles both Java snippets against secrets-runtime's own sources and runs them with its directory property. */
    @Test
    void theJavaSnippetsCompileAgainstSecretsRuntimeAndRun() throws Exception {
        assumeTrue(onPath("javac"), "javac is not installed");
        Path runtimeSources = repositoryRoot().resolve("secrets-runtime/src/main/java");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        List<String> compile = new ArrayList<>(List.of("javac", "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(runtimeSources)) {
            files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java"))
                    .forEach(p -> compile.add(p.toString()));
        }
        assertThat(run(compile, Map.of()).exit).isZero();
        for (String key : List.of("MYSQL_PASSWORD", "DB_PASSWORD")) {
            String snippet = AppLanguage.JAVA.snippet(NAME, key);
            String imports = snippet.lines().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
            String body = snippet.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"));
            Path source = Files.createDirectories(tmp.resolve("app-" + key)).resolve("Main.java");
            Files.writeString(source, imports + "\n\npublic class Main {\n    public static void main(String[] args) {\n"
                    + body + "\n        System.out.print(mysqlPassword);\n    }\n}\n");
            Run compiled = run(List.of("javac", "-cp", classes.toString(), "-d", source.getParent().toString(),
                    source.toString()), Map.of());
            assertThat(compiled.exit).as(compiled.out).isZero();
            // The shown snippet reads /run/secrets; secrets-runtime's documented property points it at the temp folder.
            checkRuns(List.of(javaBinary(), "-Dhush.secrets.dir=" + secretsDir(), "-cp",
                    classes + File.pathSeparator + source.getParent(), "Main"), key);
        }
    }

    /** Runs {@code command}: with the secret file it prints the file's value, else the variable's, else it fails. */
    private void checkRuns(List<String> command, String key) throws Exception {
        Path file = Files.createDirectories(secretsDir()).resolve("mysql_password");
        Files.writeString(file, FROM_FILE);
        Run fromFile = run(command, Map.of(key, FROM_ENV));
        assertThat(fromFile.exit).as(fromFile.out).isZero();
        assertThat(fromFile.out).isEqualTo(FROM_FILE);

        Files.delete(file);
        Run fromEnv = run(command, Map.of(key, FROM_ENV));
        assertThat(fromEnv.exit).as(fromEnv.out).isZero();
        assertThat(fromEnv.out).isEqualTo(FROM_ENV);

        Run missing = run(command, Map.of());
        assertThat(missing.exit).as(missing.out).isNotZero();
        // secrets-runtime's own message says "secret '...' not found", the others "Missing secret".
        assertThat(missing.out.toLowerCase(java.util.Locale.ROOT)).containsAnyOf("missing secret", "not found");
        assertThat(missing.out).contains(key).doesNotContain(FROM_FILE).doesNotContain(FROM_ENV);
    }

    private Path secretsDir() {
        return tmp.resolve("run-secrets");
    }

    /** Points the snippet's fixed /run/secrets at the temp folder: the test's copy only, never the shown text. */
    private String inTempSecrets(String snippet) {
        return snippet.replace("/run/secrets/", secretsDir() + "/");
    }

    private record Run(int exit, String out) {
    }

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DB_PASSWORD");
        builder.environment().remove("MYSQL_PASSWORD");
        builder.environment().remove("MYSQL_PASSWORD_FILE");
        builder.environment().remove("HUSH_SECRETS_DIR");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Paths.get(dir, program)));
    }

    private static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path repositoryRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("secrets-runtime/src/main/java"))) {
                return dir;
            }
        }
        throw new AssertionError("secrets-runtime is not in any parent folder");
    }
}

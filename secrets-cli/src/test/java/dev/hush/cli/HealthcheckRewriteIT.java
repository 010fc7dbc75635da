package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A healthcheck that quoted a moved value reads it in the container after {@code hush migrate
 * --yes}: docker-compose still accepts the file, and the script, once Compose has turned
 * {@code $$} into {@code $}, prints in a shell exactly what the original printed.
 */
class HealthcheckRewriteIT {
    private static final String CACHE = "hushTest-cache-7c1d4e";
    private static final String ROOT = "hushTest-root-2b9f6a";

    /** Prints every place a value can stand in a shell word: attached to an option, single-, double- and unquoted. */
    private static final String SCRIPT = "printf '[%%s]' -a%s '%s x' \\\"%s y\\\" %s";

    @TempDir
    Path tmp;

    @Test
    void pointsHealthchecksAtTheSecretsAndTheyPrintWhatTheyPrintedBefore() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        String cacheScript = SCRIPT.formatted(CACHE, CACHE, CACHE, CACHE);
        String rootScript = SCRIPT.formatted(ROOT, ROOT, ROOT, ROOT);
        Files.writeString(app.resolve("compose.yaml"), """
                services:
                  cache:
                    image: example/cache:1
                    environment:
                      CACHE_PASSWORD: %s
                    healthcheck:
                      test: ["CMD-SHELL", "%s"]
                  db:
                    image: mysql:8
                    environment:
                      MYSQL_ROOT_PASSWORD: %s
                    healthcheck:
                      test: %s
                """.formatted(CACHE, cacheScript, ROOT, rootScript.replace("\\\"", "\"")));
        boolean acceptedBefore = dockerComposeAccepts(app);

        ProcessRun.Result migrated = HushProcess.run(app, "migrate", "--yes", ".");

        assertThat(migrated.exitCode()).as(migrated.all()).isZero();
        assertThat(migrated.all()).doesNotContain(CACHE).doesNotContain(ROOT);
        String compose = Files.readString(app.resolve("compose.yaml"));
        assertThat(compose).doesNotContain(CACHE).doesNotContain(ROOT).contains("$${CACHE_PASSWORD}")
                .contains("$$(cat /run/secrets/mysql_root_password)");
        assertThat(migrated.out()).doesNotContain("left for you to take out by hand");
        if (acceptedBefore) {
            assertThat(dockerComposeAccepts(app)).as("docker-compose config accepts the rewritten file").isTrue();
        }

        Map<String, Object> services = services(compose);
        String cache = shellOf(services, "cache");
        String db = shellOf(services, "db");
        Path secrets = app.resolve(".secrets");
        String expectedCache = sh(unescape(cacheScript.replace("\\\"", "\"")), Map.of());
        String expectedRoot = sh(unescape(rootScript.replace("\\\"", "\"")), Map.of());
        assertThat(expectedCache).isEqualTo("[-a" + CACHE + "][" + CACHE + " x][" + CACHE + " y][" + CACHE + "]");
        // The env file delivers CACHE_PASSWORD; the secret file is at /run/secrets in the container, here in .secrets.
        assertThat(Files.readString(secrets.resolve("cache.env"))).contains("CACHE_PASSWORD='" + CACHE + "'");
        assertThat(sh(unescape(cache), Map.of("CACHE_PASSWORD", CACHE))).isEqualTo(expectedCache);
        assertThat(sh(unescape(db).replaceAll("/run/secrets/([a-z0-9_]+)", secrets + "/$1.txt"), Map.of()))
                .isEqualTo(expectedRoot);

        ProcessRun.Result undo = HushProcess.run(app, "migrate", "--undo", ".");
        assertThat(undo.exitCode()).as(undo.all()).isZero();
        assertThat(Files.readString(app.resolve("compose.yaml"))).contains(cacheScript);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services(String compose) {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(compose);
        return (Map<String, Object>) root.get("services");
    }

    /** Returns the script a shell runs for the healthcheck of {@code service}: the string form, or the CMD-SHELL item. */
    @SuppressWarnings("unchecked")
    private static String shellOf(Map<String, Object> services, String service) {
        Object test = ((Map<String, Object>) ((Map<String, Object>) services.get(service)).get("healthcheck")).get("test");
        return test instanceof List<?> list ? (String) list.get(1) : (String) test;
    }

    /** Returns {@code text} as Compose hands it to the container: {@code $$} is a literal {@code $}. */
    private static String unescape(String text) {
        return text.replace("$$", "$");
    }

    private static String sh(String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    /** Returns whether docker-compose (v1) is installed and accepts the folder's compose file. */
    private static boolean dockerComposeAccepts(Path dir) throws IOException, InterruptedException {
        List<String> path = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
        boolean installed = path.stream().anyMatch(p -> Files.isExecutable(Path.of(p, "docker-compose")));
        assumeTrue(installed, "docker-compose not installed: its check is skipped");
        Process process = new ProcessBuilder("docker-compose", "-f", "compose.yaml", "config", "-q").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}

package dev.hush.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.cli.ProcessRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the install commands of the READMEs as a reader would, each {@code sh install} block in a
 * fresh HOME, with {@code curl} answering from the archives this build made (the release version
 * the docs name becomes the version under test), then the installed hush as the docs use it.
 * The {@code powershell install} blocks cannot run here: their archive and folder names are checked.
 */
class InstallDocsIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "README.ja.md"})
    void everyInstallBlockInstallsAHushThatScansTheExampleAndRunsTheInstalledHook(String doc) throws Exception {
        List<List<String>> blocks = blocks(doc, "sh install");
        assertThat(blocks).hasSize(2)
                .allSatisfy(block -> assertThat(String.join("\n", block)).as("the docs name the version being built")
                        .containsPattern("releases/download/v" + Pattern.quote(Installation.version().replace("-SNAPSHOT", "")) + "/"));
        Path curl = fakeCurl();
        for (List<String> block : blocks) {
            Path home = Files.createDirectories(tmp.resolve("home" + blocks.indexOf(block)));
            Map<String, String> env = new HashMap<>();
            env.put("HOME", home.toString());
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("PATH", curl.getParent() + ":/usr/bin:/bin");
            for (String command : block) {
                ProcessRun.Result result = Installation.run(List.of("/bin/sh", "-c", underTest(command)), home, env);
                assertThat(result.exitCode()).as("%s%n%s", command, result.all()).isZero();
            }
            env.put("PATH", home.resolve(".local/bin") + ":/usr/bin:/bin");
            ProcessRun.Result version = Installation.run(List.of("/bin/sh", "-c", "hush --version"), home, env);
            assertThat(version.exitCode()).as(version.all()).isZero();
            assertThat(version.out()).startsWith("hush " + Installation.version());

            ProcessRun.Result scan = Installation.run(List.of("/bin/sh", "-c", "hush scan examples/leaky-app"),
                    Installation.repository(), env);
            assertThat(scan.exitCode()).as(scan.all()).isEqualTo(1);
            assertThat(scan.out()).contains("inline-secret");

            // The pre-commit framework's 'language: system' hook: its entry, run in a repository with a staged secret.
            Path repo = Files.createDirectories(home.resolve("repo"));
            Installation.run(List.of("git", "init", "-q"), repo);
            Files.writeString(repo.resolve("app.env"), "DB_PASSWORD=hushTest-Pg-77a1c3e590\n");
            Installation.run(List.of("git", "add", "app.env"), repo);
            ProcessRun.Result hook = Installation.run(List.of("/bin/sh", "-c", systemHookEntry()), repo, env);
            assertThat(hook.exitCode()).as(hook.all()).isEqualTo(1);
            assertThat(hook.out()).contains("dotenv-secret").doesNotContain("hushTest-Pg-77a1c3e590");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "README.ja.md"})
    void powerShellBlockDownloadsTheZipThisBuildMakesAndPutsItsBinOnPath(String doc) throws Exception {
        List<List<String>> blocks = blocks(doc, "powershell install");
        assertThat(blocks).hasSize(1);
        String text = underTest(String.join("\n", blocks.get(0)));
        Matcher archive = Pattern.compile("releases/download/v[^/]+/(hush-[^ ]+\\.zip)").matcher(text);
        assertThat(archive.find()).as(text).isTrue();
        assertThat(Installation.archives().resolve(archive.group(1))).isRegularFile();
        assertThat(text).contains("Programs\\hush-" + Installation.version() + "\\bin;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/ci.md"})
    void ciJobsInstallHushWithTheReadmesTestedLines(String doc) throws Exception {
        String ci = Files.readString(Installation.repository().resolve(doc), StandardCharsets.UTF_8);
        for (String line : blocks("README.md", "sh install").get(0)) {
            assertThat(ci).contains(line);
        }
    }

    /** Returns {@code command} with the release the docs name (this build's version without -SNAPSHOT) as the version under test. */
    private static String underTest(String command) {
        String release = Installation.version().replace("-SNAPSHOT", "");
        return command.replace("v" + release + "/", "v" + Installation.version() + "/")
                .replace("hush-" + release, "hush-" + Installation.version());
    }

    /** Returns the lines of the blocks that open with {@code ```info}, one list per block. */
    private static List<List<String>> blocks(String doc, String info) throws IOException {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : Files.readAllLines(Installation.repository().resolve(doc), StandardCharsets.UTF_8)) {
            if (block == null && line.equals("```" + info)) {
                block = new ArrayList<>();
            } else if (block != null && line.startsWith("```")) {
                blocks.add(block);
                block = null;
            } else if (block != null && !line.isBlank() && !line.startsWith("#")) {
                block.add(line);
            }
        }
        return blocks;
    }

    private static String systemHookEntry() throws IOException {
        String hooks = Files.readString(Installation.repository().resolve(".pre-commit-hooks.yaml"), StandardCharsets.UTF_8);
        Matcher entry = Pattern.compile("(?m)^  entry: (.+)\\n  language: system$").matcher(hooks);
        assertThat(entry.find()).as("a language: system hook").isTrue();
        return entry.group(1);
    }

    /** Writes a {@code curl} that prints the archive of this build named by the URL's last segment. */
    private Path fakeCurl() throws IOException {
        Path curl = Files.createDirectories(tmp.resolve("fake-bin")).resolve("curl");
        Files.writeString(curl, "#!/bin/sh\nfor url; do :; done\nexec cat \"" + Installation.archives() + "/${url##*/}\"\n");
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
        return curl;
    }
}

package dev.hush.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.cli.ProcessRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unpacks each release archive into a temporary folder and runs it as a user would, with a PATH
 * that holds no Maven (and, for the self-contained archive, no Java).
 */
class ReleaseArchivesIT {
    private static final String VALUE = "hushTest-Pg-5e0c2a9b71";

    @TempDir
    Path tmp;

    private static Path archive(String suffix) {
        Path archive = Installation.archives().resolve("hush-" + Installation.version() + suffix);
        assertThat(archive).as("built by mvn package").isRegularFile();
        return archive;
    }

    private static Path selfContained() {
        return archive("-" + System.getProperty("hush.platform") + ".tar.gz");
    }

    /** Unpacks the archive named by {@code kind} and gives it the Java that a user of it would have. */
    private Installation install(String kind) throws IOException, InterruptedException {
        return switch (kind) {
            case "zip, JAVA_HOME" -> Installation.unpack(archive(".zip"), tmp).withJavaHome();
            case "tar.gz, java on PATH" -> Installation.unpack(archive(".tar.gz"), tmp).withJavaOnPath(tmp.resolve("jdk-bin"));
            case "self-contained, no Java" -> Installation.unpack(selfContained(), tmp);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip, JAVA_HOME", "tar.gz, java on PATH", "self-contained, no Java"})
    void printsTheVersionTheCommitAndTheJavaItRunsOn(String kind) throws Exception {
        Installation hush = install(kind);
        ProcessRun.Result result = hush.hush(tmp, "--version");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).startsWith("hush " + Installation.version() + " (commit ")
                .containsPattern("commit ([0-9a-f]{40}|unknown)\\)")
                .contains("Java " + (kind.startsWith("self-contained") ? runtimeFeature(hush) : Runtime.version().feature()));
        if (kind.startsWith("self-contained")) {
            assertThat(result.out()).contains(" at " + hush.home.resolve("runtime"));
        } else {
            assertThat(result.out()).contains(" at " + System.getProperty("java.home"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip, JAVA_HOME", "tar.gz, java on PATH", "self-contained, no Java"})
    void findsTheThreeCardsInTheLeakyExampleAndExitsOne(String kind) throws Exception {
        Installation hush = install(kind);
        ProcessRun.Result result = hush.hush(Installation.repository(), "scan", "examples/leaky-app");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out()).contains("inline-secret").contains("privileged").contains("docker-socket")
                .contains("compose.yaml").contains("Dockerfile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zip, JAVA_HOME", "tar.gz, java on PATH", "self-contained, no Java"})
    void stagedScanFindsAStagedSecretAndRecordsItsStartUpArchiveInTheUserCache(String kind) throws Exception {
        Installation hush = install(kind);
        Path repo = stagedRepository();
        ProcessRun.Result first = hush.hush(repo, "scan", "--staged");
        assertThat(first.exitCode()).as(first.all()).isEqualTo(1);
        assertThat(first.out()).contains("app.env").contains("dotenv-secret").doesNotContain(VALUE);
        if (Files.exists(hush.home.resolve("lib/hush.aot"))) {
            assertThat(cachedArchives(hush)).as("the packaged AOT cache serves: nothing recorded").isEmpty();
        } else {
            assertThat(cachedArchives(hush)).as("recorded on first run").isNotEmpty();
        }

        ProcessRun.Result second = hush.hush(repo, "scan", "--staged");
        assertThat(second.exitCode()).as(second.all()).isEqualTo(1);
        assertThat(second.out()).contains("dotenv-secret");
        assertThat(first.err() + second.err()).as("an archive never makes the JVM warn").doesNotContain("warning")
                .doesNotContain("CDS").doesNotContain("shared");
    }

    @Test
    void selfContainedRuntimeOfJdk25StartsFromItsPackagedAotCacheWhereverItIsUnpacked() throws Exception {
        Installation first = Installation.unpack(selfContained(), Files.createDirectories(tmp.resolve("one")));
        int feature = runtimeFeature(first);
        if (feature < 25) {
            // A JDK 17 runtime's archive of hush's classes names the jar's path: it is recorded on first run instead.
            assertThat(first.home.resolve("lib/hush.aot")).doesNotExist();
            return;
        }
        assertThat(first.home.resolve("lib/hush.aot")).as("made at package time").isRegularFile();
        Installation second = Installation.unpack(selfContained(), Files.createDirectories(tmp.resolve("two/deeper")));
        // A hook pays for every program the launcher starts: with its cache, it starts none before java.
        second.env.put("PATH", Files.createDirectories(tmp.resolve("no-tools")).toString());
        Path repo = stagedRepository();
        for (Installation hush : List.of(first, second)) {
            // AOTMode=on makes the JVM refuse to start when it cannot use the cache, instead of starting slowly.
            hush.env.put("HUSH_JAVA_OPTS", "-XX:AOTMode=on -Xlog:class+load=info:stderr");
            ProcessRun.Result result = hush.hush(repo, "scan", "--staged");
            assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
            assertThat(result.out()).contains("dotenv-secret");
            assertThat(result.err()).as("hush's classes come from the cache")
                    .contains("dev.hush.cli.Main source: shared objects file")
                    .contains("dev.hush.core.scan.GitScanCommand source: shared objects file")
                    // The cache is trained on a commit that fails too: the finding's classes are in it.
                    .contains("dev.hush.core.model.Finding source: shared objects file")
                    .doesNotContain("source: file:");
            // A stale rules.bin makes every start parse rules.yaml (about 150 ms of CPU): the hook must read the binary.
            assertThat(result.err()).as("the built-in rules come from rules.bin, not from parsing rules.yaml")
                    .doesNotContain("dev.hush.core.rules.RuleCatalogue$Parser ");
            // JGit's own shutdown hook loads its 1,100 messages (about a fifth of the scan's CPU); hush's clean-up does not.
            assertThat(result.err()).as("JGit's messages stay unloaded (JGitCleanup runs JGit's clean-up at exit)")
                    .doesNotContain("org.eclipse.jgit.internal.JGitText ")
                    .doesNotContain("org.eclipse.jgit.nls.TranslationBundle ");
            assertThat(cachedArchives(hush)).isEmpty();
        }
    }

    @Test
    void installedHookCallsTheInstalledLauncherAndWorksWithoutJavaOnPath() throws Exception {
        Installation hush = install("self-contained, no Java");
        Path repo = stagedRepository();
        ProcessRun.Result install = hush.hush(repo, "hook", "install");
        assertThat(install.exitCode()).as(install.all()).isZero();
        assertThat(Files.readString(repo.resolve(".git/hooks/pre-commit"))).contains(hush.home.resolve("bin/hush").toString());

        ProcessRun.Result hook = Installation.run(List.of("/bin/sh", ".git/hooks/pre-commit"), repo, hush.env);
        assertThat(hook.exitCode()).as(hook.all()).isEqualTo(1);
        assertThat(hook.all()).contains("dotenv-secret").doesNotContain(VALUE);
    }

    @Test
    void namesTheJavaThatIsTooOldAndExitsTwo() throws Exception {
        Installation hush = Installation.unpack(archive(".tar.gz"), tmp);
        Path old = Files.createDirectories(tmp.resolve("jdk-11/bin"));
        Files.writeString(old.resolve("java"), "#!/bin/sh\necho 'this Java must not be started' >&2\nexit 3\n");
        old.resolve("java").toFile().setExecutable(true);
        // The version on a last line without a newline: the launcher must still read it.
        Files.writeString(old.resolveSibling("release"), "IMPLEMENTOR=\"Example\"\nOS_NAME=\"Linux\"\nJAVA_VERSION=\"11.0.22\"");
        hush.env.put("JAVA_HOME", old.getParent().toString());

        ProcessRun.Result result = hush.hush(tmp, "--version");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("hush: needs Java 17 or newer, but found Java 11.0.22 at " + old.getParent().toRealPath())
                .contains("(from JAVA_HOME)").doesNotContain("must not be started");
    }

    @Test
    void saysThatNoJavaWasFoundAndExitsTwo() throws Exception {
        Installation hush = Installation.unpack(archive(".tar.gz"), tmp);
        ProcessRun.Result result = hush.hush(tmp, "--version");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("hush: no Java found").contains("Java 17 or newer");
    }

    @Test
    void refusesAJavaHomeWithoutJava() throws Exception {
        Installation hush = Installation.unpack(archive(".zip"), tmp);
        hush.env.put("JAVA_HOME", tmp.resolve("no-jdk").toString());
        ProcessRun.Result result = hush.hush(tmp, "--version");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("JAVA_HOME is " + tmp.resolve("no-jdk")).contains("has no bin/java");
    }

    @Test
    void recordsNothingAndStillRunsWhenTheCacheCannotBeWritten() throws Exception {
        Installation hush = Installation.unpack(archive(".zip"), tmp).withJavaHome();
        Path readOnly = Files.createFile(tmp.resolve("not-a-folder"));
        hush.env.put("XDG_CACHE_HOME", readOnly.toString());
        ProcessRun.Result result = hush.hush(tmp, "--version");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void everyArchiveHoldsTheSameFilesBesideItsRuntime() throws Exception {
        List<String> zip = new ArrayList<>();
        try (ZipFile file = new ZipFile(archive(".zip").toFile())) {
            file.stream().filter(entry -> !entry.isDirectory()).forEach(entry -> zip.add(entry.getName()));
        }
        String top = "hush-" + Installation.version() + "/";
        assertThat(zip).containsExactlyInAnyOrder(top + "bin/hush", top + "bin/hush.cmd", top + "bin/hush.ps1",
                top + "lib/hush.jar", top + "completion/hush.bash", top + "completion/hush.zsh", top + "LICENSE",
                top + "README");
        assertThat(tarEntries(archive(".tar.gz"))).containsExactlyInAnyOrderElementsOf(zip);
        List<String> selfContained = tarEntries(selfContained());
        assertThat(selfContained).containsAll(zip).contains(top + "runtime/bin/java", top + "runtime/lib/modules",
                top + "runtime/lib/server/classes.jsa");
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        if (runtimeFeature(Installation.unpack(selfContained(), unpacked)) >= 25) {
            assertThat(selfContained).contains(top + "lib/hush.aot");
        }
    }

    @Test
    void zipEntriesCarryTheBuildsFixedTimestampSoTwoBuildsOfOneCommitAreIdentical() throws Exception {
        Instant fixed = Instant.parse(System.getProperty("hush.outputTimestamp"));
        try (ZipFile file = new ZipFile(archive(".zip").toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                assertThat(entry.getLastModifiedTime().toInstant()).as(entry.getName()).isEqualTo(fixed);
            }
            // hush's own entries in the jar inside too (the shaded dependencies keep their released jars' times).
            Path jar = tmp.resolve("hush.jar");
            Files.copy(file.getInputStream(file.getEntry("hush-" + Installation.version() + "/lib/hush.jar")), jar);
            try (ZipFile inner = new ZipFile(jar.toFile())) {
                List<? extends ZipEntry> own = inner.stream().filter(entry -> entry.getName().startsWith("dev/hush/")).toList();
                assertThat(own).isNotEmpty().allSatisfy(entry -> assertThat(entry.getLastModifiedTime().toInstant())
                        .as(entry.getName()).isBetween(fixed.minusSeconds(86_400), fixed.plusSeconds(86_400)));
            }
        }
    }

    @Test
    void windowsLaunchersRunTheArchivesJarAndPassEveryArgumentQuoted() throws Exception {
        // Not run on Windows by these tests (no cmd.exe or PowerShell here): their text is checked instead.
        Path bin = Installation.unpack(archive(".zip"), tmp).home.resolve("bin");
        String cmd = Files.readString(bin.resolve("hush.cmd"), StandardCharsets.UTF_8);
        String ps1 = Files.readString(bin.resolve("hush.ps1"), StandardCharsets.UTF_8);
        for (String script : List.of(cmd, ps1)) {
            assertThat(script).as("CRLF line ends").doesNotContainPattern("[^\r]\n")
                    .doesNotContain("@project.version@").contains("hush\\" + Installation.version())
                    .contains("-Dhush.launcher=").contains("runtime\\bin\\java.exe").contains("JAVA_HOME");
        }
        // %~dp0 ends in a backslash; "..." around every expansion keeps paths with spaces one word.
        assertThat(cmd).contains("set \"HUSH_HOME=%~dp0..\"").contains("set \"HUSH_JAR=%HUSH_HOME%\\lib\\hush.jar\"")
                .contains("-jar \"%HUSH_JAR%\" %*").doesNotContain("-jar %HUSH_JAR%")
                // The AOT cache is made with -cp and the main class; -jar would open the jar twice.
                .contains("hush.aot\" %HUSH_JAVA_OPTS% -cp \"%HUSH_JAR%\" dev.hush.cli.Main %*");
        // PowerShell passes each element of @args as one argument, spaces and all.
        assertThat(ps1).contains("$jar = Join-Path $hushHome 'lib\\hush.jar'").contains("-jar $jar @args")
                .contains("\"-XX:AOTCache=$aot\" -cp $jar dev.hush.cli.Main @args")
                .contains("exit $LASTEXITCODE");
    }

    private Path stagedRepository() throws IOException, InterruptedException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Installation.run(List.of("git", "init", "-q"), repo);
        Files.writeString(repo.resolve("app.env"), "DB_PASSWORD=" + VALUE + "\n");
        Installation.run(List.of("git", "add", "app.env"), repo);
        return repo;
    }

    /** Returns the feature version of the runtime a self-contained installation brings, from its release file. */
    private static int runtimeFeature(Installation hush) throws IOException {
        String release = Files.readString(hush.home.resolve("runtime/release"), StandardCharsets.UTF_8);
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
        assertThat(version.find()).as(release).isTrue();
        return Integer.parseInt(version.group(1));
    }

    private List<Path> cachedArchives(Installation hush) throws IOException {
        Path cache = Path.of(hush.env.get("HOME"), ".cache", "hush");
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(path -> path.toString().endsWith(".jsa")).toList();
        }
    }

    private List<String> tarEntries(Path archive) throws IOException, InterruptedException {
        Path list = tmp.resolve("entries.txt");
        Installation.run(List.of("sh", "-c", "tar -tzf \"$0\" > \"$1\"", archive.toString(), list.toString()), tmp);
        return Files.readAllLines(list).stream().filter(name -> !name.endsWith("/")).toList();
    }
}

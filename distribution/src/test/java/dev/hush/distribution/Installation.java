package dev.hush.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.cli.ProcessRun;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A release archive unpacked into a folder, run as a user runs it: its launcher as a process,
 * with an environment of the test's choosing (no Maven on PATH, and Java only where asked).
 */
final class Installation {
    /** The POSIX tools the sh launcher uses; a PATH of only these holds neither Java nor Maven. */
    private static final List<String> LAUNCHER_TOOLS = List.of("dirname", "ls", "sed", "cksum", "cut", "mkdir", "mv", "rm");

    final Path home;
    final Map<String, String> env = new HashMap<>();

    private Installation(Path home) {
        this.home = home;
    }

    /** Returns the folder that the build wrote the archives to. */
    static Path archives() {
        return Path.of(property("hush.archives"));
    }

    /** Returns the version the archives were built as. */
    static String version() {
        return property("hush.version");
    }

    /** Returns the root of this repository. */
    static Path repository() {
        return Path.of(property("hush.repository")).normalize();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " system property not set; run the archive tests with 'mvn verify'");
        }
        return value;
    }

    /**
     * Unpacks {@code archive} into {@code target} and returns the installation, with a PATH of only
     * the launcher's POSIX tools, a HOME and cache of its own, and no JAVA_HOME.
     */
    static Installation unpack(Path archive, Path target) throws IOException, InterruptedException {
        if (archive.getFileName().toString().endsWith(".zip")) {
            unzip(archive, target);
        } else {
            run(List.of("tar", "-xzf", archive.toString(), "-C", target.toString()), target);
        }
        Installation installation = new Installation(target.resolve("hush-" + version()));
        assertThat(installation.home.resolve("bin/hush")).isExecutable();
        Path tools = Files.createDirectories(target.resolve("tools"));
        for (String tool : LAUNCHER_TOOLS) {
            Files.createSymbolicLink(tools.resolve(tool), onPath(tool));
        }
        installation.env.put("PATH", tools.toString());
        installation.env.put("HOME", Files.createDirectories(target.resolve("home")).toString());
        return installation;
    }

    /** Unpacks a zip with each entry's Unix mode, as unzip would (java.util.zip drops the modes). */
    private static void unzip(Path archive, Path target) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + archive.toUri()),
                Map.of("enablePosixFileAttributes", "true"))) {
            Path root = zip.getPath("/");
            try (Stream<Path> entries = Files.walk(root)) {
                for (Path entry : entries.toList()) {
                    Path to = target.resolve(root.relativize(entry).toString());
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(entry, to);
                    }
                    Files.setPosixFilePermissions(to, Files.getFileAttributeView(entry, PosixFileAttributeView.class)
                            .readAttributes().permissions());
                }
            }
        }
    }

    /** Puts a {@code java} from the JVM running the tests on the installation's PATH. */
    Installation withJavaOnPath(Path folder) throws IOException {
        Path bin = Files.createDirectories(folder);
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        env.put("PATH", env.get("PATH") + ":" + bin);
        return this;
    }

    /** Sets JAVA_HOME to the JVM running the tests. */
    Installation withJavaHome() {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return this;
    }

    /** Runs the installed {@code bin/hush} in {@code dir}. */
    ProcessRun.Result hush(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/hush").toString()));
        command.addAll(List.of(args));
        return run(command, dir, env);
    }

    /** Runs {@code command} in {@code dir} with exactly {@code env} as its environment. */
    static ProcessRun.Result run(List<String> command, Path dir, Map<String, String> env)
            throws IOException, InterruptedException {
        return ProcessRun.run(command, dir, env, true);
    }

    /** Runs a setup command with the test's own environment and fails the test when it fails. */
    static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessRun.Result result = run(command, dir, System.getenv());
        assertThat(result.exitCode()).as("%s%n%s", command, result.all()).isZero();
    }

    /** Returns where {@code tool} is on the test's own PATH. */
    static Path onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":"))
                .map(dir -> Path.of(dir, tool))
                .filter(path -> Files.isExecutable(path) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(tool + " is not on PATH"));
    }
}

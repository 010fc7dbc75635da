package dev.hush.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code hush.jar} as a user would: arguments in; exit code, stdout and stderr out. */
final class HushProcess {
    /** What one run of hush gave. */
    record Result(int exitCode, String out, String err) {
        /** Returns stdout and stderr together, for assertions about what the user saw. */
        String all() {
            return out + err;
        }
    }

    private HushProcess() {
    }

    /** Returns the jar that failsafe points at, built by this module's package phase. */
    static Path jar() {
        String jar = System.getProperty("hush.jar");
        if (jar == null) {
            throw new IllegalStateException("hush.jar system property not set; run the end-to-end tests with 'mvn verify'");
        }
        return Path.of(jar);
    }

    /** Runs hush in {@code dir} with {@code args}, without a terminal, and waits for it. */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, Map.of(), args);
    }

    /** Runs hush in {@code dir} with extra environment variables. */
    static Result run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(dir, env, new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString())), args);
    }

    /**
     * Runs the test class {@code main} on the jar's class path followed by the test classes', for
     * a test that adds to hush what must not ship in the jar.
     */
    static Result runMain(Path dir, Class<?> main, String... args) throws IOException, InterruptedException {
        String testClasses;
        try {
            testClasses = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return start(dir, Map.of(), new ArrayList<>(List.of(javaBinary(), "-cp",
                jar() + java.io.File.pathSeparator + testClasses, main.getName())), args);
    }

    private static Result start(Path dir, Map<String, String> env, List<String> command, String... args)
            throws IOException, InterruptedException {
        command.addAll(List.of(args));
        Path out = Files.createTempFile("hush-out", ".txt");
        Path err = Files.createTempFile("hush-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("hush " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

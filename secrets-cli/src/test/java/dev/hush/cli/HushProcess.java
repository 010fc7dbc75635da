package dev.hush.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the built {@code hush.jar} as a user would: arguments in; exit code, stdout and stderr out. */
final class HushProcess {
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
    static ProcessRun.Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, Map.of(), args);
    }

    /** Runs hush in {@code dir} with extra environment variables. */
    static ProcessRun.Result run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(dir, env, new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString())), args);
    }

    /**
     * Runs the test class {@code main} on the jar's class path followed by the test classes', for
     * a test that adds to hush what must not ship in the jar.
     */
    static ProcessRun.Result runMain(Path dir, Class<?> main, String... args) throws IOException, InterruptedException {
        String testClasses;
        try {
            testClasses = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return start(dir, Map.of(), new ArrayList<>(List.of(javaBinary(), "-cp",
                jar() + java.io.File.pathSeparator + testClasses, main.getName())), args);
    }

    private static ProcessRun.Result start(Path dir, Map<String, String> env, List<String> command, String... args)
            throws IOException, InterruptedException {
        command.addAll(List.of(args));
        return ProcessRun.run(command, dir, env, false);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

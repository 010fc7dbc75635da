package dev.hush.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Says how to start this hush again from a git hook: the launcher script that started us
 * ({@code bin/hush} of this repository or of an installed release; it passes its own path as
 * the system property {@value #LAUNCHER_PROPERTY}), else this JVM on this jar with the start-up
 * flags that {@code bin/hush} uses.
 */
final class Launcher {
    /**
     * The JVM flags for short runs: no second JIT tier and the serial collector (a scan is
     * over before either pays off), and a class-data-sharing archive when there is one; a
     * missing or stale archive is ignored silently rather than failing the hook.
     */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /**
     * The JVM flag for a hook's scan ({@code --staged}, {@code --diff}), after {@link #JVM_FLAGS}:
     * C1 compiles later, so a scan of a few files pays for fewer compiles it never repays.
     */
    static final String HOOK_SCAN_FLAG = "-XX:CompileThresholdScaling=5";

    /** The system property in which a launcher script names itself. */
    static final String LAUNCHER_PROPERTY = "hush.launcher";

    private Launcher() {
    }

    /** Returns the shell command, quoted for {@code sh}, that starts this hush for a hook's scan. */
    static String command() {
        String launcher = System.getProperty(LAUNCHER_PROPERTY);
        if (launcher != null && Files.isExecutable(Path.of(launcher))) {
            return quote(Path.of(launcher).toAbsolutePath().toString());
        }
        List<String> words = new ArrayList<>();
        words.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        words.addAll(JVM_FLAGS);
        words.add(HOOK_SCAN_FLAG);
        Optional<Path> jar = jar();
        if (jar.isPresent()) {
            Path archive = jar.get().resolveSibling("hush.jsa");
            if (Files.isRegularFile(archive)) {
                words.add("-XX:SharedArchiveFile=" + archive);
            }
            words.add("-jar");
            words.add(jar.get().toString());
        } else {
            words.add("-cp");
            words.add(System.getProperty("java.class.path"));
            words.add(Main.class.getName());
        }
        return String.join(" ", words.stream().map(Launcher::quote).toList());
    }

    /** Returns the jar this class was loaded from, or nothing when it runs from a classes folder. */
    private static Optional<Path> jar() {
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Quotes {@code word} for {@code sh}: single quotes, each inner one written as {@code '\''}. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

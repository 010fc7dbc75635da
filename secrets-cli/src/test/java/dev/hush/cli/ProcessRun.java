package dev.hush.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a process without a terminal and waits for it: what the end-to-end tests
 * of the CLI ({@link HushProcess}) and of the release archives run hush with. Shipped in this
 * module's test jar, which the distribution module's tests read.
 */
public final class ProcessRun {
    /** How long a run may take before the test fails. */
    private static final long TIMEOUT_SECONDS = 120;

    /** What one run gave. */
    public record Result(int exitCode, String out, String err) {
        /** Returns stdout and stderr together, for assertions about what the user saw. */
        public String all() {
            return out + err;
        }
    }

    private ProcessRun() {
    }

    /**
     * Runs {@code command} in {@code dir}, stdin empty, and returns what it gave.
     *
     * @param env the environment variables to set
     * @param onlyThese whether {@code env} is the whole environment, rather than added to the test's own
     */
    public static Result run(List<String> command, Path dir, Map<String, String> env, boolean onlyThese)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("hush-out", ".txt");
        Path err = Files.createTempFile("hush-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (onlyThese) {
                builder.environment().clear();
            }
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

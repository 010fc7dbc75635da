package dev.hush.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans big generated inputs in a JVM with a fixed heap: an {@link OutOfMemoryError} ends that
 * JVM ({@code -XX:+ExitOnOutOfMemoryError}) and fails the test. Runs only with {@code -Pload};
 * the numbers are in docs/reliability.md.
 */
@Tag("load")
class UnderLoadTest {
    /** What one {@link LoadRun} measured. */
    record Measured(long wallMs, long cpuMs, long peakHeapMb, long findings, long files, long errors, long generateMs) {
        double cores() {
            return (double) cpuMs / Math.max(1, wallMs);
        }
    }

    @TempDir
    Path temp;

    private static Measured run(String heap, String command, Path folder, long generateMs) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> args = new ArrayList<>(List.of(java.toString(), heap, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), LoadRun.class.getName(), command, folder.toString()));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        String[] f = result.split(" ");
        Measured measured = new Measured(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), generateMs);
        // Surefire keeps this in the test's output file: the numbers that docs/reliability.md reports.
        System.out.println(command + " " + folder.getFileName() + " " + heap + ": " + measured
                + String.format(" cores=%.2f", measured.cores()));
        return measured;
    }

    /**
     * Asserts that the scan kept both cores busy, when it could: on a machine that other work
     * already loads, a CPU-time to wall-time ratio measures the neighbours, not hush.
     */
    private static void assertUsedBothCores(Measured measured, double loadBefore) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores >= 2 && loadBefore < 1.0) {
            assertThat(measured.cores()).isGreaterThan(1.5);
        } else {
            System.out.printf("not checking cores=%.2f: %d cores, load average %.2f before the scan%n",
                    measured.cores(), cores, loadBefore);
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long since(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void scansTwoHundredThousandSmallFilesInHalfAGigabyteOnBothCores() throws Exception {
        Path tree = temp.resolve("small-files");
        long start = System.nanoTime();
        LoadData.smallFiles(tree, 200_000);

        double load = loadAverage();
        Measured measured = run("-Xmx512m", "scan", tree, since(start));

        assertThat(measured.files()).isEqualTo(200_000);
        assertThat(measured.findings()).isEqualTo(200);
        assertThat(measured.errors()).isZero();
        assertUsedBothCores(measured, load);
    }

    @Test
    void scansATwoGigabyteTreeInHalfAGigabyteOnBothCores() throws Exception {
        Path tree = temp.resolve("two-gigabytes");
        long start = System.nanoTime();
        LoadData.bigTree(tree, 2L * 1000 * 1000 * 1000);

        double load = loadAverage();
        Measured measured = run("-Xmx512m", "scan", tree, since(start));

        assertThat(measured.errors()).isZero();
        assertUsedBothCores(measured, load);
    }

    @Test
    void scansAHundredThousandCommitsInOneGigabyte() throws Exception {
        Path repo = temp.resolve("history.git");
        long start = System.nanoTime();
        LoadData.history(repo, 100_000);

        Measured measured = run("-Xmx1g", "history", repo, since(start));

        assertThat(measured.files()).as("commits walked").isEqualTo(100_000);
        assertThat(measured.findings()).isEqualTo(10);
        assertThat(measured.errors()).isZero();
    }
}

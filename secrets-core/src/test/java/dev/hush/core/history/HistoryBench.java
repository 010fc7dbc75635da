package dev.hush.core.history;

import dev.hush.core.Hush;
import dev.hush.core.config.HushConfig;
import dev.hush.core.git.GitRepositories;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a history scan and prints its throughput, for {@code scripts/bench-history}; with a
 * {@code planted.tsv} (value, introducing commit, path per line) it also checks that each
 * planted secret was found at the commit that introduced it, and exits 1 when one was not.
 *
 * <p>Usage: {@code HistoryBench <repository> [planted.tsv]}.
 */
public final class HistoryBench {
    private HistoryBench() {
    }

    /** Scans {@code args[0]} and prints what it measured. */
    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args[0]);
        long opening = System.nanoTime();
        GitRepositories.open(repository).close();
        long openMillis = (System.nanoTime() - opening) / 1_000_000;

        long[] walkEnd = {0};
        long scanStart = System.nanoTime();
        HistoryReport report = Hush.history().repository(repository).config(HushConfig.defaults())
                .progress(status -> {
                    if (status.phase() == HistoryProgress.Phase.WALKING) {
                        walkEnd[0] = System.nanoTime();
                    }
                })
                .call();
        HistoryReport.Stats stats = report.stats();
        double seconds = stats.millis() / 1000.0;
        System.out.printf("hush history: %d commits, %d blobs (%d binary, %d oversized), %.1f MB in %.2f s"
                        + " = %.1f MB/s; %d findings, %d errors; opening the repository took %d ms; heap max %d MB%n",
                stats.commitsWalked(), stats.blobsScanned(), stats.binarySkipped(), stats.oversizedSkipped(),
                stats.bytesScanned() / 1e6, seconds, stats.bytesScanned() / 1e6 / seconds, report.findings().size(),
                report.errors().size(), openMillis, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("  walking commits and trees: %d ms; reading and analysing blobs: %d ms%n",
                (walkEnd[0] - scanStart) / 1_000_000, (System.nanoTime() - walkEnd[0]) / 1_000_000);
        System.out.println("HUSH_MILLIS=" + stats.millis());
        report.errors().stream().limit(5).forEach(e -> System.out.println("error: " + e));
        if (args.length < 2) {
            return;
        }
        int wrong = 0;
        List<String> planted = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        for (String line : planted) {
            String[] parts = line.split("\t");
            String value = parts[0];
            String commit = parts[1];
            HistoryFinding found = report.findings().stream()
                    .filter(f -> f.finding().secret().map(s -> s.reveal().equals(value)).orElse(false))
                    .findFirst().orElse(null);
            String preview = value.substring(0, 8) + "…";
            if (found == null) {
                System.out.println("MISSING  " + preview + " planted in " + commit.substring(0, 12) + " " + parts[2]);
                wrong++;
            } else if (!found.finding().location().commit().orElseThrow().id().equals(commit)) {
                System.out.println("WRONG    " + preview + " reported at " + found.finding().location()
                        + ", planted in " + commit.substring(0, 12));
                wrong++;
            } else {
                System.out.println("found    " + preview + " at " + found.finding().location() + " ("
                        + found.occurrences() + " occurrences, inHead=" + found.inHead() + ")");
            }
        }
        System.out.println((planted.size() - wrong) + "/" + planted.size()
                + " planted secrets found at the commit that introduced them");
        if (wrong > 0) {
            System.exit(1);
        }
    }
}

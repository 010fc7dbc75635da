package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.config.HushConfig;
import dev.hush.core.testing.CodeLikeText;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks that a minified file, all on one line, scans in about the time of the same bytes on
 * short lines: the search must not walk the line once per keyword it holds.
 */
class LongLineScanTest {
    private static final Detector DETECTOR = Detector.create(HushConfig.defaults());
    private static final int SIZE = 3 * 1024 * 1024;

    @Test
    void scansAMultiMegabyteSingleLineInTimeLinearInItsSize() {
        String lines = denseCodeLines();
        byte[] multiLine = lines.getBytes(StandardCharsets.UTF_8);
        // The same bytes with every line break turned into a space: one line of 3 MB, as a bundle is.
        byte[] oneLine = lines.replace('\n', ' ').getBytes(StandardCharsets.UTF_8);
        analyze("warm-up.js", multiLine);
        analyze("warm-up.min.js", oneLine);

        long multi = bestCpuNanos("app.js", multiLine);
        long single = bestCpuNanos("app.min.js", oneLine);

        System.out.printf("3 MB of code: %d ms on short lines, %d ms on one line (%.1fx)%n",
                multi / 1_000_000, single / 1_000_000, (double) single / multi);
        // Walking the line per keyword made this ratio grow with the size: about 40x at 2 MB.
        assertThat((double) single / multi).as("one-line time / multi-line time").isLessThan(3.0);
    }

    /** Code-like lines with a keyword of a rule every few words, as a minified bundle has. */
    private static String denseCodeLines() {
        SplittableRandom random = new SplittableRandom(13);
        StringBuilder text = new StringBuilder(SIZE + 1024);
        String[] keyed = {"token.key=auth;", "options.password=o.p;", "secretName:n,", "apiKey:k.apiKey,"};
        while (text.length() < SIZE) {
            text.append(CodeLikeText.lines(random, 400));
            text.append(keyed[random.nextInt(keyed.length)]).append('\n');
        }
        return text.toString();
    }

    private static long bestCpuNanos(String path, byte[] content) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = threads.getCurrentThreadCpuTime();
            analyze(path, content);
            best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
        }
        return best;
    }

    private static void analyze(String path, byte[] content) {
        Detector.Result result = DETECTOR.analyze(path, content, GitFacts.COMMITTED, false);
        assertThat(result.errors()).isEmpty();
    }
}

package dev.hush.core.scan;

import dev.hush.core.rules.BuiltInRules;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.Sample;
import dev.hush.core.testing.CodeLikeText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the reproducible tree that {@code scripts/bench-scan} times: code-like filler
 * ({@link CodeLikeText}, with the near-misses that make generic scanners noisy), plus one planted file per true sample of every rule. It writes
 * {@code planted.tsv} (path, line, rule) beside the tree so the script can measure recall.
 *
 * <p>Usage: {@code BenchTree OUT_DIR SIZE_MB}. The same arguments always give the same bytes.
 */
public final class BenchTree {
    private BenchTree() {
    }

    /** Writes the tree to {@code args[0]}, about {@code args[1]} MB of filler plus the planted files. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long targetBytes = Long.parseLong(args.length > 1 ? args[1] : "200") * 1_000_000L;
        Random random = new Random(20261130L);
        Files.createDirectories(out);
        long written = 0;
        int file = 0;
        while (written < targetBytes) {
            Path dir = out.resolve(String.format("svc-%03d", file / 40)).resolve(String.format("pkg%02d", file % 7));
            Files.createDirectories(dir);
            String[] kinds = {"java", "js", "py", "go", "yaml", "md"};
            String kind = kinds[file % kinds.length];
            written += writeFiller(dir.resolve("file" + file + "." + kind), random, 20_000 + random.nextInt(60_000));
            file++;
        }
        int planted = writePlanted(out);
        System.out.printf("wrote %d filler files (%.1f MB) and %d planted samples to %s%n",
                file, written / 1e6, planted, out);
    }

    private static long writeFiller(Path file, Random random, int size) throws IOException {
        byte[] bytes = CodeLikeText.lines(random, size).getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        return bytes.length;
    }

    /** Writes each true sample of each rule into its own folder; returns how many were planted. */
    private static int writePlanted(Path out) throws IOException {
        List<String> rows = new ArrayList<>();
        for (Rule rule : BuiltInRules.withSamples().rules()) {
            List<Sample> positives = rule.samples().positives();
            for (int i = 0; i < positives.size(); i++) {
                Sample sample = positives.get(i);
                String name = rule.samples().path().orElse(rule.paths().isEmpty() ? "settings.txt" : null);
                if (name == null) {
                    continue;
                }
                String relative = "planted/" + rule.id() + "-" + i + "/" + name;
                Path file = out.resolve(relative);
                Files.createDirectories(file.getParent());
                Files.writeString(file, sample.text().endsWith("\n") ? sample.text() : sample.text() + "\n");
                int line = sample.secret()
                        .map(secret -> lineOf(sample.text(), sample.text().indexOf(secret)))
                        .orElse(0);
                rows.add(relative + "\t" + line + "\t" + rule.id());
            }
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out.resolveSibling(out.getFileName() + ".planted.tsv"))) {
            for (String row : rows) {
                writer.write(row);
                writer.newLine();
            }
        }
        return rows.size();
    }

    private static int lineOf(String text, int offset) {
        if (offset < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}

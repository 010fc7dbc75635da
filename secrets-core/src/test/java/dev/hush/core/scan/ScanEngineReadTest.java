package dev.hush.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.detect.Detector;
import dev.hush.core.detect.GitFacts;
import dev.hush.core.model.SkippedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine reads a file on disk to its end, whatever size the source saw it at. */
class ScanEngineReadTest {
    @TempDir
    Path root;

    @Test
    void readsEachFileToItsEndWhateverSizeTheSourceSaw() throws IOException {
        byte[] grown = new byte[200_000];
        Arrays.fill(grown, (byte) 'g');
        byte[] shrunk = "short\n".getBytes();
        byte[] unsized = new byte[70_000];
        Arrays.fill(unsized, (byte) 'u');
        Files.write(root.resolve("grown.txt"), grown);
        Files.write(root.resolve("shrunk.txt"), shrunk);
        Files.write(root.resolve("unsized.txt"), unsized);
        // The sizes a walk may have seen before the files changed, and none (an env_file's).
        Map<String, Long> seen = Map.of("grown.txt", 3L, "shrunk.txt", 100L, "unsized.txt", 0L);
        Map<String, byte[]> analysed = new ConcurrentHashMap<>();
        ScanEngine engine = ScanEngine.forBlobs((path, content, length, git, asDotenv) -> {
            analysed.put(path, Arrays.copyOf(content, length));
            return new Detector.Result(List.of(), List.of(), List.of(), false);
        });
        Source source = new Source() {
            @Override
            public List<SkippedFile> offer(Consumer<Fragment> files) {
                seen.forEach((path, size) -> files.accept(Fragment.onDisk(path, root.resolve(path), size, GitFacts.COMMITTED)));
                return List.of();
            }
        };

        ScanEngine.Analysis analysis = engine.analyse(source);

        assertThat(analysed.get("grown.txt")).isEqualTo(grown);
        assertThat(analysed.get("shrunk.txt")).isEqualTo(shrunk);
        assertThat(analysed.get("unsized.txt")).isEqualTo(unsized);
        assertThat(analysis.outcomes()).extracting(ScanEngine.Outcome::size)
                .containsExactlyInAnyOrder((long) grown.length, (long) shrunk.length, (long) unsized.length);
    }
}

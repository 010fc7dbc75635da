package dev.hush.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RotatingSecretTest {

    private static final FileTime NOON = FileTime.fromMillis(1_700_000_000_000L);

    private FileSystem fs;
    private Path secrets;
    private Path file;

    @BeforeEach
    void createFileSystem() throws IOException {
        fs = Jimfs.newFileSystem(Configuration.unix());
        secrets = Files.createDirectories(fs.getPath("/run/secrets"));
        file = secrets.resolve("jwt_secret");
    }

    @AfterEach
    void closeFileSystem() throws IOException {
        fs.close();
    }

    private SecretReader reader(Map<String, String> environment) {
        return Secrets.reader().directory(secrets).environment(environment).build();
    }

    private void overwrite(String content, FileTime modified) throws IOException {
        Files.write(file, content.getBytes(UTF_8));
        Files.setLastModifiedTime(file, modified);
    }

    @Test
    void supplierRereadsOnlyWhenFileChanges() throws IOException {
        overwrite("first", NOON);
        Supplier<Secret> supplier = reader(Map.of()).supplier("jwt_secret");
        assertThat(supplier.get().value()).isEqualTo("first");

        // Same size, same time: the supplier must not look at the content.
        overwrite("fresh", NOON);
        assertThat(supplier.get().value()).isEqualTo("first");

        overwrite("fresh", FileTime.fromMillis(NOON.toMillis() + 1000));
        assertThat(supplier.get().value()).isEqualTo("fresh");
    }

    @Test
    void supplierRereadsWhenOnlyTheSizeChanges() throws IOException {
        overwrite("first", NOON);
        Supplier<Secret> supplier = reader(Map.of()).supplier("jwt_secret");
        supplier.get();

        overwrite("longer value", NOON);

        assertThat(supplier.get().value()).isEqualTo("longer value");
    }

    @Test
    void supplierFollowsKubernetesStyleLinkSwap() throws IOException {
        Path first = Files.createDirectory(secrets.resolve("..v1"));
        Files.write(first.resolve("jwt_secret"), "first".getBytes(UTF_8));
        Files.setLastModifiedTime(first.resolve("jwt_secret"), NOON);
        Files.createSymbolicLink(secrets.resolve("..data"), fs.getPath("..v1"));
        Files.createSymbolicLink(file, fs.getPath("..data/jwt_secret"));
        Supplier<Secret> supplier = reader(Map.of()).supplier("jwt_secret");
        assertThat(supplier.get().value()).isEqualTo("first");

        // The kubelet writes a new timestamped directory and swaps ..data atomically.
        Path second = Files.createDirectory(secrets.resolve("..v2"));
        Files.write(second.resolve("jwt_secret"), "fresh".getBytes(UTF_8));
        Files.setLastModifiedTime(second.resolve("jwt_secret"), NOON);
        Path swap = Files.createSymbolicLink(secrets.resolve("..data_tmp"), fs.getPath("..v2"));
        Files.move(swap, secrets.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);

        assertThat(supplier.get().value()).isEqualTo("fresh");
    }

    @Test
    void supplierKeepsVariableValueEvenWhenAFileAppears() throws IOException {
        Supplier<Secret> supplier = reader(Map.of("JWT_SECRET", "from-env")).supplier("jwt_secret");
        assertThat(supplier.get().source()).isEqualTo("JWT_SECRET");

        overwrite("from-file", NOON);

        assertThat(supplier.get().value()).isEqualTo("from-env");
    }

    @Test
    void supplierFailsLikeRequireWhenTheFileIsGone() throws IOException {
        overwrite("first", NOON);
        Supplier<Secret> supplier = reader(Map.of()).supplier("jwt_secret");
        supplier.get();

        Files.delete(file);

        assertThatThrownBy(supplier::get).isInstanceOf(MissingSecretException.class);
    }

    @Test
    void supplierReadsNothingUntilFirstCalled() throws IOException {
        Supplier<Secret> supplier = reader(Map.of()).supplier("jwt_secret");

        overwrite("written-later", NOON);

        assertThat(supplier.get().value()).isEqualTo("written-later");
    }

    @Test
    void supplierGivesOnlyWholeValuesWhileTheFileRotatesUnderConcurrentReaders() throws Exception {
        overwrite("value-0", NOON);
        Supplier<Secret> supplier = reader(Map.of()).supplier("jwt_secret");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch rotated = new CountDownLatch(1);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                readers.add(pool.submit(() -> {
                    do {
                        seen.add(supplier.get().value());
                    } while (rotated.getCount() > 0);
                    seen.add(supplier.get().value());
                    return null;
                }));
            }
            for (int round = 1; round <= 50; round++) {
                // Write beside, then rename: readers see the old file or the new one, never half.
                Path next = Files.write(secrets.resolve("next"), ("value-" + round).getBytes(UTF_8));
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            rotated.countDown();
            for (Future<?> reader : readers) {
                reader.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(seen).allMatch(value -> value.matches("value-\\d+")).contains("value-50");
    }
}

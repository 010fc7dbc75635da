package dev.hush.core.migrate.apply;

import static dev.hush.core.migrate.SamplePlan.COMPOSE;
import static dev.hush.core.migrate.SamplePlan.MIGRATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hush.core.migrate.MigrationException;
import dev.hush.core.migrate.ProjectSnapshot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 item 7: a full disk, on a real 64 KiB tmpfs (mounting one needs root; else these tests are skipped). */
class FullDiskTest {
    private static final int PAGE = 4096;

    @TempDir
    Path mount;

    private Path root;
    private Path filler;

    @BeforeEach
    void mountATinyDisk() throws Exception {
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()) == 0,
                "cannot mount a tmpfs here");
        root = Files.createDirectory(mount.resolve("project"));
        Files.writeString(root.resolve("compose.yaml"), COMPOSE);
        filler = mount.resolve("filler");
    }

    @AfterEach
    void unmount() throws Exception {
        if (root != null) {
            run("umount", mount.toString());
        }
    }

    /** Fills the disk, then frees {@code pages} pages. */
    private void leaveFree(int pages) throws IOException {
        Files.deleteIfExists(filler);
        long size = 0;
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
            byte[] page = new byte[PAGE];
            try {
                while (true) {
                    file.write(page);
                    size += PAGE;
                }
            } catch (IOException full) {
                // Full.
            }
            file.getFD().sync();
            file.setLength(Math.max(0, size - (long) pages * PAGE));
        }
    }

    @Test
    void aFullDiskWhileTakingTheLockLeavesNoLockBehind() throws Exception {
        Files.createDirectories(root.resolve(".hush"));
        leaveFree(0);
        assertThatThrownBy(() -> ProjectLock.acquire(root.resolve(".hush"))).isInstanceOf(IOException.class)
                .hasMessageContaining("No space left on device");
        try (var files = Files.list(root.resolve(".hush"))) {
            assertThat(files).isEmpty();
        }
        Files.delete(filler);
        ProjectLock.acquire(root.resolve(".hush")).close();
    }

    @Test
    void aFullDiskAtAnyPointOfTheApplyChangesNothingAndSaysSo() throws Exception {
        Map<String, String> before = ProjectSnapshot.of(root);
        int failures = 0;
        for (int pages = 0; pages <= 10; pages++) {
            leaveFree(pages);
            try {
                MigrationTransaction.create().apply(root, MigrationTransactionTest.plan());
                assertThat(Files.readString(root.resolve("compose.yaml"))).isEqualTo(MIGRATED);
                break;
            } catch (MigrationException e) {
                failures++;
                assertThat(e.getMessage()).as("with " + pages + " pages free")
                        .containsAnyOf("nothing was changed", "nothing changed")
                        .doesNotContain("rollback (").doesNotContain("rollback failed");
                assertThat(ProjectSnapshot.of(root)).as("with " + pages + " pages free").isEqualTo(before);
                assertThat(root.resolve(".hush/lock")).doesNotExist();
            }
        }
        System.out.println("FullDiskTest: the apply failed cleanly with 0.." + (failures - 1) + " pages free, then succeeded");
        assertThat(failures).isGreaterThan(1);
        Files.delete(filler);
        MigrationTransaction.create().undo(root);
        assertThat(ProjectSnapshot.of(root)).isEqualTo(before);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}

package dev.hush.core.migrate.apply;

import static dev.hush.core.migrate.SamplePlan.COMPOSE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.migrate.ProjectSnapshot;
import dev.hush.core.migrate.RestoreResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Halts a real JVM at each step of a migration, as {@code kill -9} would, and recovers in this one. */
class KilledMigrationTest {
    @TempDir
    Path root;

    /** Applies the sample plan to the folder {@code args[0]}, halting as {@code kill -9} would at the step {@code args[1]}. */
    public static void main(String[] args) throws Exception {
        MigrationTransaction.create().steps(name -> {
            if (name.equals(args[1])) {
                Runtime.getRuntime().halt(137);
            }
        }).apply(Path.of(args[0]), MigrationTransactionTest.plan());
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-journal", "after-backup", "after-secret-files", "mid-rename", "before-journal-complete"})
    void recoversTheOldStateAfterTheProcessDiesAtEveryStep(String step) throws Exception {
        Files.writeString(root.resolve("compose.yaml"), COMPOSE);
        Map<String, String> before = ProjectSnapshot.of(root);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KilledMigrationTest.class.getName(), root.toString(), step)
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isEqualTo(137);
        assertThat(root.resolve(".hush/lock")).exists();

        RestoreResult recovered = MigrationTransaction.create().recover(root).orElseThrow();

        assertThat(ProjectSnapshot.of(root)).isEqualTo(before);
        assertThat(recovered.kept()).isEmpty();
        assertThat(root.resolve(".hush/lock")).doesNotExist();
    }
}

package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** What the rewrite tests share: a project folder to write files into, migrate and read back. */
abstract class ProjectRewriteTest {
    @TempDir
    Path root;

    void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    String read(String path) throws IOException {
        return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
    }

    /** Plans and applies {@code command} on the folder, then checks that a second plan is empty. */
    PlannedMigration migrate(MigrateCommand command) throws Exception {
        PlannedMigration planned = command.root(root).plan();
        command.apply(planned.plan());
        assertThat(Hush.migrate().root(root).plan().plan().isEmpty()).as("second plan is empty").isTrue();
        return planned;
    }

    PlannedMigration migrate() throws Exception {
        return migrate(Hush.migrate());
    }
}

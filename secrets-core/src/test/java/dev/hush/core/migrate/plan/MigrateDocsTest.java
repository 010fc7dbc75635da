package dev.hush.core.migrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.testing.Reactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/migrate.md explains the deliveries and links the one generated table of images that
 * read file variables (FileVariableImagesTest keeps that table in sync with the code) instead
 * of holding a copy that would drift.
 */
class MigrateDocsTest {

    @Test
    void linksTheGeneratedTableOfImagesAndHoldsNoCopyOfIt() throws Exception {
        String migrate = Files.readString(Reactor.root().resolve("docs/migrate.md"), StandardCharsets.UTF_8);
        List<String> rows = FileVariableImages.markdown().lines().filter(line -> line.startsWith("| `")).toList();

        assertThat(rows).isNotEmpty();
        assertThat(migrate).contains("## Three deliveries", "(file-variable-images.md)", "file variable",
                "mounted file", "env file", "--generate-weak");
        assertThat(rows).noneMatch(migrate::contains);
    }
}

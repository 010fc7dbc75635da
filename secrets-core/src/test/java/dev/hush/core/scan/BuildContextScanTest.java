package dev.hush.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.model.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports a Dockerfile that copies a build context whose secret files no .dockerignore leaves out. */
class BuildContextScanTest {
    private static final String RULE = "dockerfile-context-secrets";

    @TempDir
    Path root;

    private void write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<Finding> found() throws Exception {
        return Hush.scan().root(root).call().findings().stream().filter(f -> f.ruleId().equals(RULE)).toList();
    }

    @Test
    void reportsTheCopyOfAContextHoldingTheSecretsFolder() throws Exception {
        write("api/Dockerfile", "FROM python:3.12\nWORKDIR /app\nCOPY . .\n");
        write("api/.secrets/db_password.txt", "changeme-example");

        assertThat(found()).singleElement().satisfies(f -> {
            assertThat(f.location().path()).isEqualTo("api/Dockerfile");
            assertThat(f.location().line()).isEqualTo(3);
            assertThat(f.message()).contains(".secrets/").doesNotContain("changeme-example");
        });
    }

    @Test
    void reportsAnEnvFileWithSecretsAndLeavesOneWithoutAlone() throws Exception {
        write("Dockerfile", "FROM node:20\nCOPY ./ ./\n");
        write(".env.example", "API_TOKEN=\n");
        write("config/.env", "LOG_LEVEL=debug\n");
        assertThat(found()).isEmpty();

        write(".env", "API_TOKEN=Vb6Ms1Qe8Rw3Ty5Uexample\n");
        assertThat(found()).singleElement().satisfies(f -> assertThat(f.message()).contains(".env"));
    }

    @Test
    void acceptsAContextWhoseDockerignoreLeavesTheSecretsOut() throws Exception {
        write("Dockerfile", "FROM node:20\nADD . /srv\n");
        write(".secrets/token.txt", "secret-admin-example");
        write(".dockerignore", "# secrets\n/.secrets/\n");
        assertThat(found()).isEmpty();

        // BuildKit reads the Dockerfile's own ignore file first, in place of .dockerignore.
        write("Dockerfile.dockerignore", "node_modules\n");
        assertThat(found()).hasSize(1);
    }

    @Test
    void leavesCopiesOfChosenFilesAndOtherStagesAlone() throws Exception {
        write("Dockerfile", "FROM node:20 AS build\nCOPY package.json ./\nFROM nginx\nCOPY --from=build . /usr/share/nginx/html\n");
        write(".secrets/token.txt", "secret-admin-example");
        assertThat(found()).isEmpty();
    }

    @Test
    void seesTheLeakAMigrationWithoutDockerignoreWouldOpen() throws Exception {
        write("compose.yaml", "services:\n  api:\n    build: .\n    environment:\n      API_TOKEN: hushDemo-token-71c9a2e4f0\n");
        write("Dockerfile", "FROM python:3.12\nCOPY . .\n");
        Hush.migrate().root(root).apply(Hush.migrate().root(root).plan().plan());
        assertThat(found()).isEmpty();

        Files.delete(root.resolve(".dockerignore"));
        assertThat(found()).singleElement().satisfies(f -> assertThat(f.message()).contains(".secrets/", ".hush/"));
    }
}

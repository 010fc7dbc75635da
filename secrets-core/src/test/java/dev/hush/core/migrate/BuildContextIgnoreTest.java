package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps what a migration writes out of every build context that would copy it into an image. */
class BuildContextIgnoreTest {
    @TempDir
    Path root;

    private void write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private MigrationPlan plan() throws Exception {
        return Hush.migrate().root(root).plan().plan();
    }

    private static List<String> paths(MigrationPlan plan) {
        return plan.edits().stream().map(FileEdit::path).toList();
    }

    private static String text(MigrationPlan plan, String path) {
        return new String(plan.edits().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow().updated(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void createsTheDockerignoreOfARootContextThatCopiesEverything() throws Exception {
        write("compose.yaml", "services:\n  api:\n    build: .\n    environment:\n      API_TOKEN: hushDemo-token-71c9a2e4f0\n");
        write("Dockerfile", "FROM python:3.12\nCOPY . .\n");

        MigrationPlan plan = plan();

        assertThat(text(plan, ".dockerignore")).isEqualTo("# added by hush migrate\n.secrets/\n.hush/\n");
        assertThat(plan.diff(false)).contains("+++ b/.dockerignore", "+.secrets/", "+.hush/");
    }

    @Test
    void resolvesAContextOutsideTheComposeFolderAndLeavesContextsWithoutSecretsAlone() throws Exception {
        write("deploy/compose.yaml", """
                services:
                  api:
                    build:
                      context: ..
                    environment:
                      API_TOKEN: hushDemo-token-71c9a2e4f0
                  web:
                    build: ../web
                """);
        write("Dockerfile", "FROM python:3.12\nCOPY . .\n");
        write("web/Dockerfile", "FROM nginx\nCOPY . /usr/share/nginx/html\n");
        write(".dockerignore", "node_modules\n");

        MigrationPlan plan = plan();

        // .secrets/ is at the root: the root context holds it, web's does not.
        assertThat(paths(plan)).contains(".dockerignore").doesNotContain("web/.dockerignore", "deploy/.dockerignore");
        assertThat(text(plan, ".dockerignore")).isEqualTo("node_modules\n\n# added by hush migrate\n.secrets/\n.hush/\n");
    }

    @Test
    void editsTheDockerfileSpecificIgnoreFileWhereItExists() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build:
                      context: .
                      dockerfile: docker/api.Dockerfile
                    environment:
                      API_TOKEN: hushDemo-token-71c9a2e4f0
                """);
        write("docker/api.Dockerfile", "FROM python:3.12\nCOPY . .\n");
        write("docker/api.Dockerfile.dockerignore", "*.md\n.secrets\n");

        MigrationPlan plan = plan();

        assertThat(paths(plan)).contains("docker/api.Dockerfile.dockerignore").doesNotContain(".dockerignore");
        assertThat(text(plan, "docker/api.Dockerfile.dockerignore")).isEqualTo("*.md\n.secrets\n\n# added by hush migrate\n.hush/\n");
    }

    @Test
    void addsTheSecretsFolderToTheAssistantIgnoreFilesThatExist() throws Exception {
        write("compose.yaml", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hushDemo-pg-3e8d1b\n");
        write(".cursorignore", "dist/\n");
        write(".aiexclude", ".secrets/\n");

        MigrationPlan plan = plan();

        assertThat(text(plan, ".cursorignore")).isEqualTo("dist/\n\n# added by hush migrate\n/.secrets/\n");
        assertThat(paths(plan)).doesNotContain(".aiexclude", ".aiderignore", ".geminiignore", ".dockerignore");
    }

    @Test
    void isIdempotentAndUndoRestoresEveryByte() throws Exception {
        write("compose.yaml", """
                services:
                  api:
                    build: ./api
                    environment:
                      API_TOKEN: hushDemo-token-71c9a2e4f0
                """);
        write("api/Dockerfile", "FROM node:20\nCOPY ./ ./\n");
        write("api/.dockerignore", "node_modules\r\n");
        write(".cursorignore", "dist/\n");
        java.util.Map<String, String> before = ProjectSnapshot.of(root);
        MigrateCommand migrate = Hush.migrate().root(root).secretsDir("api/.secrets");
        MigrationPlan plan = migrate.plan().plan();

        migrate.apply(plan);

        // The secrets folder is inside the api context, .hush/ (at the root) is not.
        assertThat(Files.readString(root.resolve("api/.dockerignore"))).isEqualTo("node_modules\r\n\r\n# added by hush migrate\r\n.secrets/\r\n");
        assertThat(Files.readString(root.resolve(".cursorignore"))).endsWith("/api/.secrets/\n");
        assertThat(DockerContexts.leaks(root, plan.secretFiles().stream().map(SecretFile::path).toList())).isEmpty();
        assertThat(Hush.migrate().root(root).secretsDir("api/.secrets").plan().plan().isEmpty()).isTrue();
        migrate.undo();
        assertThat(ProjectSnapshot.of(root)).isEqualTo(before);
    }
}

package dev.hush.core.migrate.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.migrate.FileEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreFileEditTest {
    static final List<String> ENTRIES = List.of(".secrets/", ".hush/", "/.env");

    @TempDir
    Path root;

    private String after(List<String> entries) throws IOException {
        return new String(IgnoreFileEdit.plan(root, entries).orElseThrow().updated(), StandardCharsets.UTF_8);
    }

    private void write(String text) throws IOException {
        Files.write(root.resolve(".gitignore"), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void createsTheFileWithACommentedBlock() throws IOException {
        FileEdit edit = IgnoreFileEdit.plan(root, ENTRIES).orElseThrow();
        assertThat(edit.modifiesExisting()).isFalse();
        assertThat(new String(edit.updated(), StandardCharsets.UTF_8))
                .isEqualTo("# added by hush migrate\n.secrets/\n.hush/\n/.env\n");
    }

    @Test
    void appendsOnlyTheMissingEntriesKeepingLinesAndComments() throws IOException {
        write("# build output\ntarget/\n\n.hush/\n");
        assertThat(after(ENTRIES)).isEqualTo("# build output\ntarget/\n\n.hush/\n\n# added by hush migrate\n.secrets/\n/.env\n");
    }

    @Test
    void isIdempotent() throws IOException {
        write("node_modules/\n");
        FileEdit first = IgnoreFileEdit.plan(root, ENTRIES).orElseThrow();
        Files.write(root.resolve(".gitignore"), first.updated());
        assertThat(IgnoreFileEdit.plan(root, ENTRIES)).isEmpty();
    }

    @Test
    void keepsCrlfLineBreaks() throws IOException {
        write("target/\r\n*.log\r\n");
        assertThat(after(ENTRIES)).isEqualTo("target/\r\n*.log\r\n\r\n# added by hush migrate\r\n.secrets/\r\n.hush/\r\n/.env\r\n");
    }

    @Test
    void addsTheMissingFinalNewlineOnlyWhereItAppends() throws IOException {
        write("target/");
        assertThat(after(List.of(".secrets/"))).isEqualTo("target/\n\n# added by hush migrate\n.secrets/\n");
    }

    @Test
    void countsPatternsThatAlreadyIgnoreAnEntry() throws IOException {
        write(".secrets\n.env*\n.h*/\n");
        assertThat(IgnoreFileEdit.plan(root, ENTRIES)).isEmpty();
    }

    @Test
    void countsAnIgnoredParentFolderAndANestedGitignore() throws IOException {
        write("config/\n");
        Files.createDirectories(root.resolve("deploy"));
        Files.writeString(root.resolve("deploy/.gitignore"), "*.env\n");
        assertThat(IgnoreFileEdit.plan(root, List.of("/config/.env", "/deploy/prod.env"))).isEmpty();
    }

    @Test
    void addsAnEntryThatALaterNegationReIncludes() throws IOException {
        write("*.txt\n!.secrets/\n");
        Optional<FileEdit> edit = IgnoreFileEdit.plan(root, List.of(".secrets/"));
        assertThat(edit).isPresent();
        assertThat(new String(edit.get().updated(), StandardCharsets.UTF_8)).endsWith("!.secrets/\n\n# added by hush migrate\n.secrets/\n");
    }

    @Test
    void doesNotTakeAFileRuleForTheFolderOfTheSameName() throws IOException {
        write("/.secrets/*.txt\n");
        assertThat(after(List.of(".secrets/"))).endsWith("# added by hush migrate\n.secrets/\n");
    }

    @Test
    void ignoresTheSecretsFolderTheHushFolderAndTheDotenvFiles() throws IOException {
        assertThat(new String(IgnoreFileEdit.plan(root, "config/secrets", List.of(".env", "deploy/prod.env")).orElseThrow().updated(),
                StandardCharsets.UTF_8))
                .isEqualTo("# added by hush migrate\nconfig/secrets/\n.hush/\n/.env\n/deploy/prod.env\n");
    }

    private Optional<FileEdit> docker(String file, List<String> entries) throws IOException {
        return IgnoreFileEdit.plan(root, file, IgnoreFileEdit.Syntax.DOCKER, entries, "so no image holds them");
    }

    private String dockerAfter(String file, List<String> entries) throws IOException {
        return new String(docker(file, entries).orElseThrow().updated(), StandardCharsets.UTF_8);
    }

    @Test
    void createsAMissingDockerignore() throws IOException {
        FileEdit edit = docker(".dockerignore", List.of(".secrets/", ".hush/")).orElseThrow();
        assertThat(edit.modifiesExisting()).isFalse();
        assertThat(edit.path()).isEqualTo(".dockerignore");
        assertThat(new String(edit.updated(), StandardCharsets.UTF_8)).isEqualTo("# added by hush migrate\n.secrets/\n.hush/\n");
        assertThat(edit.reasons()).singleElement().asString().contains("so no image holds them");
    }

    @Test
    void appendsToADockerignoreKeepingItsLines() throws IOException {
        Files.createDirectories(root.resolve("api"));
        Files.writeString(root.resolve("api/.dockerignore"), "node_modules\n# logs\n*.log");
        assertThat(dockerAfter("api/.dockerignore", List.of(".secrets/")))
                .isEqualTo("node_modules\n# logs\n*.log\n\n# added by hush migrate\n.secrets/\n");
    }

    @Test
    void aDockerignoreEditIsIdempotent() throws IOException {
        FileEdit first = docker(".dockerignore", List.of(".secrets/", ".hush/")).orElseThrow();
        Files.write(root.resolve(".dockerignore"), first.updated());
        assertThat(docker(".dockerignore", List.of(".secrets/", ".hush/"))).isEmpty();
    }

    @Test
    void countsDockerPatternsThatAlreadyIgnoreAnEntry() throws IOException {
        Files.writeString(root.resolve(".dockerignore"), "/.secrets\n./.hush/\n**/*.env\n");
        assertThat(docker(".dockerignore", List.of(".secrets/", ".hush/", "config/web.env"))).isEmpty();
    }

    @Test
    void readsDockerPatternsAsAnchoredAtTheContext() throws IOException {
        // To git "secrets" ignores a/secrets too; to Docker it is only the context's own secrets folder.
        Files.writeString(root.resolve(".dockerignore"), ".secrets\n");
        assertThat(dockerAfter(".dockerignore", List.of("app/.secrets/"))).endsWith("# added by hush migrate\napp/.secrets/\n");
        Files.writeString(root.resolve(".gitignore"), ".secrets\n");
        assertThat(IgnoreFileEdit.plan(root, List.of("app/.secrets/"))).isEmpty();
    }

    @Test
    void appendsAnEntryADockerExceptionMayReInclude() throws IOException {
        // Docker, unlike git, re-includes a file inside an excluded folder; its last matching line wins.
        Files.writeString(root.resolve(".dockerignore"), ".secrets\n!.secrets/public.txt\n");
        assertThat(dockerAfter(".dockerignore", List.of(".secrets/"))).endsWith("!.secrets/public.txt\n\n# added by hush migrate\n.secrets/\n");
    }

    @Test
    void editsADockerfileSpecificIgnoreFileByItsPath() throws IOException {
        Files.createDirectories(root.resolve("docker"));
        Files.writeString(root.resolve("docker/Dockerfile.prod.dockerignore"), "*.md\r\n");
        FileEdit edit = docker("docker/Dockerfile.prod.dockerignore", List.of(".secrets/")).orElseThrow();
        assertThat(edit.path()).isEqualTo("docker/Dockerfile.prod.dockerignore");
        assertThat(new String(edit.updated(), StandardCharsets.UTF_8)).isEqualTo("*.md\r\n\r\n# added by hush migrate\r\n.secrets/\r\n");
    }

    @Test
    void recognisesEveryIgnoreFileItWrites() {
        assertThat(List.of(".gitignore", "a/.dockerignore", "b/Dockerfile.prod.dockerignore", ".cursorignore", ".aiexclude"))
                .allMatch(IgnoreFileEdit::isIgnoreFile);
        assertThat(List.of("Dockerfile", ".env", "dockerignore.txt", ".secrets/x.txt")).noneMatch(IgnoreFileEdit::isIgnoreFile);
    }
}

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

class GitignoreEditTest {
    static final List<String> ENTRIES = List.of(".secrets/", ".hush/", "/.env");

    @TempDir
    Path root;

    private String after(List<String> entries) throws IOException {
        return new String(GitignoreEdit.plan(root, entries).orElseThrow().updated(), StandardCharsets.UTF_8);
    }

    private void write(String text) throws IOException {
        Files.write(root.resolve(".gitignore"), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void createsTheFileWithACommentedBlock() throws IOException {
        FileEdit edit = GitignoreEdit.plan(root, ENTRIES).orElseThrow();
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
        FileEdit first = GitignoreEdit.plan(root, ENTRIES).orElseThrow();
        Files.write(root.resolve(".gitignore"), first.updated());
        assertThat(GitignoreEdit.plan(root, ENTRIES)).isEmpty();
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
        assertThat(GitignoreEdit.plan(root, ENTRIES)).isEmpty();
    }

    @Test
    void countsAnIgnoredParentFolderAndANestedGitignore() throws IOException {
        write("config/\n");
        Files.createDirectories(root.resolve("deploy"));
        Files.writeString(root.resolve("deploy/.gitignore"), "*.env\n");
        assertThat(GitignoreEdit.plan(root, List.of("/config/.env", "/deploy/prod.env"))).isEmpty();
    }

    @Test
    void addsAnEntryThatALaterNegationReIncludes() throws IOException {
        write("*.txt\n!.secrets/\n");
        Optional<FileEdit> edit = GitignoreEdit.plan(root, List.of(".secrets/"));
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
        assertThat(new String(GitignoreEdit.plan(root, "config/secrets", List.of(".env", "deploy/prod.env")).orElseThrow().updated(),
                StandardCharsets.UTF_8))
                .isEqualTo("# added by hush migrate\nconfig/secrets/\n.hush/\n/.env\n/deploy/prod.env\n");
    }
}

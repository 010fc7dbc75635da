package dev.hush.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {
    @TempDir
    Path root;

    @Test
    void appliesTheDeepestMatchingRuleWithGitsSemantics() throws IOException {
        Files.writeString(root.resolve(".gitignore"), "*.log\nbuild/\n.env\n");
        Files.createDirectories(root.resolve("app"));
        Files.writeString(root.resolve("app/.gitignore"), "!keep.log\n");
        IgnoreRules rules = new IgnoreRules(root, ".gitignore", Optional.empty());
        assertThat(rules.isIgnored("debug.log", false)).isTrue();
        assertThat(rules.isIgnored("app/keep.log", false)).isFalse();
        assertThat(rules.isIgnored("app/other.log", false)).isTrue();
        assertThat(rules.isIgnored("app/.env", false)).isTrue();
        assertThat(rules.isIgnored("compose.yaml", false)).isFalse();
    }

    @Test
    void answersForEachPathsOwnFolderWhateverWasAskedBefore() throws IOException {
        for (String folder : new String[] {"a", "ab", "b", "b/a", "a/b"}) {
            Files.createDirectories(root.resolve(folder));
        }
        Files.writeString(root.resolve("a/.gitignore"), "*.x\n");
        Files.writeString(root.resolve("b/.gitignore"), "*.y\n");
        IgnoreRules rules = new IgnoreRules(root, ".gitignore", Optional.empty());
        // Folders of one length, a folder that starts another's name, a folder inside another, the base.
        String[][] asked = {{"a/f.x", "true"}, {"b/f.x", "false"}, {"b/f.y", "true"}, {"a/f.y", "false"},
            {"ab/f.x", "false"}, {"a/f.x", "true"}, {"f.x", "false"}, {"a/b/f.x", "true"}, {"b/a/f.x", "false"},
            {"b/a/f.y", "true"}, {"a/f.x", "true"}, {"/f.x", "false"}, {"a/b/f.y", "false"}, {"b/f.x", "false"}};
        for (String[] ask : asked) {
            assertThat(rules.matches(ask[0], false)).as(ask[0]).isEqualTo(Boolean.parseBoolean(ask[1]));
        }
    }

    @Test
    void anchorsEachFoldersRulesAtItsFolderAcrossFoldersWithoutRules() throws IOException {
        Files.createDirectories(root.resolve("a/b/c/d"));
        Files.writeString(root.resolve(".gitignore"), "/top.txt\n*.tmp\n");
        Files.writeString(root.resolve("a/b/.gitignore"), "/c/d/*.txt\n!keep.tmp\n");
        IgnoreRules rules = new IgnoreRules(root, ".gitignore", Optional.empty());
        assertThat(rules.matches("top.txt", false)).isTrue();
        assertThat(rules.matches("a/top.txt", false)).isFalse();
        assertThat(rules.matches("a/b/c/d/notes.txt", false)).isTrue();
        assertThat(rules.matches("a/b/c/notes.txt", false)).isFalse();
        assertThat(rules.matches("a/b/c/d/keep.tmp", false)).isFalse();
        assertThat(rules.matches("a/b/c/d/other.tmp", false)).isTrue();
        assertThat(rules.matches("a/x.tmp", false)).isTrue();
        // The same folders asked again, from the cache, answer the same.
        assertThat(rules.matches("a/b/c/d/notes.txt", false)).isTrue();
        assertThat(rules.matches("a/b/c/d/keep.tmp", false)).isFalse();
    }

    @Test
    void ignoresEverythingInsideAnIgnoredFolder() throws IOException {
        Files.writeString(root.resolve(".gitignore"), "build/\n");
        IgnoreRules rules = new IgnoreRules(root, ".gitignore", Optional.empty());
        assertThat(rules.isIgnored("build/deep/compose.yaml", false)).isTrue();
        assertThat(rules.matches("build/deep/compose.yaml", false)).isFalse();
        assertThat(rules.matches("build", true)).isTrue();
    }

    @Test
    void readsAnExtraRuleFileAtTheBase() throws IOException {
        Path exclude = root.resolve("exclude");
        Files.writeString(exclude, "secret.txt\n");
        IgnoreRules rules = new IgnoreRules(root, ".gitignore", Optional.of(exclude));
        assertThat(rules.isIgnored("secret.txt", false)).isTrue();
        assertThat(rules.isIgnored("public.txt", false)).isFalse();
    }
}

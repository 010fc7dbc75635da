package dev.hush.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkTreeTest {
    @TempDir
    Path root;

    @Test
    void knowsWhichFilesAreTrackedFromTheIndex() throws Exception {
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            Files.writeString(root.resolve(".env"), "A=b\n");
            Files.writeString(root.resolve("untracked.env"), "A=b\n");
            git.add().addFilepattern(".env").call();
        }
        WorkTree tree = WorkTree.of(root);
        assertThat(tree.isRepository()).isTrue();
        assertThat(tree.isTracked(".env")).isTrue();
        assertThat(tree.isTracked("untracked.env")).isFalse();
    }

    @Test
    void readingTheIndexAsideKnowsWhatReadingItFirstKnows() throws Exception {
        Files.createDirectories(root.resolve("app/deep"));
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            Files.writeString(root.resolve(".gitignore"), "*.local\n");
            for (String path : new String[] {"app/.env", "app/deep/prod.env", "app/untracked.env", "app/x.local"}) {
                Files.writeString(root.resolve(path), "A=b\n");
            }
            git.add().addFilepattern("app/.env").addFilepattern("app/deep/prod.env").call();
        }
        WorkTree read = WorkTree.of(root.resolve("app"));
        WorkTree aside = WorkTree.readingIndexAside(root.resolve("app"));
        for (String path : new String[] {".env", "deep/prod.env", "untracked.env", "x.local", "deep"}) {
            assertThat(aside.isTracked(path)).as(path).isEqualTo(read.isTracked(path));
            assertThat(aside.isIgnored(path)).as(path).isEqualTo(read.isIgnored(path));
            assertThat(aside.matches(path, false)).as(path).isEqualTo(read.matches(path, false));
        }
        assertThat(aside.isTracked("deep/prod.env")).isTrue();
        assertThat(aside.isTracked("untracked.env")).isFalse();
        assertThat(aside.matches("x.local", false)).isTrue();
        assertThat(aside.isRepository()).isTrue();
    }

    @Test
    void translatesPathsWhenTheScannedFolderIsInsideTheWorkTree() throws Exception {
        Files.createDirectories(root.resolve("app"));
        try (Git git = Git.init().setDirectory(root.toFile()).call()) {
            Files.writeString(root.resolve("app/.env"), "A=b\n");
            Files.writeString(root.resolve(".gitignore"), "*.local\n");
            git.add().addFilepattern("app/.env").call();
        }
        WorkTree tree = WorkTree.of(root.resolve("app"));
        assertThat(tree.isTracked(".env")).isTrue();
        assertThat(tree.isIgnored("settings.local")).isTrue();
        assertThat(tree.isIgnored(".env")).isFalse();
    }

    @Test
    void followsTheGitFileOfALinkedWorktree() throws Exception {
        Path main = root.resolve("main");
        try (Git git = Git.init().setDirectory(main.toFile()).call()) {
            Files.writeString(main.resolve(".env"), "A=b\n");
            git.add().addFilepattern(".env").call();
        }
        Path linked = root.resolve("linked");
        Files.createDirectories(linked);
        Files.writeString(linked.resolve(".git"), "gitdir: " + main.resolve(".git") + "\n");
        assertThat(WorkTree.of(linked).isTracked(".env")).isTrue();
    }

    @Test
    void outsideGitNothingIsTrackedButGitignoreStillCounts() throws Exception {
        Files.writeString(root.resolve(".gitignore"), ".env\n");
        WorkTree tree = WorkTree.of(root);
        assertThat(tree.isRepository()).isFalse();
        assertThat(tree.isTracked(".env")).isFalse();
        assertThat(tree.isIgnored(".env")).isTrue();
    }
}

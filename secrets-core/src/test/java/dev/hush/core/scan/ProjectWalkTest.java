package dev.hush.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.config.HushConfig;
import dev.hush.core.git.WorkTree;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk names each file by its path relative to the root, built from its folders' names. */
class ProjectWalkTest {
    @TempDir
    Path root;

    private List<ProjectWalk.Entry> walk(Path from) throws IOException {
        List<ProjectWalk.Entry> found = new ArrayList<>();
        ProjectWalk.of(from, WorkTree.of(from), HushConfig.defaults(), found::add);
        return found;
    }

    /** What the walk named each file before it built the names itself: the file relativized against the root. */
    private static List<String> relativized(Path from) throws IOException {
        List<String> paths = new ArrayList<>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                paths.add(from.relativize(file).toString().replace('\\', '/'));
                return FileVisitResult.CONTINUE;
            }
        });
        return paths;
    }

    private void tree() throws IOException {
        Files.writeString(root.resolve("top.env"), "A=1\n");
        for (String folder : List.of("a", "a/b", "a/b/c d", "a/設定", "e", "e/f/g/h")) {
            Path dir = Files.createDirectories(root.resolve(folder));
            Files.writeString(dir.resolve("one.txt"), "x\n");
            Files.writeString(dir.resolve("two words.yml"), "y: 1\n");
            Files.writeString(dir.resolve("back\\slash.json"), "{}\n");
        }
    }

    @Test
    void namesEveryFileOnceAsTheRootRelativizedIt() throws IOException {
        tree();
        List<ProjectWalk.Entry> entries = walk(root);
        assertThat(entries).extracting(ProjectWalk.Entry::path).containsExactlyElementsOf(relativized(root))
                .hasSize(19).doesNotHaveDuplicates().contains("top.env", "a/b/c d/two words.yml", "a/設定/one.txt",
                        "e/f/g/h/one.txt", "a/back/slash.json");
        for (ProjectWalk.Entry entry : entries) {
            assertThat(root.relativize(entry.file()).toString().replace('\\', '/')).isEqualTo(entry.path());
            assertThat(entry.size()).isEqualTo(Files.size(entry.file()));
        }
    }

    @Test
    void namesTheFilesAlikeWhenTheRootIsGivenAsARelativePath() throws IOException {
        tree();
        Path relative = Path.of("").toAbsolutePath().relativize(root);
        assertThat(relative.isAbsolute()).isFalse();
        assertThat(walk(relative)).extracting(ProjectWalk.Entry::path).containsExactlyElementsOf(relativized(root));
    }

    @Test
    void leavesTheFolderOfASkippedSubtreeBehind() throws IOException {
        // After a folder the walk does not enter, the next files are named in their own folder.
        Files.createDirectories(root.resolve("a/.git"));
        Files.writeString(root.resolve("a/.git/config"), "x\n");
        Files.createDirectories(root.resolve("a/node_modules/left"));
        Files.writeString(root.resolve("a/node_modules/left/index.js"), "x\n");
        Files.writeString(root.resolve("a/z.txt"), "x\n");
        Files.writeString(root.resolve("b.txt"), "x\n");
        assertThat(walk(root)).extracting(ProjectWalk.Entry::path).containsExactlyInAnyOrder("a/z.txt", "b.txt");
    }
}

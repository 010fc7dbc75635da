package dev.hush.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoriesTest {
    @TempDir
    Path root;

    @Test
    void opensAfterThePreparationStartedInTheBackground() throws Exception {
        Git.init().setDirectory(root.toFile()).call().close();
        GitRepositories.prepare();
        GitRepositories.prepare();
        try (Repository repository = GitRepositories.openEnclosing(root.resolve("sub"))) {
            assertThat(repository.getWorkTree().toPath().toRealPath()).isEqualTo(root.toRealPath());
        }
        try (Repository repository = GitRepositories.open(root)) {
            assertThat(repository.isBare()).isFalse();
        }
    }

    @Test
    void stillReportsAFolderOutsideAnyRepository() {
        GitRepositories.prepare();
        assertThatThrownBy(() -> GitRepositories.open(root)).isInstanceOf(RepositoryNotFoundException.class);
    }
}

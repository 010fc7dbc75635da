package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class PreCommitHooksTest {
    @Test
    void declaresTheHushHookWithEveryKeyThePreCommitFrameworkRequires() throws Exception {
        Path root = Fixtures.repositoryRoot();
        Object yaml = new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(root.resolve(".pre-commit-hooks.yaml")));
        assertThat(yaml).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> hook = (Map<String, Object>) ((List<?>) yaml).get(0);
        assertThat(hook.keySet()).contains("id", "name", "entry", "language");
        assertThat(hook.get("id")).isEqualTo("hush");
        assertThat(hook.get("language")).isEqualTo("script");
        assertThat(hook.get("pass_filenames")).isEqualTo(false);
        // A 'script' entry is a path in this repository, and it must be runnable.
        String script = hook.get("entry").toString().split(" ")[0];
        assertThat(Files.isExecutable(root.resolve(script))).as(script).isTrue();
        assertThat(hook.get("entry").toString()).endsWith("scan --staged");
    }
}

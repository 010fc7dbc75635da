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
    @SuppressWarnings("unchecked")
    private static Map<String, Object> hook(int index) throws Exception {
        Object yaml = new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Fixtures.repositoryRoot().resolve(".pre-commit-hooks.yaml")));
        assertThat(yaml).isInstanceOf(List.class);
        Map<String, Object> hook = (Map<String, Object>) ((List<?>) yaml).get(index);
        assertThat(hook.keySet()).contains("id", "name", "entry", "language");
        return hook;
    }

    @Test
    void declaresTheInstalledHushHookFirst() throws Exception {
        // ReleaseArchivesIT runs this entry with an installed hush on PATH.
        Map<String, Object> hook = hook(0);
        assertThat(hook.get("id")).isEqualTo("hush-installed");
        assertThat(hook.get("language")).isEqualTo("system");
        assertThat(hook.get("entry")).isEqualTo("hush scan --staged");
        assertThat(hook.get("pass_filenames")).isEqualTo(false);
    }

    @Test
    void declaresTheHushHookWithEveryKeyThePreCommitFrameworkRequires() throws Exception {
        Path root = Fixtures.repositoryRoot();
        Map<String, Object> hook = hook(1);
        assertThat(hook.get("id")).isEqualTo("hush");
        assertThat(hook.get("language")).isEqualTo("script");
        assertThat(hook.get("pass_filenames")).isEqualTo(false);
        // A 'script' entry is a path in this repository, and it must be runnable.
        String script = hook.get("entry").toString().split(" ")[0];
        assertThat(Files.isExecutable(root.resolve(script))).as(script).isTrue();
        assertThat(hook.get("entry").toString()).endsWith("scan --staged");
    }
}

package dev.hush.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link HushConfig#parse}: any text gives settings or a {@link ConfigException} that
 * names the file, never another exception. A plain {@code mvn test} runs only the seeds under
 * {@code src/test/resources/dev/hush/core/config/HushConfigFuzzTestInputs/}.
 */
class HushConfigFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void givesSettingsOrAConfigExceptionNamingTheFile(@NotNull @WithLength(max = 64 * 1024) byte[] bytes) {
        String yaml = new String(bytes, StandardCharsets.UTF_8);
        try {
            HushConfig config = HushConfig.parse(yaml, "fuzz/.hush.yaml");
            assertThat(config.maxFileSize()).isPositive();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).startsWith("fuzz/.hush.yaml");
        }
    }
}

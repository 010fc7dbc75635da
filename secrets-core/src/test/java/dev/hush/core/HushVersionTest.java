package dev.hush.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HushVersionTest {
    @Test
    void readsTheVersionThatTheBuildWroteBesideTheClass() {
        // "dev" would mean the filtered resource is missing from the class's package.
        assertThat(HushVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}

package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.testing.HostileYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository may commit a crafted {@code .hush/journal/}: reading it must fail cleanly. */
class JournalTest {
    @TempDir
    Path folder;

    @Test
    void callsADeeplyNestedJournalDamagedInsteadOfOverflowingTheStack() throws IOException {
        Path file = Files.writeString(folder.resolve("20240101T000000Z-x.json"), HostileYaml.deepFlow("files", 100_000));
        assertThatThrownBy(() -> Journal.read(file)).isInstanceOf(IOException.class).hasMessageContaining("is damaged");
    }

    @Test
    void callsAnAliasBombJournalDamaged() throws IOException {
        Path file = Files.writeString(folder.resolve("20240101T000000Z-x.json"), HostileYaml.billionLaughs("files"));
        assertThatThrownBy(() -> Journal.read(file)).isInstanceOf(IOException.class).hasMessageContaining("is damaged");
    }
}

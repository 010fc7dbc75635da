package dev.hush.core.migrate.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.testing.HostileYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository may commit a crafted {@code .hush/journal/}: reading it must fail cleanly. */
class JournalTest {
    @TempDir
    Path folder;

    @Test
    void readsBackASealedJournalAndRefusesItOnceChangedOrMoved() throws IOException {
        Path project = Files.createDirectories(folder.resolve("project")).toRealPath();
        Journal journal = new Journal("20260101T000000000Z", Journal.State.STARTED, Journal.newSalt(),
                List.of(new Journal.Entry("compose.yaml", Journal.Kind.EDIT, true, Optional.of("ab"), "cd",
                        Optional.of("rw-r-----"), Optional.of("nobody"), Optional.of("nogroup"))), List.of(".secrets"));
        journal.write(folder, JournalSeal.forProject(project));
        Path file = journal.file(folder);
        assertThat(Journal.read(file, JournalSeal.forProject(project))).isEqualTo(journal);

        assertThatThrownBy(() -> Journal.read(file, JournalSeal.forProject(folder.toRealPath())))
                .isInstanceOf(Journal.UntrustedJournalException.class).hasMessageContaining("Inspect it with: cat " + file);
        Files.writeString(file, Files.readString(file).replace("\"started\"", "\"complete\""));
        assertThatThrownBy(() -> Journal.read(file, JournalSeal.forProject(project)))
                .isInstanceOf(Journal.UntrustedJournalException.class);
    }

    @Test
    void keepsTheKeyInTheUsersConfigFolderUnlessTold() {
        java.util.Properties linux = new java.util.Properties();
        linux.setProperty("os.name", "Linux");
        linux.setProperty("user.home", "/home/ann");
        assertThat(JournalSeal.keyDir(linux, Map.of())).isEqualTo(Path.of("/home/ann/.config/hush"));
        assertThat(JournalSeal.keyDir(linux, Map.of("XDG_CONFIG_HOME", "/xdg"))).isEqualTo(Path.of("/xdg/hush"));
        assertThat(JournalSeal.keyDir(linux, Map.of("HUSH_KEY_DIR", "/keys"))).isEqualTo(Path.of("/keys"));
        java.util.Properties windows = new java.util.Properties();
        windows.setProperty("os.name", "Windows 11");
        windows.setProperty("user.home", "C:/Users/ann");
        assertThat(JournalSeal.keyDir(windows, Map.of("APPDATA", "/AppData/Roaming")))
                .isEqualTo(Path.of("/AppData/Roaming", "hush"));
    }

    @Test
    void createsThePrivateKeyOnFirstUse() throws IOException {
        Path key = JournalSeal.keyFile();
        JournalSeal.forProject(folder);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(key).strip()).hasSize(64);
    }

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

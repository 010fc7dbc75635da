package dev.hush.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import dev.hush.core.testing.SampleReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
    @TempDir
    Path dir;

    private final List<Finding> findings = SampleReports.withEveryCard().findings();

    @Test
    void acceptsWhatItWasMadeFromAfterARoundTrip() throws IOException {
        Path file = dir.resolve(".hush-baseline");
        Baseline.create().accepting(findings).write(file);
        Baseline read = Baseline.read(file);
        assertThat(findings).allMatch(read::accepts);
        assertThat(read.size()).isEqualTo(4);
    }

    @Test
    void keepsAcceptingAFindingWhoseLineMoved() throws IOException {
        Path file = dir.resolve(".hush-baseline");
        Baseline.create().accepting(findings).write(file);
        Finding moved = findings.get(1).toBuilder().location(Location.of("compose.yaml", 40, 3)).build();
        assertThat(Baseline.read(file).accepts(moved)).isTrue();
    }

    @Test
    void doesNotAcceptTheSameKeyWithAnotherValue() {
        Baseline baseline = Baseline.create().accepting(findings);
        Finding changed = findings.get(1).toBuilder().secret("hushTest-another-value-1").build();
        assertThat(baseline.accepts(changed)).isFalse();
    }

    @Test
    void writesSortedEntriesWithoutValuesLineNumbersOrDates() throws IOException {
        Path file = dir.resolve(".hush-baseline");
        Baseline.create().accepting(findings).write(file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(SampleReports.PASSWORD).doesNotContain(SampleReports.TOKEN)
                .doesNotContain(":12")
                // A date, not the digits 2026 (a random salt's hashes hold them now and then).
                .doesNotContainPattern("\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{2}:\\d{2}:\\d{2}\\b");
        List<String> entries = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.startsWith("salt ")).toList();
        assertThat(entries).isSorted().hasSize(4);
    }

    @Test
    void keepsItsSaltSoRegeneratingChangesNothing() throws IOException {
        Path file = dir.resolve(".hush-baseline");
        Baseline.create().accepting(findings).write(file);
        byte[] first = Files.readAllBytes(file);
        Baseline.read(file).accepting(findings).write(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
    }

    @Test
    void usesAFreshSaltForEachNewBaseline() {
        Finding finding = findings.get(1);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try {
            Baseline.create().accepting(List.of(finding)).write(a);
            Baseline.create().accepting(List.of(finding)).write(b);
            assertThat(Files.readString(a)).isNotEqualTo(Files.readString(b));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listsEntriesThatNoLongerMatchAnyFinding() {
        Baseline baseline = Baseline.create().accepting(findings);
        List<String> stale = baseline.staleEntries(findings.subList(0, 3));
        assertThat(stale).hasSize(1).allMatch(entry -> entry.startsWith("github-pat config/deploy.yaml "));
    }

    @Test
    void namesTheFileAndLineOfAMalformedEntry() throws IOException {
        Path file = dir.resolve(".hush-baseline");
        Files.writeString(file, "salt 00ff\nnot an entry at all here\n");
        assertThatThrownBy(() -> Baseline.read(file))
                .isInstanceOf(BaselineFormatException.class)
                .hasMessageContaining(file + ":2:")
                .hasMessageContaining("hush baseline");
    }

    @Test
    void namesABaselinePathThatIsAFolderOrNotText(@TempDir Path folder) throws IOException {
        assertThatThrownBy(() -> Baseline.read(folder)).isInstanceOf(BaselineFormatException.class)
                .hasMessageStartingWith(folder + ": is a folder");
        Path binary = Files.write(folder.resolve("baseline"), new byte[] {(byte) 0xc3, 0x28, 0x0a});
        assertThatThrownBy(() -> Baseline.read(binary)).isInstanceOf(BaselineFormatException.class)
                .hasMessageStartingWith(binary + ": not UTF-8 text");
    }
}

package dev.hush.core.migrate.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEditTest {

    @Test
    void appliesEditsGivenInAnyOrder() {
        String text = "a: 1\nb: 2\nc: 3\n";
        String edited = TextEdit.apply(text, List.of(
                new TextEdit(text.indexOf("3"), 1, "three"),
                TextEdit.delete(text.indexOf("b:"), text.indexOf("c:")),
                TextEdit.insert(0, "# top\n")));
        assertThat(edited).isEqualTo("# top\na: 1\nc: three\n");
    }

    @Test
    void keepsTheOrderOfInsertionsAtOneOffset() {
        assertThat(TextEdit.apply("x", List.of(TextEdit.insert(1, "a"), TextEdit.insert(1, "b")))).isEqualTo("xab");
    }

    @Test
    void writesNewLinesAsCrlfInACrlfFile() {
        String text = "services:\r\n  db:\r\n    image: postgres\r\n";
        int end = text.length();
        String edited = TextEdit.apply(text, List.of(TextEdit.insert(end, "secrets:\n  db_password:\n    file: ./.secrets/db_password.txt\n")));
        assertThat(edited).endsWith("postgres\r\nsecrets:\r\n  db_password:\r\n    file: ./.secrets/db_password.txt\r\n")
                .doesNotContain("t\n");
    }

    @Test
    void usesTheLineBreakOfThePreviousLineAtTheEndOfAFileWithoutOne() {
        assertThat(TextEdit.apply("a\r\nb", List.of(TextEdit.insert(4, "\nc")))).isEqualTo("a\r\nb\r\nc");
        assertThat(TextEdit.apply("b", List.of(TextEdit.insert(1, "\nc")))).isEqualTo("b\nc");
    }

    @Test
    void refusesOverlappingEditsAndEditsPastTheEnd() {
        assertThatThrownBy(() -> TextEdit.apply("abcdef", List.of(new TextEdit(0, 3, ""), new TextEdit(2, 2, ""))))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> TextEdit.apply("abc", List.of(new TextEdit(2, 2, ""))))
                .hasMessageContaining("edit.end() > text.length()");
    }

    @Test
    void keepsAByteOrderMarkAndCountsOffsetsWithoutIt() {
        byte[] original = "\uFEFFKEY=hushTest-value-0001\n".getBytes(StandardCharsets.UTF_8);
        byte[] edited = TextEdit.apply(original, List.of(new TextEdit(4, "hushTest-value-0001".length(), "")));
        assertThat(new String(edited, StandardCharsets.UTF_8)).isEqualTo("\uFEFFKEY=\n");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        assertThatThrownBy(() -> TextEdit.apply(new byte[] {'a', (byte) 0xff}, List.of()))
                .hasMessageContaining("not UTF-8");
    }
}

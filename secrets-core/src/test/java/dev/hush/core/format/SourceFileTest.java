package dev.hush.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceFileTest {
    private static SourceFile fromBytes(String path, byte[] bytes) {
        byte[] padded = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        return new SourceFile(path, padded, bytes.length);
    }

    @Test
    void decodesBytesLeavingTheByteOrderMarkOut() {
        SourceFile file = fromBytes("a.env", "\uFEFFKEY=v\u00e9\nNEXT=1".getBytes(StandardCharsets.UTF_8));

        assertThat(file.text()).isEqualTo("KEY=v\u00e9\nNEXT=1");
        assertThat(file.startsWith("KEY")).isTrue();
        assertThat(file.line(2)).isEqualTo("NEXT=1");
        assertThat(file.lineOf(file.text().indexOf("NEXT"))).isEqualTo(2);
    }

    @Test
    void findsTheLineAroundAnOffsetAsCountingLinesDoes() {
        String text = "\nfirst=1\r\n\n\u00e9t\u00e9 = ok\nlast";
        String asciiText = "\nfirst=1\r\n\nsecond = ok\nlast";
        SourceFile ascii = fromBytes("a.txt", asciiText.getBytes(StandardCharsets.US_ASCII));
        ascii.knownAscii();
        SourceFile decoded = fromBytes("b.txt", text.getBytes(StandardCharsets.UTF_8));
        for (SourceFile file : new SourceFile[] {ascii, decoded}) {
            int length = file == ascii ? asciiText.length() : text.length();
            // In order, backwards and repeated: the kept line must not answer for another one.
            for (int offset : new int[] {5, 0, length, 1, 9, 10, 11, 12, 3, length - 1, 11, 0}) {
                int line = file.lineOf(offset);
                assertThat(file.lineStartAround(offset)).as("%s at %d", file.path(), offset).isEqualTo(file.lineStart(line));
                assertThat(file.lineEndAround(offset)).as("%s at %d", file.path(), offset).isEqualTo(file.lineEnd(line));
            }
        }
    }

    @Test
    void replacesMalformedBytesAsTheDecoderDoes() {
        byte[] bytes = {'a', (byte) 0xE2, (byte) 0x84, '\n', 'b'};
        SourceFile file = fromBytes("x.txt", bytes);

        assertThat(file.text()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        assertThat(file.lineCount()).isEqualTo(2);
    }

    @Test
    void readsAsciiBytesAsCharsWithoutDecodingTheFile() {
        SourceFile file = fromBytes("x.txt", "token = abc\r\nnext".getBytes(StandardCharsets.US_ASCII));
        file.knownAscii();

        CharSequence chars = file.chars();
        assertThat(chars.length()).isEqualTo(17);
        assertThat(chars.charAt(8)).isEqualTo('a');
        assertThat(chars.subSequence(8, 11).toString()).isEqualTo("abc");
        assertThat(chars.toString()).isEqualTo("token = abc\r\nnext");
        assertThat(file.line(1)).isEqualTo("token = abc");
        assertThat(file.text()).isEqualTo("token = abc\r\nnext");
    }

    @Test
    void testsAPrefixOnTheBytes() {
        assertThat(fromBytes("run", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)).startsWith("#!")).isTrue();
        assertThat(fromBytes("run", "\uFEFF#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)).startsWith("#!")).isTrue();
        assertThat(fromBytes("run", "#".getBytes(StandardCharsets.UTF_8)).startsWith("#!")).isFalse();
        assertThat(new SourceFile("run", "#!/bin/sh").startsWith("#!")).isTrue();
    }

    @Test
    void answersLineQuestionsInAnyOrderAsTheWholeTextsLineStartsDo() {
        String text = "a\n\nbb\r\nccc\n";
        int[] starts = SourceFile.lineStarts(text);
        // Each question on a fresh file, and all of them on one file, backwards: lines are found only as far as asked.
        SourceFile shared = new SourceFile("f", text);
        for (int offset = text.length() + 2; offset >= -1; offset--) {
            assertThat(new SourceFile("f", text).lineOf(offset)).isEqualTo(SourceFile.lineOf(starts, offset));
            assertThat(shared.lineOf(offset)).isEqualTo(SourceFile.lineOf(starts, offset));
        }
        SourceFile file = fromBytes("f", text.getBytes(StandardCharsets.UTF_8));
        assertThat(file.lineEnd(3)).isEqualTo(6);
        assertThat(file.line(3)).isEqualTo("bb");
        assertThat(file.lineStart(2)).isEqualTo(2);
        assertThat(file.columnOf(9)).isEqualTo(3);
        assertThat(file.lineCount()).isEqualTo(5);
        assertThat(file.lineEnd(5)).isEqualTo(text.length());
        assertThat(file.line(5)).isEmpty();
        assertThat(new SourceFile("f", "one line").lineEnd(1)).isEqualTo(8);
    }
}

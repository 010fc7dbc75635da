package dev.hush.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Detector#isBinary}: a NUL byte anywhere in the first 8 KiB, and only there, makes a file binary. */
class DetectorBinaryTest {
    @Test
    void aNulAtAnyPlaceOfTheProbeIsFound() {
        for (int length : new int[] {1, 7, 8, 9, 15, 16, 17, 100, 8191, 8192, 8193, 10_000}) {
            for (int at = 0; at < Math.min(length, 8192); at++) {
                byte[] content = text(length);
                content[at] = 0;
                assertTrue(Detector.isBinary(content), "NUL at " + at + " of " + length);
            }
        }
    }

    @Test
    void textWithoutANulIsNotBinary() {
        for (int length : new int[] {0, 1, 7, 8, 9, 16, 8191, 8192, 8193}) {
            assertFalse(Detector.isBinary(text(length)), "length " + length);
        }
        // Every byte but NUL, and bytes whose neighbours borrow (0x01 after 0x00 would): none is a NUL.
        byte[] all = new byte[255 * 3];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i % 255 + 1);
        }
        assertFalse(Detector.isBinary(all));
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0x01);
        assertFalse(Detector.isBinary(ones));
        byte[] high = new byte[64];
        Arrays.fill(high, (byte) 0x80);
        assertFalse(Detector.isBinary(high));
    }

    @Test
    void aNulPastTheProbeOrPastTheLengthDoesNotCount() {
        byte[] content = text(9000);
        content[8192] = 0;
        assertFalse(Detector.isBinary(content));
        byte[] buffer = text(64);
        buffer[40] = 0;
        // The engine reuses a buffer longer than the file: bytes past the file's length are not its.
        Detector.Result result = Detector.create(dev.hush.core.config.HushConfig.defaults())
                .analyze("notes.txt", buffer, 40, GitFacts.COMMITTED, false);
        assertFalse(result.binary());
        assertEquals(true, Detector.create(dev.hush.core.config.HushConfig.defaults())
                .analyze("notes.txt", buffer, 41, GitFacts.COMMITTED, false).binary());
    }

    private static byte[] text(int length) {
        byte[] content = new byte[length];
        for (int i = 0; i < length; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        return content;
    }
}

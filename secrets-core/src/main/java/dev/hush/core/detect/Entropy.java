package dev.hush.core.detect;

import java.util.HashMap;
import java.util.Map;

/** Measures how random a value looks: its Shannon entropy in bits per character. */
final class Entropy {
    private Entropy() {
    }

    /** Returns the Shannon entropy of the characters of {@code value}, 0 for an empty value. */
    static double shannon(CharSequence value) {
        int n = value.length();
        if (n == 0) {
            return 0;
        }
        int[] ascii = new int[128];
        Map<Character, Integer> other = null;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 128) {
                ascii[c]++;
            } else {
                if (other == null) {
                    other = new HashMap<>();
                }
                other.merge(c, 1, Integer::sum);
            }
        }
        double bits = 0;
        for (int count : ascii) {
            bits += term(count, n);
        }
        if (other != null) {
            for (int count : other.values()) {
                bits += term(count, n);
            }
        }
        return bits;
    }

    private static double term(int count, int n) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / n;
        return -p * (Math.log(p) / Math.log(2));
    }
}

package dev.hush.core.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * Finds every occurrence of a set of keywords in one pass over a text, ignoring case: an
 * Aho-Corasick automaton compiled into a dense transition table. Immutable once built, so
 * one index is shared by every worker thread.
 *
 * <p>The table has one row per trie state and one column per character class: each
 * character that occurs in a keyword (folded to lower case) has its own class, every other
 * character falls into class 0, which leads back towards the root. A transition that enters
 * a state where some keyword ends is stored negated, so the search loop tests for output
 * with the value it already loaded.
 */
final class KeywordIndex {
    /** Receives keyword occurrences, in the order of their end offsets. */
    interface Hits {
        /** Reports that keyword number {@code keyword} occurs in the text ending just before offset {@code end}. */
        void hit(int keyword, int end);
    }

    private final List<String> keywords;
    private final int[] classOf = new int[128];
    /** The character class of every char, non-ASCII letters folded as {@link #fold} does. */
    private final byte[] charClass = new byte[Character.MAX_VALUE + 1];
    private final int width;
    /** Transitions: {@code delta[row + class]} is the next row (state times width), negated past a keyword end. */
    private final int[] delta;
    /** Keywords that end in a state, by state number; null where none ends. */
    private final int[][] outputs;

    KeywordIndex(List<String> keywords) {
        this.keywords = List.copyOf(keywords);
        int classes = 1;
        for (String keyword : this.keywords) {
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("keyword.isEmpty()");
            }
            for (int i = 0; i < keyword.length(); i++) {
                int c = fold(keyword.charAt(i));
                if (c < 0) {
                    throw new IllegalArgumentException("keyword is not ASCII: " + keyword);
                }
                if (classOf[c] == 0) {
                    classOf[c] = classes++;
                }
            }
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            classOf[c] = classOf[Character.toLowerCase(c)];
        }
        this.width = classes;
        if (classes > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("keywords use more than 126 distinct characters");
        }
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            int folded = fold((char) c);
            charClass[c] = (byte) (folded < 0 ? 0 : classOf[folded]);
        }

        // The trie, with goto entries of -1 where there is no edge yet.
        List<int[]> gotos = new ArrayList<>();
        List<int[]> ends = new ArrayList<>();
        gotos.add(newRow());
        ends.add(null);
        for (int k = 0; k < this.keywords.size(); k++) {
            String keyword = this.keywords.get(k);
            int state = 0;
            for (int i = 0; i < keyword.length(); i++) {
                int cls = classOf[fold(keyword.charAt(i))];
                if (gotos.get(state)[cls] < 0) {
                    gotos.get(state)[cls] = gotos.size();
                    gotos.add(newRow());
                    ends.add(null);
                }
                state = gotos.get(state)[cls];
            }
            ends.set(state, append(ends.get(state), k));
        }

        // Breadth-first: failure links, inherited outputs, and the full transition function.
        int states = gotos.size();
        int[] fail = new int[states];
        int[][] next = new int[states][];
        next[0] = gotos.get(0).clone();
        Queue<Integer> queue = new ArrayDeque<>();
        for (int cls = 0; cls < width; cls++) {
            if (next[0][cls] < 0) {
                next[0][cls] = 0;
            } else {
                fail[next[0][cls]] = 0;
                queue.add(next[0][cls]);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            int[] out = ends.get(fail[state]);
            if (out != null) {
                for (int k : out) {
                    ends.set(state, append(ends.get(state), k));
                }
            }
            next[state] = gotos.get(state).clone();
            for (int cls = 0; cls < width; cls++) {
                int child = next[state][cls];
                if (child < 0) {
                    next[state][cls] = next[fail[state]][cls];
                } else {
                    fail[child] = next[fail[state]][cls];
                    queue.add(child);
                }
            }
        }
        this.outputs = ends.toArray(new int[0][]);
        this.delta = new int[states * width];
        for (int state = 0; state < states; state++) {
            for (int cls = 0; cls < width; cls++) {
                int target = next[state][cls];
                int row = target * width;
                delta[state * width + cls] = outputs[target] != null ? -row - 1 : row;
            }
        }
    }

    private int[] newRow() {
        int[] row = new int[width];
        Arrays.fill(row, -1);
        return row;
    }

    private static int[] append(int[] list, int value) {
        if (list == null) {
            return new int[] {value};
        }
        for (int existing : list) {
            if (existing == value) {
                return list;
            }
        }
        int[] longer = Arrays.copyOf(list, list.length + 1);
        longer[list.length] = value;
        return longer;
    }

    /** Folds {@code c} to its lower-case ASCII code, or -1 when it has none. */
    private static int fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }
        // Characters such as KELVIN SIGN fold to ASCII letters; match them as Java's case folding does.
        char lower = Character.toLowerCase(c);
        return lower < 128 ? lower : -1;
    }

    /** Returns the keywords, in the order their numbers refer to. */
    List<String> keywords() {
        return keywords;
    }

    /** Reports to {@code hits} every occurrence of every keyword in {@code text}, overlapping ones included. */
    void search(CharSequence text, Hits hits) {
        int[] delta = this.delta;
        byte[] classOf = this.charClass;
        int row = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            row = delta[row + classOf[text.charAt(i)]];
            if (row < 0) {
                row = -row - 1;
                for (int keyword : outputs[row / width]) {
                    hits.hit(keyword, i + 1);
                }
            }
        }
    }

    /** Returns whether any keyword occurs in {@code text}. */
    boolean containsAny(CharSequence text) {
        boolean[] found = new boolean[1];
        search(text, (keyword, end) -> found[0] = true);
        return found[0];
    }

    @Override
    public String toString() {
        return "KeywordIndex[" + keywords.size() + " keywords, " + outputs.length + " states]";
    }
}

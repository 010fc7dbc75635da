package dev.hush.core.detect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds every occurrence of a set of keywords in one pass over a text, ignoring case: an
 * Aho-Corasick automaton compiled into a dense transition table. Immutable once built, so
 * one index is shared by every worker thread.
 *
 * <p>The table has one row per trie state and one column per ASCII code, so a byte indexes
 * its row directly, with no lookup of its character class on the way (about a fifth faster
 * than a table of classes, measured on the JDK's sources, for a table of about 1 MB with
 * today's catalogue). A transition that enters a state where some keyword ends is stored
 * negated, so the search loop tests for output with the value it already loaded. A char
 * over 127 takes the column of the ASCII letter it folds to, or a last column for the
 * characters that occur in no keyword.
 *
 * <p>Each step of the automaton waits for the table load of the step before, so one pass
 * runs at the latency of that load. {@link #searchAscii} therefore runs four passes over
 * four quarters of the bytes at once, interleaved: each pass after the first starts the
 * length of the longest keyword before its quarter, which brings it into the very state a
 * single pass would be in when the quarter begins, so the hits are the same, in the same order.
 */
final class KeywordIndex {
    /** Receives keyword occurrences, in the order of their end offsets. */
    interface Hits {
        /** Reports that keyword number {@code keyword} occurs in the text ending just before offset {@code end}. */
        void hit(int keyword, int end);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final List<String> keywords;
    /** The columns of a row: one per ASCII code, then {@link #OTHER}. */
    private static final int COLUMNS = 129;
    /** The column of a char over 127 that folds to no ASCII character, and so occurs in no keyword. */
    private static final int OTHER = 128;
    /** While building: each character's class, the same (0) for all characters that occur in no keyword. */
    private final int[] classOf = new int[128];
    /** The length of the longest keyword: after that many characters, a pass is in the same state wherever it began. */
    private final int longest;
    /** Transitions: {@code delta[row + ascii]} is the next row (state times {@value #COLUMNS}), negated past a keyword end. */
    private final int[] delta;
    /** Keywords that end in a state, by state number; null where none ends. */
    private final int[][] outputs;

    KeywordIndex(List<String> keywords) {
        this.keywords = List.copyOf(keywords);
        int longest = 0;
        int classes = 1;
        for (String keyword : this.keywords) {
            longest = Math.max(longest, keyword.length());
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
        this.longest = longest;
        for (char c = 'A'; c <= 'Z'; c++) {
            classOf[c] = classOf[Character.toLowerCase(c)];
        }
        int width = classes;
        if (classes > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("keywords use more than 126 distinct characters");
        }
        // The columns of each class: a lower-case letter and its capital, or the one other character.
        int[][] columnsOfClass = new int[width][];
        for (int c = 0; c < OTHER; c++) {
            int cls = classOf[fold((char) c)];
            if (cls > 0) {
                columnsOfClass[cls] = append(columnsOfClass[cls], c);
            }
        }

        // The trie: each state's edges as a list of children (first child, next sibling, the class of
        // the edge into it), and the keywords that end in it.
        int capacity = 1;
        for (String keyword : this.keywords) {
            capacity += keyword.length();
        }
        int[] firstChild = new int[capacity];
        int[] nextSibling = new int[capacity];
        int[] edgeClass = new int[capacity];
        List<int[]> ends = new ArrayList<>();
        ends.add(null);
        int states = 1;
        for (int k = 0; k < this.keywords.size(); k++) {
            String keyword = this.keywords.get(k);
            int state = 0;
            for (int i = 0; i < keyword.length(); i++) {
                int cls = classOf[fold(keyword.charAt(i))];
                int child = firstChild[state];
                while (child != 0 && edgeClass[child] != cls) {
                    child = nextSibling[child];
                }
                if (child == 0) {
                    child = states++;
                    edgeClass[child] = cls;
                    nextSibling[child] = firstChild[state];
                    firstChild[state] = child;
                    ends.add(null);
                }
                state = child;
            }
            ends.set(state, append(ends.get(state), k));
        }

        // Breadth-first, so that a state's failure state (a proper suffix, so nearer the start) comes
        // before it: a state's row of the table is its failure state's, copied, with the columns of its
        // own edges set, and its failure state is where its parent's failure state goes on its edge.
        // Filling every row column by column, through a row of classes per state, took most of the
        // detector's start.
        int[] fail = new int[states];
        this.delta = new int[states * COLUMNS];
        int[] queue = new int[states];
        int head = 0;
        int tail = 1;
        while (head < tail) {
            int state = queue[head++];
            int base = state * COLUMNS;
            if (state != 0) {
                System.arraycopy(delta, fail[state] * COLUMNS, delta, base, COLUMNS);
            }
            for (int child = firstChild[state]; child != 0; child = nextSibling[child]) {
                int[] columns = columnsOfClass[edgeClass[child]];
                int failure = state == 0 ? 0 : row(delta[fail[state] * COLUMNS + columns[0]]) / COLUMNS;
                fail[child] = failure;
                int[] inherited = ends.get(failure);
                if (inherited != null) {
                    for (int k : inherited) {
                        ends.set(child, append(ends.get(child), k));
                    }
                }
                int target = ends.get(child) != null ? -child * COLUMNS - 1 : child * COLUMNS;
                for (int c : columns) {
                    delta[base + c] = target;
                }
                queue[tail++] = child;
            }
        }
        this.outputs = ends.toArray(new int[0][]);
    }

    /** Returns the row that a table entry leads to, whether a keyword ends there or not. */
    private static int row(int entry) {
        return entry < 0 ? -entry - 1 : entry;
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

    private int columnOfNonAscii(char c) {
        int folded = fold(c);
        return folded < 0 ? OTHER : folded;
    }

    /** Returns the keywords, in the order their numbers refer to. */
    List<String> keywords() {
        return keywords;
    }

    /** Reports to {@code hits} every occurrence of every keyword in {@code text}, overlapping ones included. */
    void search(CharSequence text, Hits hits) {
        find(text).forEach(hits);
    }

    /** Returns every occurrence of every keyword in {@code text}, overlapping ones included. */
    Occurrences find(CharSequence text) {
        int[] delta = this.delta;
        HitLog log = new HitLog();
        int row = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            row = delta[row + (c < 128 ? c : columnOfNonAscii(c))];
            if (row < 0) {
                row = -row - 1;
                log.add(i + 1, row);
            }
        }
        return new Occurrences(new HitLog[] {log});
    }

    /**
     * Returns every occurrence of every keyword in {@code bytes[0..length)}, as {@link #search}
     * finds them in the same text decoded, when every byte is ASCII (so byte offsets are char
     * offsets); returns null when a byte is not ASCII.
     */
    Occurrences searchAscii(byte[] bytes, int length) {
        if (length > bytes.length) {
            throw new IndexOutOfBoundsException("length > bytes.length");
        }
        int quarter = length / 4;
        HitLog[] logs = {new HitLog(), new HitLog(), new HitLog(), new HitLog()};
        int high;
        if (quarter < 4 * longest + 64) {
            high = resume(bytes, 0, length, 0, logs[0]);
        } else {
            high = interleaved(bytes, length, quarter, logs);
        }
        return high < 0 ? null : new Occurrences(logs);
    }

    /** The keyword occurrences that a search found. */
    final class Occurrences {
        private final HitLog[] logs;

        private Occurrences(HitLog[] logs) {
            this.logs = logs;
        }

        /** Returns whether keyword number {@code keyword} occurs. */
        boolean contains(int keyword) {
            for (HitLog log : logs) {
                for (int h = 0; h < log.count; h += 2) {
                    for (int found : outputs[log.entries[h + 1] / COLUMNS]) {
                        if (found == keyword) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** Reports every occurrence to {@code hits}, in the order {@link #search} reports them. */
        void forEach(Hits hits) {
            for (HitLog log : logs) {
                for (int h = 0; h < log.count; h += 2) {
                    for (int keyword : outputs[log.entries[h + 1] / COLUMNS]) {
                        hits.hit(keyword, log.entries[h]);
                    }
                }
            }
        }
    }

    /**
     * Runs four passes at once, one per quarter, when every byte is ASCII; returns 0, or -1 when a byte is not ASCII.
     * Whether one is not is answered first, eight bytes at a time: the passes then index the table with the bytes as
     * they are, with no per-byte test or mask (about 7% less time, as C1 compiles the loop).
     */
    private int interleaved(byte[] bytes, int length, int quarter, HitLog[] logs) {
        if (!isAscii(bytes, length)) {
            return -1;
        }
        int[] delta = this.delta;
        int sync = longest;
        // Pass k records hits ending after k * quarter and begins sync bytes before it, at k * quarter - sync.
        int from1 = quarter - sync;
        int from2 = 2 * quarter - sync;
        int from3 = 3 * quarter - sync;
        int row0 = 0;
        int row1 = 0;
        int row2 = 0;
        int row3 = 0;
        for (int j = 0; j < quarter; j++) {
            row0 = delta[row0 + bytes[j]];
            row1 = delta[row1 + bytes[from1 + j]];
            row2 = delta[row2 + bytes[from2 + j]];
            row3 = delta[row3 + bytes[from3 + j]];
            if ((row0 | row1 | row2 | row3) < 0) {
                if (row0 < 0) {
                    row0 = -row0 - 1;
                    logs[0].add(j + 1, row0);
                }
                if (row1 < 0) {
                    row1 = -row1 - 1;
                    if (j >= sync) {
                        logs[1].add(from1 + j + 1, row1);
                    }
                }
                if (row2 < 0) {
                    row2 = -row2 - 1;
                    if (j >= sync) {
                        logs[2].add(from2 + j + 1, row2);
                    }
                }
                if (row3 < 0) {
                    row3 = -row3 - 1;
                    if (j >= sync) {
                        logs[3].add(from3 + j + 1, row3);
                    }
                }
            }
        }
        // Passes 1 to 3 have the sync bytes of their head left to read, and the last one the remainder too.
        resume(bytes, from1 + quarter, 2 * quarter, row1, logs[1]);
        resume(bytes, from2 + quarter, 3 * quarter, row2, logs[2]);
        resume(bytes, from3 + quarter, length, row3, logs[3]);
        return 0;
    }

    /** Returns whether every byte of {@code bytes[0..length)} is ASCII: no high bit set in any word of eight. */
    static boolean isAscii(byte[] bytes, int length) {
        long or = 0;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            or |= (long) LONGS.get(bytes, i);
        }
        for (; i < length; i++) {
            or |= bytes[i];
        }
        return (or & 0x8080808080808080L) == 0;
    }

    /** Runs one pass over {@code bytes[from..to)} from row {@code start}; returns the or of the bytes. */
    private int resume(byte[] bytes, int from, int to, int start, HitLog log) {
        int[] delta = this.delta;
        int row = start;
        int high = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            high |= b;
            row = delta[row + (b & 0x7F)];
            if (row < 0) {
                row = -row - 1;
                log.add(i + 1, row);
            }
        }
        return high;
    }

    /** The hits of one pass, as pairs of end offset and row, in the order they were found. */
    private static final class HitLog {
        int[] entries = new int[0];
        int count;

        void add(int end, int row) {
            if (count == entries.length) {
                entries = Arrays.copyOf(entries, Math.max(32, count * 2));
            }
            entries[count++] = end;
            entries[count++] = row;
        }
    }

    /** Returns where any of {@code words} starts in {@code text}, ignoring case, in increasing order. */
    static int[] starts(List<String> words, CharSequence text) {
        KeywordIndex index = new KeywordIndex(words);
        List<Integer> starts = new ArrayList<>();
        index.search(text, (keyword, end) -> starts.add(end - words.get(keyword).length()));
        return starts.stream().mapToInt(Integer::intValue).sorted().toArray();
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

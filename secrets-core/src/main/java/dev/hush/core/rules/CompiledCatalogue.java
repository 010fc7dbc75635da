package dev.hush.core.rules;

import dev.hush.core.model.Card;
import dev.hush.core.model.Severity;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * Reads the built-in catalogue from a compact binary form, {@code rules.bin}, so
 * that a scan starts without parsing the YAML: a pre-commit hook pays for every millisecond
 * of start-up, and parsing {@code rules.yaml} with a cold JVM took about a third of it.
 *
 * <p>{@code rules.yaml} stays the single source of truth: the binary form records the
 * checksum of the YAML it was written from, and {@link #read} refuses it for any other YAML,
 * so a stale {@code rules.bin} only makes start-up slower. {@code CompiledCatalogueTest}
 * (with its test-scope writer) fails when it is stale and rewrites it with
 * {@code -Dhush.updateRules=true}. The rules' samples stay in the YAML: only the tests read them. Regexes are
 * stored as their sources and compiled on first use; they compiled when the YAML was parsed.
 */
final class CompiledCatalogue {
    /** The resource, beside {@code rules.yaml}. */
    static final String RESOURCE = "rules.bin";

    static final int MAGIC = 0x68757368;
    /**
     * 3: the rules without their samples, which only the tests read, from the YAML; with their verification.
     * 4: each regex's flags, so that building the analyzer need not compile it to learn them.
     */
    static final int VERSION = 4;

    private CompiledCatalogue() {
    }

    /** Returns the checksum that ties a binary form to the YAML it was written from. */
    static long checksum(byte[] yaml) {
        CRC32 crc = new CRC32();
        crc.update(yaml);
        return crc.getValue() << 32 | yaml.length & 0xFFFFFFFFL;
    }

    /**
     * Returns the checksum of the resource at {@code url} without reading it when the resource is an
     * entry of a jar, whose directory records the entry's CRC-32 and size: what {@link #checksum}
     * computes from its bytes (a hook's JVM inflated the 330 KB of rules.yaml only to check it). Empty
     * for a resource that is a file (the tests' class path), or an entry whose record lacks them.
     */
    static OptionalLong checksumInJar(URL url) {
        if (!url.getProtocol().equals("jar")) {
            return OptionalLong.empty();
        }
        try {
            JarEntry entry = ((JarURLConnection) url.openConnection()).getJarEntry();
            long crc = entry.getCrc();
            long size = entry.getSize();
            return crc < 0 || size < 0 ? OptionalLong.empty() : OptionalLong.of(crc << 32 | size & 0xFFFFFFFFL);
        } catch (IOException | ClassCastException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Returns the rules of {@code compiled}, or empty when it is missing, of another format
     * version, or written from YAML other than the one with {@code checksum}.
     */
    static Optional<List<Rule>> read(byte[] compiled, long checksum) {
        if (compiled == null) {
            return Optional.empty();
        }
        try {
            Input in = new Input(compiled);
            if (in.readInt() != MAGIC || in.readInt() != VERSION || in.readLong() != checksum) {
                return Optional.empty();
            }
            int count = in.readInt();
            List<Rule> rules = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rules.add(readRule(in));
            }
            return Optional.of(rules);
        } catch (RuntimeException e) {
            // A damaged file is as good as a missing one: the YAML is still there.
            return Optional.empty();
        }
    }

    private static Rule readRule(Input in) {
        String id = in.readString();
        Rule.Builder rule = Rule.builder(id, in.readString());
        rule.description(in.readString());
        rule.card(RuleCatalogue.byId(Card.values(), Card::id, in.readString()).orElseThrow());
        rule.severity(RuleCatalogue.byId(Severity.values(), Severity::id, in.readString()).orElseThrow());
        if (in.readBoolean()) {
            rule.analyzer(in.readString());
        }
        if (in.readBoolean()) {
            String regex = in.readString();
            int flags = in.readInt();
            int secretGroup = in.readInt();
            int keyGroup = in.readInt();
            rule.regex(Rule.LazyPattern.ofSource(regex, flags), secretGroup, keyGroup);
            rule.keywords(in.readList());
            rule.entropy(in.readBoolean() ? OptionalDouble.of(Double.longBitsToDouble(in.readLong())) : OptionalDouble.empty());
            rule.paths(in.readList());
            List<String> allowed = in.readList();
            List<Rule.LazyPattern> allow = new ArrayList<>(allowed.size());
            for (String source : allowed) {
                allow.add(Rule.LazyPattern.ofSource(source));
            }
            rule.allow(allow);
            rule.stopwords(in.readList());
            rule.multiline(in.readBoolean());
            rule.anchored(in.readBoolean());
            rule.placeholders(in.readBoolean() ? PlaceholderPolicy.SKIP : PlaceholderPolicy.LOW);
            rule.fallback(in.readBoolean());
            rule.secretKeyRequired(in.readBoolean());
            rule.verification(RuleCatalogue.byId(Verification.values(), Verification::id, in.readString()).orElseThrow());
        }
        rule.fix(in.readString());
        if (in.readBoolean()) {
            rule.rotation(new RotationHint(in.readString(), in.readString()));
        }
        return rule.build();
    }

    /**
     * Reads what {@code DataOutputStream} wrote (big-endian numbers, a boolean as a byte, a string as
     * its length and UTF-8 bytes) straight from the array: a hook's JVM interprets this, and
     * {@code DataInputStream} went through a stream, a copy and a variable handle for every number.
     * Reading past the end throws {@link IndexOutOfBoundsException}.
     */
    private static final class Input {
        private final byte[] bytes;
        private int at;

        Input(byte[] bytes) {
            this.bytes = bytes;
        }

        int readInt() {
            Objects.checkFromIndexSize(at, Integer.BYTES, bytes.length);
            int value = (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                    | bytes[at + 3] & 0xFF;
            at += Integer.BYTES;
            return value;
        }

        long readLong() {
            return (long) readInt() << 32 | readInt() & 0xFFFFFFFFL;
        }

        boolean readBoolean() {
            return bytes[at++] != 0;
        }

        String readString() {
            int length = readInt();
            Objects.checkFromIndexSize(at, length, bytes.length);
            String value = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return value;
        }

        List<String> readList() {
            int size = readInt();
            List<String> values = new ArrayList<>(Math.min(size, bytes.length - at));
            for (int i = 0; i < size; i++) {
                values.add(readString());
            }
            return values;
        }
    }
}

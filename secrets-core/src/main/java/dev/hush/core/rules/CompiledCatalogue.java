package dev.hush.core.rules;

import dev.hush.core.model.Card;
import dev.hush.core.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
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
     * Returns the rules of {@code compiled}, or empty when it is missing, of another format
     * version, or written from YAML other than the one with {@code checksum}.
     */
    static Optional<List<Rule>> read(byte[] compiled, long checksum) {
        if (compiled == null) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(compiled))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION || in.readLong() != checksum) {
                return Optional.empty();
            }
            int count = in.readInt();
            List<Rule> rules = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rules.add(readRule(in));
            }
            return Optional.of(rules);
        } catch (IOException | RuntimeException e) {
            // A damaged file is as good as a missing one: the YAML is still there.
            return Optional.empty();
        }
    }

    private static Rule readRule(DataInputStream in) throws IOException {
        String id = readString(in);
        Rule.Builder rule = Rule.builder(id, readString(in));
        rule.description(readString(in));
        rule.card(RuleCatalogue.byId(Card.values(), Card::id, readString(in)).orElseThrow());
        rule.severity(RuleCatalogue.byId(Severity.values(), Severity::id, readString(in)).orElseThrow());
        readOptional(in).ifPresent(rule::analyzer);
        if (in.readBoolean()) {
            String regex = readString(in);
            int flags = in.readInt();
            int secretGroup = in.readInt();
            int keyGroup = in.readInt();
            rule.regex(Rule.LazyPattern.ofSource(regex, flags), secretGroup, keyGroup);
            rule.keywords(readList(in));
            rule.entropy(in.readBoolean() ? OptionalDouble.of(in.readDouble()) : OptionalDouble.empty());
            rule.paths(readList(in));
            List<String> allowed = readList(in);
            List<Rule.LazyPattern> allow = new ArrayList<>(allowed.size());
            for (String source : allowed) {
                allow.add(Rule.LazyPattern.ofSource(source));
            }
            rule.allow(allow);
            rule.stopwords(readList(in));
            rule.multiline(in.readBoolean());
            rule.anchored(in.readBoolean());
            rule.placeholders(in.readBoolean() ? PlaceholderPolicy.SKIP : PlaceholderPolicy.LOW);
            rule.fallback(in.readBoolean());
            rule.secretKeyRequired(in.readBoolean());
            rule.verification(RuleCatalogue.byId(Verification.values(), Verification::id, readString(in)).orElseThrow());
        }
        rule.fix(readString(in));
        if (in.readBoolean()) {
            rule.rotation(new RotationHint(readString(in), readString(in)));
        }
        return rule.build();
    }


    private static String readString(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }


    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
    }


    private static List<String> readList(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readString(in));
        }
        return values;
    }
}

package dev.hush.core.rules;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes the built-in catalogue's binary form, {@code rules.bin}, that {@link CompiledCatalogue}
 * reads: only {@code CompiledCatalogueTest} writes it, so the writer is not in the jar.
 */
final class CompiledCatalogueWriter {
    private CompiledCatalogueWriter() {
    }

    /** Returns {@code rules} in the binary form, marked as written from YAML with {@code checksum}. */
    static byte[] write(List<Rule> rules, long checksum) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(CompiledCatalogue.MAGIC);
            out.writeInt(CompiledCatalogue.VERSION);
            out.writeLong(checksum);
            out.writeInt(rules.size());
            for (Rule rule : rules) {
                write(out, rule);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, Rule rule) throws IOException {
        writeString(out, rule.id());
        writeString(out, rule.origin());
        writeString(out, rule.description());
        writeString(out, rule.card().id());
        writeString(out, rule.severity().id());
        writeOptional(out, rule.analyzer());
        out.writeBoolean(rule.hasRegex());
        if (rule.hasRegex()) {
            String source = rule.regexSource().orElseThrow();
            if (Pattern.compile(source).flags() != rule.regexFlags()) {
                // The reader compiles the source alone: flags given to Pattern.compile would be lost.
                throw new IllegalStateException(rule.id() + ": regex flags not written inline in its source");
            }
            writeString(out, source);
            out.writeInt(rule.regexFlags());
            out.writeInt(rule.secretGroup());
            out.writeInt(rule.keyGroup());
            writeList(out, rule.keywords());
            out.writeBoolean(rule.entropy().isPresent());
            if (rule.entropy().isPresent()) {
                out.writeDouble(rule.entropy().getAsDouble());
            }
            writeList(out, rule.paths());
            writeList(out, rule.allowSources());
            writeList(out, rule.stopwords());
            out.writeBoolean(rule.multiline());
            out.writeBoolean(rule.anchored());
            out.writeBoolean(rule.placeholders() == PlaceholderPolicy.SKIP);
            out.writeBoolean(rule.fallback());
            out.writeBoolean(rule.secretKeyRequired());
            writeString(out, rule.verification().id());
        }
        writeString(out, rule.fix());
        out.writeBoolean(rule.rotation().isPresent());
        if (rule.rotation().isPresent()) {
            writeString(out, rule.rotation().get().provider());
            writeString(out, rule.rotation().get().revoke());
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
    private static void writeOptional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            writeString(out, value.get());
        }
    }
    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }
}

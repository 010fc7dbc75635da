package dev.hush.core.rules;

import dev.hush.core.testing.Reactor;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompiledCatalogueTest {
    private static final String UPDATE = "mvn -pl secrets-core test -Dtest=CompiledCatalogueTest -Dhush.updateRules=true";

    private static byte[] yaml() {
        return RuleCatalogue.resource(RuleCatalogue.RESOURCE).orElseThrow();
    }

    private static List<Rule> parsed() {
        return RuleCatalogue.parse(new String(yaml(), StandardCharsets.UTF_8), RuleCatalogue.ORIGIN).rules();
    }

    @Test
    void isWrittenFromTheRulesYamlThatShipsWithIt() throws Exception {
        byte[] expected = CompiledCatalogueWriter.write(parsed(), CompiledCatalogue.checksum(yaml()));
        Path file = Reactor.root().resolve("secrets-core/src/main/resources/dev/hush/core/rules/" + CompiledCatalogue.RESOURCE);

        if (Boolean.getBoolean("hush.updateRules")) {
            Files.write(file, expected);
        }

        assertThat(Files.exists(file)).as("%s exists; write it with %s", file, UPDATE).isTrue();
        assertThat(Files.readAllBytes(file))
                .as("rules.bin is out of date with rules.yaml, so hush parses the YAML at every start; rewrite it with "
                        + UPDATE)
                .isEqualTo(expected);
    }

    @Test
    void readsBackEveryRuleAsTheYamlDefinesIt() throws Exception {
        List<Rule> parsed = parsed();
        long checksum = CompiledCatalogue.checksum(yaml());
        List<Rule> read = CompiledCatalogue.read(CompiledCatalogueWriter.write(parsed, checksum), checksum).orElseThrow();

        assertThat(read).hasSameSizeAs(parsed);
        // Every public accessor, so that a field added to Rule but not to the binary form fails here.
        List<Method> accessors = Arrays.stream(Rule.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0
                        && !Modifier.isStatic(m.getModifiers()))
                .toList();
        assertThat(accessors).extracting(Method::getName).contains("regex", "allow", "samples", "rotation", "keywords");
        for (int i = 0; i < parsed.size(); i++) {
            // The samples stay in the YAML, which the tests read: the jar need not load them at every start.
            assertThat(read.get(i).samples().positives()).as("samples of %s", parsed.get(i).id()).isEmpty();
            assertThat(read.get(i).samples().negatives()).as("samples of %s", parsed.get(i).id()).isEmpty();
            for (Method accessor : accessors) {
                if (accessor.getName().equals("samples")) {
                    continue;
                }
                assertThat(comparable(accessor.invoke(read.get(i))))
                        .as("%s of %s", accessor.getName(), parsed.get(i).id())
                        .isEqualTo(comparable(accessor.invoke(parsed.get(i))));
            }
        }
    }

    /** Patterns have no equals: compare their sources and flags. */
    private static Object comparable(Object value) {
        if (value instanceof Pattern pattern) {
            return pattern.pattern() + "/" + pattern.flags();
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(CompiledCatalogueTest::comparable);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CompiledCatalogueTest::comparable).toList();
        }
        return value;
    }

    @Test
    void takesTheChecksumOfYamlInAJarFromTheJarsDirectory(@TempDir Path folder) throws Exception {
        Path jar = folder.resolve("rules.jar");
        byte[] edited = (new String(yaml(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("dev/hush/core/rules/rules.yaml"));
            out.write(yaml());
            out.closeEntry();
            // Stored, so that its sizes and CRC stand in the directory only, not beside a deflated stream.
            JarEntry stored = new JarEntry("edited.yaml");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(edited.length);
            CRC32 crc = new CRC32();
            crc.update(edited);
            stored.setCrc(crc.getValue());
            out.putNextEntry(stored);
            out.write(edited);
            out.closeEntry();
        }

        assertThat(CompiledCatalogue.checksumInJar(new URL("jar:" + jar.toUri() + "!/dev/hush/core/rules/rules.yaml")))
                .hasValue(CompiledCatalogue.checksum(yaml()));
        assertThat(CompiledCatalogue.checksumInJar(new URL("jar:" + jar.toUri() + "!/edited.yaml")))
                .hasValue(CompiledCatalogue.checksum(edited));
        assertThat(CompiledCatalogue.checksumInJar(jar.toUri().toURL())).isEmpty();
        assertThat(CompiledCatalogue.checksumInJar(new URL("jar:" + jar.toUri() + "!/missing.yaml"))).isEmpty();
    }

    @Test
    void refusesABinaryFormWrittenFromOtherYaml() {
        byte[] compiled = CompiledCatalogueWriter.write(parsed(), CompiledCatalogue.checksum(yaml()));
        byte[] edited = (new String(yaml(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(CompiledCatalogue.read(compiled, CompiledCatalogue.checksum(edited))).isEmpty();
        assertThat(CompiledCatalogue.read(Arrays.copyOf(compiled, 100), CompiledCatalogue.checksum(yaml()))).isEmpty();
        assertThat(CompiledCatalogue.read(null, CompiledCatalogue.checksum(yaml()))).isEmpty();
    }

    @Test
    void compilesARegexOnlyWhenItIsFirstUsed() {
        long checksum = CompiledCatalogue.checksum(yaml());
        Rule rule = CompiledCatalogue.read(CompiledCatalogueWriter.write(parsed(), checksum), checksum).orElseThrow().stream()
                .filter(r -> r.id().equals("github-pat")).findFirst().orElseThrow();

        assertThat(rule.regexSource()).contains("\\b(ghp_[A-Za-z0-9]{36})\\b");
        assertThat(rule.regex().orElseThrow().matcher("ghp_" + "a".repeat(36)).find()).isTrue();
        assertThat(rule.regex().orElseThrow()).isSameAs(rule.regex().orElseThrow());
    }

}

package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scans real code that holds (almost) no secrets, and prints every finding with its rule, file
 * and line (never its value): the JDK's own sources, the sources of the Maven artifacts in the
 * local repository, and an npm tree of large packages. Each finding left must be a credential or
 * a documented example one; the counts are pinned. In the load profile: {@code mvn -Pload}.
 *
 * <p>Sources jars come from {@code mvn dependency:sources}; the npm tree is installed into
 * {@code target/real-code/npm} on first use when npm and its registry are reachable.
 */
@Tag("load")
class RealCodePrecisionTest {
    private static final Detector DETECTOR = Detector.create(HushConfig.defaults());
    /** The npm packages scanned, at the versions whose findings are pinned below. */
    private static final List<String> NPM_PACKAGES = List.of(
            "typescript@7.0.2", "webpack@5.113.0", "aws-sdk@2.1693.0", "eslint@10.15.0", "@babel/core@7.29.16");

    @Test
    void findsNoSecretInTheJdksSources() throws IOException {
        List<Path> zips = new ArrayList<>();
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            jdks.map(jdk -> jdk.resolve("lib/src.zip")).filter(Files::isReadable).forEach(zips::add);
        } catch (IOException e) {
            assumeTrue(false, "no /usr/lib/jvm here");
        }
        assumeTrue(!zips.isEmpty(), "no JDK with lib/src.zip here");
        List<String> findings = new ArrayList<>();
        for (Path zip : zips) {
            findings.addAll(scanZip(zip));
        }
        print("JDK sources " + zips, findings);
        assertThat(findings).isEmpty();
    }

    @Test
    void findsNoSecretInTheSourcesOfMavenArtifacts() throws IOException {
        Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        // hush's own artifacts, there after an mvn install, are not dependencies: their rules.yaml holds samples on purpose.
        Path ours = repository.resolve("dev/hush");
        List<Path> jars;
        try (Stream<Path> files = Files.walk(repository)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith("-sources.jar"))
                    .filter(p -> !p.startsWith(ours)).sorted().toList();
        } catch (IOException e) {
            jars = List.of();
        }
        assumeTrue(!jars.isEmpty(), "no -sources.jar in ~/.m2: run mvn dependency:sources first");
        List<String> findings = new ArrayList<>();
        for (Path jar : jars) {
            findings.addAll(scanZip(jar));
        }
        print(jars.size() + " sources jars", findings);
        assertThat(findings).isEmpty();
    }

    @Test
    void findsOnlyTheDocumentedExampleCredentialsInAnNpmTree() throws Exception {
        Path tree = Path.of("target", "real-code", "npm");
        assumeTrue(installed(tree), "npm or its registry is not reachable");
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tree.resolve("node_modules"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (Files.size(file) <= 10 * 1024 * 1024) {
                    findings.addAll(scan(tree.relativize(file).toString(), Files.readAllBytes(file)));
                }
            }
        }
        print("npm tree " + NPM_PACKAGES, findings);
        Map<String, Integer> byRule = new TreeMap<>();
        findings.forEach(f -> byRule.merge(f.substring(0, f.indexOf(' ')), 1, Integer::sum));
        // All in aws-sdk's API examples (*.examples.json: sample passwords, keys and tokens of its documentation),
        // jwt/azure-sas-token examples in its typings, and url-basic-auth in the url package's tests: example credentials.
        assertThat(findings).allMatch(f -> f.contains(".examples.json") || f.contains("node_modules/url/test.js")
                || f.contains("aws-sdk/clients/"));
        // AWS STS's example WebIdentityToken, filled with X's, is a typed stand-in (Placeholders.isTypedStandIn): not counted.
        assertThat(byRule).isEqualTo(Map.of("json-secret", 9, "jwt", 4, "azure-sas-token", 1, "url-basic-auth", 6));
    }

    private static boolean installed(Path tree) throws Exception {
        if (Files.isDirectory(tree.resolve("node_modules/aws-sdk"))) {
            return true;
        }
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("package.json"), "{\"name\":\"real-code\",\"private\":true}");
        List<String> command = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"));
        command.addAll(NPM_PACKAGES);
        try {
            Process npm = new ProcessBuilder(command).directory(tree.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return npm.waitFor(10, TimeUnit.MINUTES) && npm.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> scanZip(Path zip) throws IOException {
        List<String> findings = new ArrayList<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().toList()) {
                if (entry.isDirectory() || entry.getSize() > 10 * 1024 * 1024) {
                    continue;
                }
                try (InputStream in = archive.getInputStream(entry)) {
                    findings.addAll(scan(zip.getFileName() + "!/" + entry.getName(), in.readAllBytes()));
                }
            }
        }
        return findings;
    }

    /** Returns each finding as {@code rule path:line key}: what a reader needs to judge it, without the value. */
    private static List<String> scan(String path, byte[] content) {
        List<String> lines = new ArrayList<>();
        for (Finding f : DETECTOR.analyzeCommitted(path, content).findings()) {
            lines.add(f.ruleId() + " " + f.location().path() + ":" + f.location().line() + " " + f.key().orElse(""));
        }
        return lines;
    }

    private static void print(String what, List<String> findings) {
        System.out.println(what + ": " + findings.size() + " findings");
        findings.forEach(f -> System.out.println("  " + f));
    }
}

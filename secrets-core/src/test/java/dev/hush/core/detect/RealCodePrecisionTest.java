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
 * local repository, an npm tree of large packages, and this machine's Python installation (its
 * standard library, test suite and site-packages). Each finding left must be a credential or
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
            "typescript@7.0.2", "webpack@5.113.0", "aws-sdk@2.1693.0", "eslint@10.15.0", "@babel/core@7.29.16",
            // What real repositories carry: package.json files whose dependencies are named like secrets (minipass),
            // docs with config examples, minified bundles, and the lockfile npm writes.
            "npm@12.2.2", "express@5.3.0", "react@19.3.1", "next@16.5.0", "lodash@4.18.1");
    /** The global npm tree as the machine image ships it with Node, whose findings are pinned below. */
    private static final String GLOBAL_NPM = "corepack@0.34.6 npm@11.19.1";
    /** The C headers as the machine image ships them: OpenSSL's version and how many files there are. */
    private static final String SYSTEM_HEADERS = "OpenSSL 3.0.19 27 Jan 2026, 7935 files";
    /** Go's standard library as Debian's golang-1.19-src ships it (.ci/run installs it): its version and files. */
    private static final String GO_SOURCES = "go1.19, 8183 files";

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
        // The lockfile a repository commits: package names, version ranges, integrity hashes and resolved URLs.
        Path lockfile = tree.resolve("package-lock.json");
        assertThat(lockfile).isRegularFile();
        findings.addAll(scan("package-lock.json", Files.readAllBytes(lockfile)));
        findings.addAll(scanTree(tree, tree.resolve("node_modules")));
        print("npm tree " + NPM_PACKAGES, findings);
        Map<String, Integer> byRule = new TreeMap<>();
        findings.forEach(f -> byRule.merge(f.substring(0, f.indexOf(' ')), 1, Integer::sum));
        // All in aws-sdk's API examples (*.examples.json: sample passwords, keys and tokens of its documentation),
        // jwt/azure-sas-token examples in its typings, and url-basic-auth in the url package's tests: example credentials.
        // Next's dotenv error message shows a vault URL's format with key_1234 (in @next/env and the bundled server);
        // its environment guide writes DB_PASS=mypassword; arborist's README an auth and a password in base64 that say
        // "not my real password": documentation's examples.
        assertThat(findings).allMatch(f -> f.contains(".examples.json") || f.contains("node_modules/url/test.js")
                || f.contains("aws-sdk/clients/") || f.startsWith("url-basic-auth node_modules/@next/env/dist/index.js:1 ")
                || f.startsWith("url-basic-auth node_modules/next/dist/compiled/next-server/server.runtime.prod.js")
                || f.contains("next/dist/docs/app/guides/environment-variables.md:23 DB_PASS")
                || f.contains("@npmcli/arborist/README.md"));
        // No package.json dependency (minipass: ^7.0.4), lockfile entry, typeof check or minified constant is one.
        assertThat(findings).noneMatch(f -> f.contains("package.json") || f.contains("package-lock.json"));
        // AWS STS's example WebIdentityToken, filled with X's, is a typed stand-in (Placeholders.isTypedStandIn): not counted.
        assertThat(byRule).isEqualTo(Map.of("json-secret", 9, "jwt", 4, "azure-sas-token", 1, "url-basic-auth", 9,
                "generic-secret-assignment", 3));
    }

    @Test
    void findsOnlyTheDocumentedExampleCredentialsInTheGlobalNpmTree() throws IOException {
        Path tree = Path.of("/usr/lib/node_modules");
        assumeTrue(Files.isDirectory(tree), "no global npm tree here");
        List<String> findings = scanTree(tree, tree);
        String fingerprint = packageVersions(tree);
        print("global npm tree " + fingerprint, findings);
        // npm's and corepack's package.json files name minipass, fs-minipass ... with version ranges; npm's config docs
        // show a PEM block of XXXX; corepack pins npm's signing keys (public keys); undici compares fetch's
        // credentials modes; @npmcli/git sets GIT_ASKPASS: none is a secret.
        assertThat(findings).noneMatch(f -> f.contains("package.json") || f.contains("corepack.cjs")
                || f.contains("ASKPASS") || f.contains("undici/") || f.contains("config.md"));
        if (fingerprint.equals(GLOBAL_NPM)) {
            // Arborist's README shows an auth and a password in base64, "not my real password": documentation's example.
            assertThat(findings).hasSize(2).allMatch(f -> f.contains("@npmcli/arborist/README.md"));
        }
    }

    @Test
    void findsNoSecretInTheSystemsCHeaders() throws IOException {
        Path tree = Path.of("/usr/include");
        assumeTrue(Files.isDirectory(tree.resolve("openssl")), "no OpenSSL headers here");
        List<String> findings = scanTree(tree, tree);
        long files = regularFiles(tree);
        java.util.regex.Matcher openssl = java.util.regex.Pattern.compile("OPENSSL_VERSION_TEXT\\s+\"([^\"]+)\"")
                .matcher(Files.readString(tree.resolve("openssl/opensslv.h")));
        String fingerprint = (openssl.find() ? openssl.group(1) : "?") + ", " + files + " files";
        print("/usr/include (" + fingerprint + ")", findings);
        // OpenSSL's obj_mac.h names objects (SN_auth_gost01 "AuthGOST01") and gives OIDs, as GnuTLS's x509.h does.
        assertThat(findings).noneMatch(f -> f.contains("obj_mac.h") || f.contains("gnutls/x509.h"));
        if (fingerprint.equals(SYSTEM_HEADERS)) {
            assertThat(findings).isEmpty();
        }
    }

    @Test
    void findsOnlyTestKeysAndPasswordsInGosStandardLibrary() throws IOException {
        Path tree = Path.of("/usr/share/go-1.19/src");
        assumeTrue(Files.isDirectory(tree.resolve("crypto")), "no Go sources here (Debian's golang-1.19-src)");
        List<String> findings = scanTree(tree, tree);
        String fingerprint = "go1.19, " + regularFiles(tree) + " files";
        print("Go standard library " + tree + " (" + fingerprint + ")", findings);
        // Struct fields named after netrc's tokens, a go.sum-like CSV's rows, FTP's PASS command: never a finding.
        assertThat(findings).noneMatch(f -> f.contains("auth/netrc.go") || f.contains("zip_sums.csv")
                || f.contains("test2json.go"));
        // What is left is a test's: crypto/tls's and x509's test keys, net/url's parser cases, cmd/go's netrc
        // fixture (a test's made-up passwords, such as pass:asdf, are not reported).
        assertThat(findings).allMatch(f -> f.contains("_test.go:") || f.contains("/testdata/"));
        if (fingerprint.equals(GO_SOURCES)) {
            Map<String, Integer> byRule = new TreeMap<>();
            findings.forEach(f -> byRule.merge(f.substring(0, f.indexOf(' ')), 1, Integer::sum));
            assertThat(byRule).isEqualTo(Map.of("generic-secret-assignment", 6, "url-basic-auth", 5, "private-key", 3));
        }
    }

    /** The Google Cloud SDK the counts below were pinned on: its VERSION and its file count. */
    private static final String CLOUD_SDK = "528.0.0, 47809 files";

    @Test
    void findsFewFindingsInTheGoogleCloudSdkAndItsVendoredLibraries() throws IOException {
        // gcloud, gsutil and bq with the libraries they bundle (boto, oauthlib, requests, urllib3, kubernetes' client,
        // App Engine's SDK): a large real Python codebase with its dependencies inside, as a team's repository holds one.
        Path tree = Path.of("/usr/lib/google-cloud-sdk");
        assumeTrue(Files.isRegularFile(tree.resolve("VERSION")), "no Google Cloud SDK here");
        List<String> findings = scanTree(tree, tree);
        String fingerprint = Files.readString(tree.resolve("VERSION")).strip() + ", " + regularFiles(tree) + " files";
        print("Google Cloud SDK " + tree + " (" + fingerprint + ")", findings);
        // Type names in generated clients, OAuth docstrings' example tokens, a test's Basic pair of stand-ins, a
        // header map's variable: never a finding.
        assertThat(findings).noneMatch(f -> f.contains("kubernetes/client/models/") || f.contains("rfc6749/parameters.py")
                || f.contains("tests/oauth2/test_sts.py") || f.contains("google/auth/aws.py"));
        if (fingerprint.equals(CLOUD_SDK)) {
            Map<String, Integer> byRule = new TreeMap<>();
            findings.forEach(f -> byRule.merge(f.substring(0, f.indexOf(' ')), 1, Integer::sum));
            // Google's own installed-app OAuth client secrets (gcloud's and bq's, published by design) and API keys,
            // test keys and keystores, help texts' example passwords (--password=123Abpassword), the bundled
            // libraries' test passwords and digest keys, Jetty's demo realm (its users' clear and OBF: passwords).
            assertThat(byRule).isEqualTo(Map.ofEntries(Map.entry("python-secret-assignment", 22), Map.entry("private-key", 20),
                    Map.entry("cli-password-option", 12), Map.entry("gcp-api-key", 6), Map.entry("http-authorization-header", 4),
                    Map.entry("url-basic-auth", 4), Map.entry("keystore-private-key", 2), Map.entry("properties-secret", 2),
                    Map.entry("env-logged", 2), Map.entry("azure-sas-token", 1), Map.entry("code-credential-arguments", 1),
                    Map.entry("env-dumped-in-script", 1), Map.entry("generic-secret-assignment", 1),
                    Map.entry("prose-password", 1), Map.entry("jetty-realm-password", 3)));
        }
    }

    /** Returns how many regular files {@code tree} holds: what a pinned count was measured on. */
    private static long regularFiles(Path tree) throws IOException {
        try (Stream<Path> all = Files.walk(tree)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    /** Returns the findings in each file under {@code from} of at most 10 MB, their paths relative to {@code tree}. */
    private static List<String> scanTree(Path tree, Path from) throws IOException {
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (Files.size(file) <= 10 * 1024 * 1024 && Files.isReadable(file)) {
                    findings.addAll(scan(tree.relativize(file).toString(), Files.readAllBytes(file)));
                }
            }
        }
        return findings;
    }

    /** Returns the top-level packages of a node_modules folder as {@code name@version}, sorted: what was scanned. */
    private static String packageVersions(Path modules) throws IOException {
        List<String> packages = new ArrayList<>();
        try (Stream<Path> folders = Files.list(modules)) {
            for (Path folder : folders.sorted().toList()) {
                Path manifest = folder.resolve("package.json");
                if (Files.isRegularFile(manifest)) {
                    java.util.regex.Matcher version = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"")
                            .matcher(Files.readString(manifest));
                    packages.add(folder.getFileName() + "@" + (version.find() ? version.group(1) : "?"));
                }
            }
        }
        return String.join(" ", packages);
    }

    /**
     * What the Python tree this test was pinned on holds: its place, its file count and the sorted names of its
     * site-packages' dist-info folders (name and version of each distribution), hashed.
     */
    private static final String PINNED_PYTHON = "/root/.pyenv/versions/3.11.7/lib/python3.11 files=33878 dists=8590f7e1be12ca5e";

    /** Names whose values are a handle, an expression, an error code's name or a mask there: none may come back. */
    private static final List<String> PYTHON_HANDLES = List.of(
            " ApiKeySelectionExpression", " nextForwardToken", " nextBackwardToken", " PurchaseToken", " WorkUnitToken",
            " ExportToken", " ImportToken", " update_token", "PassThruIsInvalid", " IAMSelfManageServiceSpecificCredentials");

    @Test
    void findsOnlyTestFixturesAndDocumentedExampleCredentialsInAPythonInstallation() throws Exception {
        Path stdlib = pythonStdlib();
        assumeTrue(stdlib != null, "no Python installation here");
        List<String> findings = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(stdlib)) {
            // Compiled modules come and go as Python runs: not part of what is pinned.
            files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("__pycache__")).sorted().toList();
        }
        for (Path file : files) {
            if (Files.size(file) <= 10 * 1024 * 1024) {
                findings.addAll(scan(stdlib.relativize(file).toString(), Files.readAllBytes(file)));
            }
        }
        String fingerprint = pythonFingerprint(stdlib, files.size());
        print("Python " + stdlib + " (" + fingerprint + ")", findings);
        // awscli's and botocore's API handles (pages, offers, jobs), API Gateway's key expression, an ARN, braintree's
        // error code names: what a scan of real code must not report, whatever version is installed.
        assertThat(findings).noneMatch(f -> PYTHON_HANDLES.stream().anyMatch(f::contains));
        if (!fingerprint.equals(PINNED_PYTHON)) {
            System.out.println("  not the Python tree the counts were pinned on (" + PINNED_PYTHON + "): counts not checked");
            return;
        }
        Map<String, Integer> byRule = new TreeMap<>();
        findings.forEach(f -> byRule.merge(f.substring(0, f.indexOf(' ')), 1, Integer::sum));
        // The stdlib's test suite (test/: its certdata keys, its login and zip passwords), awscli's examples and
        // botocore's examples-1.json (AWS documentation's example keys, passwords and tokens), moto's fake server
        // (its proxy's CA key, made-up tokens), joserfc's README JWT, urllib's docstring. The test suites' made-up
        // passwords (somepass, badpass, coyote, abc123) are not reported.
        assertThat(findings).allMatch(f -> f.contains(" test/") || f.contains("/tests/") || f.contains("awscli/examples/")
                || f.contains("botocore/data/") || f.contains("site-packages/moto/") || f.contains("dist-info/METADATA")
                || f.contains("urllib/request.py"));
        assertThat(byRule).isEqualTo(Map.of("private-key", 19, "generic-secret-assignment", 25, "python-secret-assignment", 5,
                "cli-password-option", 13, "aws-access-key-id", 4, "json-secret", 3, "http-api-key-header", 1, "jwt", 1));
    }

    /** Returns this machine's Python standard library: pyenv's 3.11.7, else what python3 says, else null. */
    private static Path pythonStdlib() throws Exception {
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv/versions/3.11.7/lib/python3.11");
        if (Files.isDirectory(pyenv)) {
            return pyenv;
        }
        try {
            Process python = new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return python.waitFor(1, TimeUnit.MINUTES) && python.exitValue() == 0 && Files.isDirectory(Path.of(out))
                    ? Path.of(out) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Returns the tree's place (pyenv's names its version), file count and a hash of its sorted dist-info folders. */
    private static String pythonFingerprint(Path stdlib, int fileCount) throws Exception {
        List<String> dists = new ArrayList<>();
        Path sitePackages = stdlib.resolve("site-packages");
        if (Files.isDirectory(sitePackages)) {
            try (Stream<Path> entries = Files.list(sitePackages)) {
                entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dist-info")).sorted().forEach(dists::add);
            }
        }
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(String.join("\n", dists).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return stdlib + " files=" + fileCount + " dists=" + java.util.HexFormat.of().formatHex(digest, 0, 8);
    }

    private static boolean installed(Path tree) throws Exception {
        if (NPM_PACKAGES.stream().allMatch(p -> Files.isDirectory(tree.resolve("node_modules")
                .resolve(p.substring(0, p.lastIndexOf('@')))))) {
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

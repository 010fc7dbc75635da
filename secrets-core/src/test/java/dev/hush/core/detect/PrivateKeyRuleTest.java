package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import dev.hush.core.rules.RuleCatalogue;
import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generates real keys at run time, so no key is ever committed, and checks how each form is reported. */
class PrivateKeyRuleTest {
    private static final ProviderRuleAnalyzer ANALYZER = new ProviderRuleAnalyzer(RuleCatalogue.builtIn());
    private static KeyPair rsa;
    private static KeyPair ec;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static String openSshEd25519() throws IOException {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        byte[] blob = OpenSSHPrivateKeyUtil.encodePrivateKey(generator.generateKeyPair().getPrivate());
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("OPENSSH PRIVATE KEY", blob));
        }
        return out.toString();
    }

    private static List<Finding> keysIn(String path, String text) {
        FileAnalysis analysis = new FileAnalysis(new SourceFile(path, text), GitFacts.NONE);
        ANALYZER.analyze(analysis);
        return analysis.findings().stream().filter(f -> f.ruleId().equals("private-key")).toList();
    }

    @Test
    void reportsAGeneratedRsaKeyInTraditionalFormatAsHigh() throws Exception {
        String key = pem(rsa.getPrivate());
        assertThat(key).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        List<Finding> findings = keysIn("deploy/id_rsa", "# deploy key\n" + key);

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.HIGH);
            assertThat(finding.location().line()).isEqualTo(2);
            assertThat(finding.location().column()).isEqualTo(1);
            assertThat(finding.secret().orElseThrow().reveal()).isEqualTo(key.strip());
            assertThat(finding.message()).contains("valid").doesNotContain(key.lines().skip(1).findFirst().orElseThrow());
        });
    }

    @Test
    void reportsGeneratedPkcs8RsaAndEcKeysAsHigh() throws Exception {
        String text = pem(new JcaPKCS8Generator(rsa.getPrivate(), null)) + "\n" + pem(new JcaPKCS8Generator(ec.getPrivate(), null));

        List<Finding> findings = keysIn("certs/keys.pem", text);

        assertThat(findings).hasSize(2).allSatisfy(finding -> assertThat(finding.severity()).isEqualTo(Severity.HIGH));
        assertThat(findings.get(1).location().line()).isGreaterThan(20);
    }

    @Test
    void reportsAKeyWhoseBase64HoldsARunOfXsAsHigh() throws Exception {
        // A P-256 key with a chosen private value: bytes C7 1C 71 on a three-byte boundary of the encoding read "xxxx".
        java.security.spec.ECParameterSpec params = ((java.security.interfaces.ECPrivateKey) ec.getPrivate()).getParams();
        java.security.KeyFactory factory = java.security.KeyFactory.getInstance("EC");
        String key = null;
        for (int at = 1; at < 29 && key == null; at++) {
            byte[] scalar = new byte[32];
            java.util.Arrays.fill(scalar, (byte) 0x11);
            scalar[at] = (byte) 0xC7;
            scalar[at + 1] = (byte) 0x1C;
            scalar[at + 2] = (byte) 0x71;
            java.security.PrivateKey chosen = factory.generatePrivate(
                    new java.security.spec.ECPrivateKeySpec(new java.math.BigInteger(1, scalar), params));
            String candidate = pem(new JcaPKCS8Generator(chosen, null));
            if (candidate.contains("xxxx")) {
                key = candidate;
            }
        }
        assertThat(key).as("a key whose base64 holds xxxx").isNotNull();

        assertThat(keysIn("certs/signing.pem", key)).singleElement()
                .satisfies(finding -> assertThat(finding.severity()).isEqualTo(Severity.HIGH));
    }

    @Test
    void reportsAGeneratedOpenSshKeyAsHigh() throws Exception {
        List<Finding> findings = keysIn("home/.ssh/id_ed25519", openSshEd25519());

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.HIGH);
            assertThat(finding.message()).contains("OpenSSH");
        });
    }

    @Test
    void reportsAKeyEscapedInsideJsonAsHigh() throws Exception {
        String key = pem(new JcaPKCS8Generator(ec.getPrivate(), null));
        String json = "{\n  \"type\": \"service_account\",\n  \"private_key\": \"" + key.replace("\n", "\\n") + "\"\n}\n";

        assertThat(keysIn("sa.json", json)).singleElement()
                .satisfies(finding -> assertThat(finding.severity()).isEqualTo(Severity.HIGH));
    }

    @Test
    void reportsAnEncryptedKeyAsMedium() throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(rsa.getPrivate(), new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(new BouncyCastleProvider()).build("not-a-real-passphrase".toCharArray()));
        }

        assertThat(keysIn("id_rsa", out.toString())).singleElement()
                .satisfies(finding -> assertThat(finding.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void reportsATruncatedKeyAsLowOnly() throws Exception {
        List<String> lines = pem(rsa.getPrivate()).lines().toList();
        String truncated = String.join("\n", lines.subList(0, 6)) + "\n" + lines.get(lines.size() - 1) + "\n";

        assertThat(keysIn("notes.md", truncated)).singleElement()
                .satisfies(finding -> assertThat(finding.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void reportsAKeyWithAGarbledCharacterAsLowAndThreeGarbledAsNothing() throws Exception {
        List<String> lines = pem(rsa.getPrivate()).lines().toList();
        String line = lines.get(10);

        String once = pem(rsa.getPrivate()).replace(line, line.substring(0, 20) + "\u00a1" + line.substring(21));
        String thrice = pem(rsa.getPrivate()).replace(line, "`\u00a1" + line.substring(2, 40) + "\u00a1" + line.substring(41));

        assertThat(keysIn("id_rsa", once)).singleElement()
                .satisfies(finding -> assertThat(finding.severity()).isEqualTo(Severity.LOW));
        assertThat(keysIn("id_rsa", thrice)).isEmpty();
    }

    @Test
    void doesNotReportAShortBlockWithAGarbledCharacter() throws Exception {
        List<String> lines = pem(rsa.getPrivate()).lines().toList();
        String shortBlock = lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).substring(0, 30) + "\u00a1\n"
                + lines.get(3) + "\n" + lines.get(lines.size() - 1) + "\n";

        assertThat(keysIn("id_rsa", shortBlock)).isEmpty();
    }

    @Test
    void doesNotReportPlaceholderOrShortBlocks() {
        String text = """
                -----BEGIN RSA PRIVATE KEY-----
                ...
                -----END RSA PRIVATE KEY-----
                -----BEGIN PRIVATE KEY-----
                <paste your key here>
                -----END PRIVATE KEY-----
                -----BEGIN OPENSSH PRIVATE KEY-----
                b3BlbnNzaC1rZXktdjEAAAAA
                -----END OPENSSH PRIVATE KEY-----
                -----BEGIN EC PRIVATE KEY-----
                xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
                -----END EC PRIVATE KEY-----
                """;

        assertThat(keysIn("README.md", text)).isEmpty();
    }

    @Test
    void doesNotReportABlockWithoutItsEnd() throws Exception {
        String key = pem(rsa.getPrivate());
        String cut = key.substring(0, key.indexOf("-----END"));

        assertThat(keysIn("id_rsa", cut)).isEmpty();
    }
}

package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Formats and cases of the credential-file analyzers that one sample per rule in rules.yaml does not cover. */
class CredentialFileAnalyzersTest {
    private static final Detector DETECTOR = Detector.create(HushConfig.defaults());

    private static List<Finding> scan(String path, String text) {
        Detector.Result result = DETECTOR.analyzeCommitted(path, text.getBytes(StandardCharsets.UTF_8));
        return result.findings();
    }

    @Test
    void declaresEveryCredentialFileRuleWithItsAnalyzerSoTheDetectorRanksItFirst() {
        List<String> ids = dev.hush.core.rules.RuleCatalogue.builtIn().rules().stream()
                .filter(rule -> rule.analyzer().equals(java.util.Optional.of("credential-file")))
                .map(dev.hush.core.rules.Rule::id).toList();

        // The detector ranks a rule by its catalogue entry: one with an analyzer beats a provider's format.
        assertThat(ids).containsExactlyInAnyOrder("netrc-password", "git-credentials-password", "pgpass-password",
                "htpasswd-credential", "shadow-password-hash", "ftp-client-password", "database-gui-password",
                "database-gui-credentials", "browser-password-export", "putty-private-key", "keystore-private-key",
                "rails-master-key", "rails-secret-key-base", "pgbouncer-userlist-password", "ansible-vault-password",
                "windows-answer-file-password", "jetty-realm-password", "postfix-sasl-password", "solana-keypair",
                "user-password-file");
    }

    @Test
    void namesTheAccountOfEachAnswerFilePasswordAndSaysWhenItIsOnlyEncoded() {
        List<Finding> found = scan("packer/autounattend.xml", """
                <unattend>
                  <LocalAccount>
                    <Password>
                      <Value>UgBrADMAdgBUADkAcABMAG0AMgBRAHgAUABhAHMAcwB3AG8AcgBkAA==</Value>
                      <PlainText>false</PlainText>
                    </Password>
                    <Name>deploy</Name>
                  </LocalAccount>
                  <AutoLogon>
                    <Password><Value>Vb6Ms1Qe8Rw3</Value><PlainText>true</PlainText></Password>
                    <Username>vagrant</Username>
                  </AutoLogon>
                </unattend>
                """);

        assertThat(found).extracting(Finding::ruleId).containsOnly("windows-answer-file-password");
        assertThat(found).extracting(Finding::message).containsExactly(
                "Windows account password, base64-encoded (reversible), in autounattend.xml for user deploy",
                "Windows account password in autounattend.xml for user vagrant");
    }

    @Test
    void readsTheDomainJoinPasswordOfASysprepAnswerFileButNoOtherXml() {
        String join = """
                <unattend>
                  <Credentials>
                    <Domain>hush.invalid</Domain>
                    <Password>Zq8vN3kLx2Rt</Password>
                    <Username>joiner</Username>
                  </Credentials>
                </unattend>
                """;

        assertThat(scan("deploy/sysprep.xml", join)).extracting(Finding::ruleId, Finding::message).containsExactly(
                tuple("windows-answer-file-password", "Windows account password in sysprep.xml for user joiner"));
        assertThat(scan("deploy/settings.xml", join)).extracting(Finding::ruleId)
                .doesNotContain("windows-answer-file-password");
    }

    @Test
    void reportsASaslPasswdEntryWithItsRelayAndUser() {
        List<Finding> found = scan("etc/postfix/sasl_passwd", "[smtp.relay.hush.invalid]:587 alerts@hush.invalid:Zq8vN3kLx2Rt\n");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("postfix-sasl-password");
            assertThat(f.message()).isEqualTo(
                    "SMTP relay password in sasl_passwd for user alerts@hush.invalid at [smtp.relay.hush.invalid]:587");
            assertThat(f.location().column()).isEqualTo(51);
        });
    }

    @Test
    void readsJettysUserFilesButNotTheSettingsOfItsJdbcRealm() {
        JettyRealmAnalyzer jetty = new JettyRealmAnalyzer();
        for (String name : List.of("realm.properties", "jetty-demo-realm.properties", "test-realm.properties")) {
            assertThat(jetty.appliesTo("etc/" + name, name)).as(name).isTrue();
        }
        // JDBCLoginService's settings (jdbcdriver, url, username, password, usertable...): not one user a line.
        assertThat(jetty.appliesTo("etc/jdbcRealm.properties", "jdbcrealm.properties")).isFalse();
    }

    @Test
    void takesAnsibleVaultPasswordFilesByNameAndNothingWithoutTheWordVault() {
        VaultPasswordFileAnalyzer vault = new VaultPasswordFileAnalyzer();
        for (String name : List.of(".vault_pass", "vault-password.txt", "ansible-vault-pass", "ansible.vault_password",
                "vault_pass.prod", "vaultpass", ".vault-pass-staging.txt")) {
            assertThat(vault.appliesTo("deploy/" + name, name)).as(name).isTrue();
        }
        for (String name : List.of("vault_pass.py", "vault-pass.sh", "pass.txt", "vault", "password.txt", "my-vault-pass",
                "vaul_pass", "v-a-u-l-t-pass")) {
            assertThat(vault.appliesTo("deploy/" + name, name)).as(name).isFalse();
        }
    }

    @Test
    void readsVsCodeSftpJsonWithItsHostUserAndProfiles() {
        List<Finding> found = scan(".vscode/sftp.json", """
                {
                  // deploy target
                  "name": "staging",
                  "host": "sftp.example.org",
                  "username": "deploy",
                  "password": "Zq8vN3kLx2Rt",
                  "profiles": { "prod": { "host": "prod.example.org", "username": "ci", "passphrase": "Vb6Ms1Qe8Rw3", } },
                }
                """);

        assertThat(found).extracting(Finding::ruleId).containsOnly("ftp-client-password");
        assertThat(found).extracting(f -> f.secret().orElseThrow().reveal()).containsExactlyInAnyOrder("Zq8vN3kLx2Rt", "Vb6Ms1Qe8Rw3");
        assertThat(found).anySatisfy(f -> assertThat(f.message()).contains("deploy").contains("sftp.example.org"));
        assertThat(found).anySatisfy(f -> assertThat(f.location().line()).isEqualTo(6));
        assertThat(found).allSatisfy(f -> assertThat(f.message()).doesNotContain("Zq8vN3kLx2Rt").doesNotContain("Vb6Ms1Qe8Rw3"));
    }

    @Test
    void leavesASftpJsonOutsideVsCodeAndEmptyPasswordsAlone() {
        assertThat(scan("sftp.json", "{\"host\": \"h.example.org\", \"password\": \"Zq8vN3kLx2Rt\"}"))
                .noneMatch(f -> f.ruleId().equals("ftp-client-password"));
        assertThat(scan(".ftpconfig", "{\"host\": \"h.example.org\", \"user\": \"u\", \"pass\": \"\"}")).isEmpty();
    }

    @Test
    void readsWinScpSessionsOnly() {
        List<Finding> found = scan("WinSCP.ini", """
                [Configuration\\Interface]
                Password=notasession
                [Sessions\\deploy@ftp.example.org]
                HostName=ftp.example.org
                UserName=deploy
                Password=A35C4E5D6B3A2F1E0D9C8B7A695847362514
                """);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("ftp-client-password");
            assertThat(f.location().line()).isEqualTo(6);
            assertThat(f.message()).contains("deploy").contains("ftp.example.org");
        });
    }

    @Test
    void skipsNetrcMacrosAndKeepsTheLoginOfEachMachine() {
        List<Finding> found = scan(".netrc", """
                machine a.example.org login alice password Zq8vN3kLx2Rt
                macdef init
                password notatoken
                login nobody

                machine b.example.org
                login bob
                password Vb6Ms1Qe8Rw3
                """);

        assertThat(found).extracting(f -> f.secret().orElseThrow().reveal()).containsExactly("Zq8vN3kLx2Rt", "Vb6Ms1Qe8Rw3");
        assertThat(found.get(1).message()).contains("bob").contains("b.example.org");
    }

    @Test
    void readsEscapedPgpassPasswordsAsLibpqDoes() {
        List<Finding> found = scan(".pgpass", "db:5432:app:app:Zq8v\\:N3kL:ignored\nshort:line\n");

        assertThat(found).singleElement().satisfies(f -> assertThat(f.secret().orElseThrow().reveal()).isEqualTo("Zq8v\\:N3kL"));
    }

    @Test
    void honoursGitleaksAllowLikeHushIgnore() {
        String line = "machine a.example.org login alice password Zq8vN3kLx2Rt";
        assertThat(scan(".netrc", line + " # gitleaks:allow\n")).isEmpty();
        assertThat(scan(".netrc", line + " # hush:ignore\n")).isEmpty();
        assertThat(scan(".netrc", line + "\n")).hasSize(1);
    }

    @Test
    void reportsAnExpiredJwtLowAndABase64JwtWithItsExpiry() {
        String header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
        String expired = header + ".eyJzdWIiOiJodXNoLWRlbW8iLCJleHAiOjE1MDAwMDAwMDB9.FGHIJKLMNOPQRSTUVWXYZabcdefghijk";
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(JwtCheck.check(expired, false, Severity.MEDIUM, now)).hasValueSatisfying(v -> {
            assertThat(v.severity()).isEqualTo(Severity.LOW);
            assertThat(v.note()).contains("expired on 2017-07-14");
        });
        String whole = java.util.Base64.getEncoder().encodeToString(expired.getBytes(StandardCharsets.US_ASCII));
        assertThat(JwtCheck.check(whole, true, Severity.MEDIUM, Instant.parse("2017-01-01T00:00:00Z")))
                .hasValueSatisfying(v -> assertThat(v.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(JwtCheck.check(java.util.Base64.getEncoder().encodeToString("eyJub3QiOiJqd3QifQ.e30.xx".getBytes()), true,
                Severity.MEDIUM, now)).isEmpty();
    }

    @Test
    void readsAKeystoreThatIsNotNamedAsTextButIsBinary() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        // A secret-key entry is enough to be a key entry, and needs no certificate.
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry("signing", new java.security.KeyStore.SecretKeyEntry(new javax.crypto.spec.SecretKeySpec(new byte[16], "AES")),
                new java.security.KeyStore.PasswordProtection("changeit".toCharArray()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.store(out, "changeit".toCharArray());

        Detector.Result result = DETECTOR.analyzeCommitted("android/app/release.keystore", out.toByteArray());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("keystore-private-key");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).contains("well-known default password").doesNotContain("changeit");
        });
        assertThat(DETECTOR.analyzeCommitted("images/logo.p12.png", out.toByteArray()).binary()).isTrue();
    }

    @Test
    void opensAGoogleServiceAccountP12WithItsDocumentedPasswordAndNoOtherWeakOne() throws Exception {
        // Google's service-account .p12 files all have the password notasecret: the key is as good as published.
        assertThat(keystoreFinding("notasecret").severity()).isEqualTo(Severity.HIGH);
        assertThat(keystoreFinding("notasecret").message()).contains("well-known default password").doesNotContain("notasecret");
        // A password hush does not know keeps the key only as safe as it.
        assertThat(keystoreFinding("Vb6Ms1Qe8Rw3").severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void triesNoPasswordOnAKeystoreThatAsksForMoreIterationsThanAnyToolMakes() throws Exception {
        // A crafted .p12 can ask for millions of PBKDF rounds per password try: each try would take seconds.
        String property = "keystore.pkcs12.macIterationCount";
        String before = System.getProperty(property);
        System.setProperty(property, "1500000");
        Finding costly;
        try {
            costly = keystoreFinding("changeit");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
        // Still reported, as a keystore hush could not open with a default, however weak its password is.
        assertThat(costly.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(keystoreFinding("changeit").severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void namesThePasswordThatDecryptsTheKeysOfAKeystoreWithoutAMac() throws Exception {
        // Without a MAC (openssl pkcs12 -nomac) a PKCS#12 file loads with any password; its key still needs its own.
        String before = System.getProperty("keystore.pkcs12.macAlgorithm");
        System.setProperty("keystore.pkcs12.macAlgorithm", "NONE");
        try {
            Finding finding = keystoreFinding("changeit");
            assertThat(finding.severity()).isEqualTo(Severity.HIGH);
            assertThat(finding.message()).contains("well-known default password").doesNotContain("empty password");
        } finally {
            if (before == null) {
                System.clearProperty("keystore.pkcs12.macAlgorithm");
            } else {
                System.setProperty("keystore.pkcs12.macAlgorithm", before);
            }
        }
    }

    @Test
    void triesNoPasswordOnAKeystoreWhosePrivateKeyAsksForMoreIterationsThanAnyToolMakes() throws Exception {
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=hush test");
        java.security.cert.X509Certificate certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                .getCertificate(new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE,
                        new java.util.Date(0), new java.util.Date(4_102_444_800_000L), name, pair.getPublic())
                        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                                .build(pair.getPrivate())));
        String property = "keystore.pkcs12.keyPbeIterationCount";
        String before = System.getProperty(property);
        System.setProperty(property, "1500000");
        byte[] bytes;
        try {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("signing", pair.getPrivate(), "changeit".toCharArray(),
                    new java.security.cert.Certificate[] {certificate});
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            store.store(out, "changeit".toCharArray());
            bytes = out.toByteArray();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }

        List<Finding> findings = DETECTOR.analyzeCommitted("keys/signing.p12", bytes).findings();

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    }

    private static Finding keystoreFinding(String password) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry("gcp", new java.security.KeyStore.SecretKeyEntry(new javax.crypto.spec.SecretKeySpec(new byte[16], "AES")),
                new java.security.KeyStore.PasswordProtection(password.toCharArray()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        List<Finding> findings = DETECTOR.analyzeCommitted("keys/service-account.p12", out.toByteArray()).findings();
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}

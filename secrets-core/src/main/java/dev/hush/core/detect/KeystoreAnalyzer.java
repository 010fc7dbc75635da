package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Severity;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Opens PKCS#12 and Java keystores ({@code .p12}, {@code .pfx}, {@code .jks}, {@code .keystore},
 * {@code .jceks}, {@code .bks} excluded) with the JDK's {@link KeyStore} and reports
 * {@code keystore-private-key} when one holds a private or secret key: high when it opens with
 * an empty password or a well-known default ({@code changeit}, {@code password}, Android's
 * {@code android}, Google's {@code notasecret}), so the key is as good as published; medium when it needs a password hush
 * does not know, as it is then only as safe as that password. A keystore of certificates
 * alone, or a file that is no keystore (a Git LFS pointer), is not reported.
 *
 * <p>The type is read from the first bytes, so each password is tried once: the JDK's JKS and
 * JCEKS key stores also read PKCS#12 files, and a PKCS#12 file's every try derives a key. A
 * PKCS#12 file that asks for more derivation rounds than {@link #MAX_ITERATIONS} gets no
 * password tries at all (a crafted file can ask for millions: seconds per try).
 */
final class KeystoreAnalyzer extends CredentialFileAnalyzer {
    /** The first four bytes of a JKS and of a JCEKS key store (the JDK's JavaKeyStore and JceKeyStore). */
    private static final int JKS_MAGIC = 0xFEEDFEED;
    private static final int JCEKS_MAGIC = 0xCECECECE;
    /** The first byte of a DER SEQUENCE, which a PKCS#12 file is (RFC 7292, PFX). */
    private static final int DER_SEQUENCE = 0x30;
    /**
     * The most key-derivation rounds a PKCS#12 file may ask for before hush tries passwords on it:
     * keytool and OpenSSL write 10,000 to 2,048 (JDK 17's default MAC rounds: 10,000; OpenSSL's
     * PKCS12_DEFAULT_ITER: 2,048), and the JDK itself refuses more than 5,000,000.
     */
    private static final BigInteger MAX_ITERATIONS = BigInteger.valueOf(1_000_000);
    /**
     * Passwords keystores ship with: the JDK's {@code changeit}, Android's debug {@code android}, and Google's
     * {@code notasecret}, the password of every service-account key downloaded as a .p12
     * (https://cloud.google.com/iam/docs/keys-create-delete: "the private key password is notasecret").
     */
    private static final List<String> DEFAULT_PASSWORDS = List.of("", "changeit", "password", "android", "notasecret",
            "secret", "123456");
    private static final int MAX_BYTES = 1024 * 1024;

    @Override
    boolean appliesTo(String path, String name) {
        return name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks") || name.endsWith(".keystore")
                || name.endsWith(".jceks");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        SourceFile file = analysis.file();
        if (file.bytes() == null || file.byteLength() > MAX_BYTES || file.byteLength() < 32) {
            return;
        }
        byte[] bytes = Arrays.copyOf(file.bytes(), file.byteLength());
        Optional<Opened> opened = open(bytes);
        if (opened.isEmpty() || opened.get().keyEntries().isEmpty()) {
            return;
        }
        Opened keystore = opened.get();
        String aliases = String.join(", ", keystore.keyEntries());
        String how = keystore.password() == null
                ? "; its password is not a common default, so it is as safe as that password"
                : keystore.password().isEmpty() ? ", and it opens with an empty password"
                : ", and it opens with a well-known default password";
        report(analysis, new Credential("keystore-private-key", 0, null, null, null, null,
                keystore.type() + " keystore " + FILE + " holding " + keystore.keyEntries().size() + " private key(s) ("
                        + aliases + ")" + how,
                "Remove the keystore from the repository and its history, revoke the certificates of its keys, and"
                        + " mount a new keystore as a Compose secret with its password in another secret"),
                keystore.password() == null ? Severity.MEDIUM : Severity.HIGH);
    }

    /** What opening a keystore gave: its type, the password that opened it (null: none known), its key entries. */
    record Opened(String type, String password, List<String> keyEntries) {
    }

    /**
     * Opens {@code bytes} as the keystore type its first bytes say, trying the common passwords,
     * then none (listing its entries without checking them).
     */
    static Optional<Opened> open(byte[] bytes) {
        Optional<String> type = type(bytes);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (!type.get().equals("PKCS12") || !asksForMoreIterations(bytes)) {
            for (String password : DEFAULT_PASSWORDS) {
                Optional<List<String>> keys = load(type.get(), bytes, password.toCharArray());
                if (keys.isPresent()) {
                    return Optional.of(new Opened(type.get(), password, keys.get()));
                }
            }
        }
        return load(type.get(), bytes, null).map(keys -> new Opened(type.get(), null, keys));
    }

    /** Returns the keystore type that {@code bytes} start as: JKS, JCEKS or PKCS12, if any. */
    private static Optional<String> type(byte[] bytes) {
        int magic = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        if (magic == JKS_MAGIC) {
            return Optional.of("JKS");
        }
        if (magic == JCEKS_MAGIC) {
            return Optional.of("JCEKS");
        }
        return (bytes[0] & 0xff) == DER_SEQUENCE ? Optional.of("PKCS12") : Optional.empty();
    }

    /**
     * Returns whether the PKCS#12 file {@code bytes} asks for more than {@link #MAX_ITERATIONS}
     * rounds for its integrity MAC, for an encrypted part that loading decrypts, or for a key that a
     * password try decrypts. A file that does not parse asks for none: the JDK refuses it at once.
     */
    private static boolean asksForMoreIterations(byte[] bytes) {
        try {
            Pfx pfx = Pfx.getInstance(bytes);
            MacData mac = pfx.getMacData();
            if (mac != null && tooMany(mac.getIterationCount())) {
                return true;
            }
            byte[] content = ASN1OctetString.getInstance(pfx.getAuthSafe().getContent()).getOctets();
            for (ContentInfo part : AuthenticatedSafe.getInstance(content).getContentInfo()) {
                if (part.getContentType().equals(PKCSObjectIdentifiers.encryptedData)
                        && tooMany(iterations(EncryptedData.getInstance(part.getContent()).getEncryptionAlgorithm()))) {
                    return true;
                }
                if (part.getContentType().equals(PKCSObjectIdentifiers.data) && shroudedKeysAskForMore(part)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Returns whether a key bag of the plain part {@code part} is encrypted with more than {@link #MAX_ITERATIONS} rounds. */
    private static boolean shroudedKeysAskForMore(ContentInfo part) {
        byte[] bags = ASN1OctetString.getInstance(part.getContent()).getOctets();
        for (ASN1Encodable element : ASN1Sequence.getInstance(bags)) {
            SafeBag bag = SafeBag.getInstance(element);
            if (bag.getBagId().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)
                    && tooMany(iterations(EncryptedPrivateKeyInfo.getInstance(bag.getBagValue()).getEncryptionAlgorithm()))) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether {@code rounds} of key derivation are more than {@link #MAX_ITERATIONS}. */
    private static boolean tooMany(BigInteger rounds) {
        return rounds.compareTo(MAX_ITERATIONS) > 0;
    }

    /** Returns the derivation rounds of a PKCS#12 PBE or PBES2 (PBKDF2) encryption algorithm; zero for another. */
    private static BigInteger iterations(AlgorithmIdentifier algorithm) {
        if (algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)) {
            var derivation = PBES2Parameters.getInstance(algorithm.getParameters()).getKeyDerivationFunc();
            return derivation.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)
                    ? PBKDF2Params.getInstance(derivation.getParameters()).getIterationCount()
                    : BigInteger.ZERO;
        }
        return PKCS12PBEParams.getInstance(algorithm.getParameters()).getIterations();
    }

    /**
     * Loads {@code bytes} as a keystore of {@code type} and lists its key entries; with a {@code password}, only when
     * that password also decrypts every key: a PKCS#12 file without a MAC loads with any password, its keys do not.
     */
    private static Optional<List<String>> load(String type, byte[] bytes, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(new ByteArrayInputStream(bytes), password);
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    if (password != null) {
                        store.getKey(alias, password);
                    }
                    keys.add(alias);
                }
            }
            return Optional.of(keys);
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }
}

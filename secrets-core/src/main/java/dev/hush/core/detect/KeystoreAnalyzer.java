package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Severity;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Opens PKCS#12 and Java keystores ({@code .p12}, {@code .pfx}, {@code .jks}, {@code .keystore},
 * {@code .jceks}, {@code .bks} excluded) with the JDK's {@link KeyStore} and reports
 * {@code keystore-private-key} when one holds a private or secret key: high when it opens with
 * an empty password or a well-known default ({@code changeit}, {@code password}, Android's
 * {@code android}, Google's {@code notasecret}), so the key is as good as published; medium when it needs a password hush
 * does not know, as it is then only as safe as that password. A keystore of certificates
 * alone, or a file that is no keystore (a Git LFS pointer), is not reported.
 */
final class KeystoreAnalyzer extends CredentialFileAnalyzer {
    private static final List<String> TYPES = List.of("PKCS12", "JKS", "JCEKS");
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
        byte[] bytes = java.util.Arrays.copyOf(file.bytes(), file.byteLength());
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

    /** Opens {@code bytes} as a keystore, trying the common passwords, then none (listing entries without checking). */
    static Optional<Opened> open(byte[] bytes) {
        for (String type : TYPES) {
            for (String password : DEFAULT_PASSWORDS) {
                Optional<List<String>> keys = load(type, bytes, password.toCharArray());
                if (keys.isPresent()) {
                    return Optional.of(new Opened(type, password, keys.get()));
                }
            }
        }
        for (String type : TYPES) {
            Optional<List<String>> keys = load(type, bytes, null);
            if (keys.isPresent()) {
                return Optional.of(new Opened(type, null, keys.get()));
            }
        }
        return Optional.empty();
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

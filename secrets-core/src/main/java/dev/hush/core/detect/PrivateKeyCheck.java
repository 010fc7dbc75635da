package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Tells a real private key from a stand-in: a PEM block that BouncyCastle parses into key
 * material is a leaked key; a block whose body is {@code ...}, {@code <key here>} or a line or
 * two of base64 is documentation.
 */
final class PrivateKeyCheck {
    /** What the check concluded: the severity to report, and a note for the message. */
    record Verdict(Severity severity, String note) {
    }

    private static final Pattern PLACEHOLDER_BODY = Pattern.compile("(?i)\\.\\.\\.|…|<[^>]*>|x{4,}|\\*{3,}|\\$\\{|\\{\\{");
    private static final int MIN_BODY = 64;
    private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private PrivateKeyCheck() {
    }

    /** Returns how to report the PEM {@code block}, or empty when it is a placeholder or too short to be a key. */
    static Optional<Verdict> check(String block) {
        String pem = normalise(block);
        String body = body(pem);
        if (PLACEHOLDER_BODY.matcher(body).find()) {
            return Optional.empty();
        }
        // A block too short to be a key is documentation, unless it parses (a bare P-256 key is 52 characters).
        boolean shortBody = body.replaceAll("[^A-Za-z0-9+/=]", "").length() < MIN_BODY;
        try {
            if (pem.contains("OPENSSH PRIVATE KEY")) {
                Verdict verdict = openSsh(Base64.getMimeDecoder().decode(body));
                return shortBody && verdict.severity() == Severity.LOW ? Optional.empty() : Optional.of(verdict);
            }
            Object parsed;
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                parsed = parser.readObject();
            }
            if (parsed instanceof PEMKeyPair pair) {
                PrivateKeyFactory.createKey(pair.getPrivateKeyInfo());
                return Optional.of(new Verdict(Severity.HIGH, "a valid unencrypted private key"));
            }
            if (parsed instanceof PrivateKeyInfo info) {
                PrivateKeyFactory.createKey(info);
                return Optional.of(new Verdict(Severity.HIGH, "a valid unencrypted private key"));
            }
            if (parsed instanceof PKCS8EncryptedPrivateKeyInfo || parsed instanceof PEMEncryptedKeyPair) {
                return Optional.of(new Verdict(Severity.MEDIUM, "an encrypted private key, only as safe as its passphrase"));
            }
        } catch (Exception | LinkageError e) {
            // A block that does not parse is reported below, with low severity.
        }
        return shortBody
                ? Optional.empty()
                : Optional.of(new Verdict(Severity.LOW, "a private key block that does not parse (truncated or altered?)"));
    }

    private static Verdict openSsh(byte[] blob) {
        if (!startsWith(blob, OPENSSH_MAGIC)) {
            return new Verdict(Severity.LOW, "an OpenSSH key block that does not parse (truncated or altered?)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob, OPENSSH_MAGIC.length, blob.length - OPENSSH_MAGIC.length);
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            return new Verdict(Severity.LOW, "an OpenSSH key block that does not parse (truncated or altered?)");
        }
        String cipher = new String(blob, buffer.position(), length, StandardCharsets.US_ASCII);
        if (!cipher.equals("none")) {
            return new Verdict(Severity.MEDIUM, "an encrypted OpenSSH private key, only as safe as its passphrase");
        }
        OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob);
        return new Verdict(Severity.HIGH, "a valid unencrypted OpenSSH private key");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Undoes the escaping and indentation a key picks up inside JSON, YAML or a string literal. */
    private static String normalise(String block) {
        String text = block.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\r", "");
        StringBuilder pem = new StringBuilder(text.length());
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            // Lines of a key inside a string literal carry quotes and a concatenation: "MIIE..." +
            trimmed = trimmed.replaceAll("^\\+?\\s*[\"']", "").replaceAll("[\"']\\s*[+,;]?$", "")
                    .replaceAll("\\\\$", "");
            if (!trimmed.isEmpty()) {
                pem.append(trimmed).append('\n');
            }
        }
        return pem.toString();
    }

    private static String body(String pem) {
        int begin = pem.indexOf('\n', pem.indexOf("-----BEGIN"));
        int end = pem.lastIndexOf("-----END");
        if (begin < 0 || end < begin) {
            return "";
        }
        StringBuilder body = new StringBuilder();
        for (String line : pem.substring(begin + 1, end).split("\n")) {
            // Skip the "Proc-Type:" and "DEK-Info:" headers of an encrypted traditional key.
            if (!line.contains(":")) {
                body.append(line);
            }
        }
        return body.toString();
    }
}

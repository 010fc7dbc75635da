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
 * material is a leaked key, certainly (high, or medium when it is encrypted); a block whose body
 * is {@code ...}, {@code <key here>}, words, or under 100 characters of base64 that do not parse
 * is documentation and not reported; a longer block that does not parse may be a real key cut
 * short or altered, and is reported low, as is a long one with a character or two garbled in a
 * copy. A key pasted into a log keeps the log's prefix on every line
 * ({@code 2026-01-07 09:41:37 | DEBUG | -----BEGIN ...}): the prefix is taken off first.
 * A PGP private key block is left to the catalogue's {@code pgp-private-key-block} rule, whose
 * rotation hint says how to revoke it (BouncyCastle's OpenPGP part is not a dependency).
 */
final class PrivateKeyCheck {
    /** What the check concluded: the severity to report, and a note for the message. */
    record Verdict(Severity severity, String note) {
    }

    private static final Pattern PLACEHOLDER_BODY = Pattern.compile("(?i)\\.\\.\\.|…|<[^>]*>|x{4,}|\\*{3,}|\\$\\{|\\{\\{");
    /** The shortest body that is reported although it does not parse: shorter ones are samples in docs and tests. */
    private static final int MIN_UNPARSED_BODY = 100;
    private static final Pattern BASE64_BODY = Pattern.compile("[A-Za-z0-9+/=\\s]*");
    /** The characters outside base64 that a long body may hold and still be a key: a byte or two garbled in a copy. */
    private static final int DAMAGED_CHARACTERS = 2;
    /** The shortest body read as a damaged key: a 2048-bit RSA key's is about 1,600 characters, an EC key's 160. */
    private static final int MIN_DAMAGED_BODY = 400;
    private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private PrivateKeyCheck() {
    }

    /** Returns how to report the PEM {@code block}, or empty when it is a placeholder or too short to be a key. */
    static Optional<Verdict> check(String block) {
        String pem = normalise(block);
        String body = body(pem);
        if (!BASE64_BODY.matcher(body).matches()) {
            // Words or junk in the body: a look-alike, unless a long body of base64 holds a garbled byte or two.
            String note = "a private key block with a garbled character (damaged in a copy?)";
            return isDamaged(body) ? Optional.of(new Verdict(Severity.LOW, note)) : Optional.empty();
        }
        int bodyLength = body.replaceAll("[^A-Za-z0-9+/=]", "").length();
        // A short block is documentation unless it parses (a bare P-256 key is 52 characters).
        if (pem.contains("PGP PRIVATE KEY BLOCK")) {
            return Optional.empty(); // the catalogue's pgp-private-key-block rule reports it, with how to revoke it
        }
        try {
            if (pem.contains("OPENSSH PRIVATE KEY")) {
                Verdict verdict = openSsh(Base64.getMimeDecoder().decode(body));
                return verdict.severity() == Severity.LOW && isStandIn(body, bodyLength) ? Optional.empty() : Optional.of(verdict);
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
        return isStandIn(body, bodyLength)
                ? Optional.empty()
                : Optional.of(new Verdict(Severity.LOW, "a private key block that does not parse (truncated or altered?)"));
    }

    /**
     * Returns whether {@code body}, which holds characters outside base64, is a key's body with at most
     * {@link #DAMAGED_CHARACTERS} of them garbled: {@link #MIN_DAMAGED_BODY} base64 characters or more, and no
     * placeholder.
     */
    private static boolean isDamaged(String body) {
        int base64 = 0;
        int other = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '/' || c == '=') {
                base64++;
            } else if (!Character.isWhitespace(c) && ++other > DAMAGED_CHARACTERS) {
                return false;
            }
        }
        return base64 >= MIN_DAMAGED_BODY && !PLACEHOLDER_BODY.matcher(body).find();
    }

    /**
     * Returns whether a body that does not parse as a key stands in for one: too short to be a key, or written
     * with a placeholder ({@code xxxx}, {@code ...}). A body that parses is a key whatever runs of letters its
     * base64 happens to hold (one in about 700 generated RSA keys holds an {@code xxxx}).
     */
    private static boolean isStandIn(String body, int bodyLength) {
        return bodyLength < MIN_UNPARSED_BODY || PLACEHOLDER_BODY.matcher(body).find();
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
        String text = withoutLogPrefix(block.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\r", ""));
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

    /**
     * Takes off the prefix that a log writes before each line ({@code [time] [DEBUG] }): the match
     * starts at {@code -----BEGIN}, so the prefix is the text before {@code -----END} on the last
     * line, when it has separators (not only blanks) and every line between has the same
     * separators at the same columns. A key in a JSON string or YAML block has no such prefix.
     */
    private static String withoutLogPrefix(String text) {
        int lastLine = text.lastIndexOf('\n');
        int end = text.lastIndexOf("-----END");
        if (lastLine < 0 || end < lastLine) {
            return text;
        }
        String prefix = text.substring(lastLine + 1, end);
        boolean separators = false;
        for (char c : prefix.toCharArray()) {
            separators |= !Character.isLetterOrDigit(c) && c != ' ' && c != '\t';
        }
        if (!separators) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            if (!samePrefixShape(prefix, lines[i])) {
                return text;
            }
        }
        StringBuilder out = new StringBuilder(text.length()).append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            out.append(lines[i].substring(prefix.length())).append('\n');
        }
        return out.toString();
    }

    private static boolean samePrefixShape(String prefix, String line) {
        if (line.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != ' ' && c != '\t' && line.charAt(i) != c) {
                return false;
            }
        }
        return true;
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

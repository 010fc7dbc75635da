package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Severity;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Finds PuTTY private keys ({@code PuTTY-User-Key-File-2} and {@code -3}, the {@code .ppk}
 * format) in any file and reports {@code putty-private-key}: an unencrypted key whose
 * {@code Private-MAC} verifies is certain (high); an encrypted one is as safe as its
 * passphrase (medium); one whose MAC does not verify was altered or cut (low); a key whose
 * lines are placeholders is not reported.
 *
 * <p>The MAC is the format's own check (PuTTY's sshpubk.c): HMAC-SHA-1 keyed with
 * SHA-1("putty-private-key-file-mac-key") for version 2, HMAC-SHA-256 with an empty key
 * for an unencrypted version 3 key, over the algorithm, encryption, comment, public blob and
 * private blob, each as an SSH string.
 */
final class PuttyKeyAnalyzer extends CredentialFileAnalyzer {
    /** The word that starts every PuTTY key; the detector runs this analyzer on files that hold it. */
    static final String MAGIC = "PuTTY-User-Key-File-";
    private static final Pattern BASE64_BODY = Pattern.compile("[A-Za-z0-9+/=]+");

    @Override
    boolean appliesTo(String path, String name) {
        return name.endsWith(".ppk");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        SourceFile file = analysis.file();
        String text = file.text();
        for (int at = text.indexOf(MAGIC); at >= 0; at = text.indexOf(MAGIC, at + MAGIC.length())) {
            key(analysis, text, at);
        }
    }

    private static void key(FileAnalysis analysis, String text, int start) {
        // The lines are cut one by one as the key is read: a file that names the format many times (a test of
        // this analyzer, a scanner's rules) would otherwise split the 64 KiB after each mention.
        Lines lines = new Lines(text, start, Math.min(text.length(), start + 64 * 1024));
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder publicLines = new StringBuilder();
        StringBuilder privateLines = new StringBuilder();
        int length = 0;
        for (String raw = lines.next(); raw != null; raw = lines.next()) {
            String line = stripQuoting(raw);
            int colon = line.indexOf(": ");
            if (colon < 0) {
                break;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 2).strip();
            headers.put(name.startsWith(MAGIC) ? "Version" : name, name.startsWith(MAGIC) ? name.substring(MAGIC.length()) + " " + value : value);
            length += raw.length() + 1;
            if (name.equals("Public-Lines") || name.equals("Private-Lines")) {
                int count = parse(value);
                StringBuilder body = name.equals("Public-Lines") ? publicLines : privateLines;
                for (int k = 0; k < count; k++) {
                    String more = lines.next();
                    if (more == null) {
                        break;
                    }
                    body.append(stripQuoting(more).strip());
                    length += more.length() + 1;
                }
            }
            if (name.equals("Private-MAC")) {
                break;
            }
        }
        String version = headers.getOrDefault("Version", "");
        if (!headers.containsKey("Private-MAC") || privateLines.isEmpty()) {
            return;
        }
        String secret = text.substring(start, Math.min(text.length(), start + length)).strip();
        String body = publicLines.toString() + privateLines;
        if (!BASE64_BODY.matcher(body).matches()) {
            return; // "...", "<your key>", "xxxx": documentation, not a key
        }
        String encryption = headers.getOrDefault("Encryption", "none");
        Severity severity;
        String what;
        if (!encryption.equals("none")) {
            severity = Severity.MEDIUM;
            what = "PuTTY private key encrypted with " + encryption + " (only as safe as its passphrase)";
        } else if (verifies(version, headers, publicLines.toString(), privateLines.toString())) {
            severity = Severity.HIGH;
            what = "Unencrypted PuTTY private key (its MAC verifies)";
        } else {
            severity = Severity.LOW;
            what = "PuTTY private key whose MAC does not verify (altered or cut?)";
        }
        report(analysis, new Credential("putty-private-key", start, secret, null, null, null,
                what + " (" + version.replaceFirst("^\\d+ ", "") + ", comment '" + headers.getOrDefault("Comment", "") + "')",
                "Remove the key from the repository and its history, remove its public key from every authorized_keys"
                        + " and generate a new key pair (puttygen)"), severity);
    }

    /**
     * The lines of {@code text[from, to)} one after another, as {@code text.substring(from, to).split("\\r?\\n", -1)}
     * gives them: without their line feed and a carriage return before it, the last one up to {@code to}.
     */
    static final class Lines {
        private final String text;
        private final int to;
        private int at;
        private boolean done;

        Lines(String text, int from, int to) {
            this.text = text;
            this.at = from;
            this.to = to;
        }

        /** Returns the next line, or null after the last. */
        String next() {
            if (done) {
                return null;
            }
            int feed = text.indexOf('\n', at);
            if (feed < 0 || feed >= to) {
                done = true;
                return text.substring(at, to);
            }
            int end = feed > at && text.charAt(feed - 1) == '\r' ? feed - 1 : feed;
            String line = text.substring(at, end);
            at = feed + 1;
            return line;
        }
    }

    private static String stripQuoting(String line) {
        // A key pasted into a YAML block or a log keeps its text; quotes and indentation are left out.
        return line.strip().replaceAll("^[\"']|[\"',]$", "");
    }

    private static int parse(String value) {
        try {
            return Math.min(Integer.parseInt(value.strip()), 1000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean verifies(String version, Map<String, String> headers, String publicB64, String privateB64) {
        try {
            boolean v3 = version.startsWith("3 ");
            byte[] key = v3 ? new byte[0]
                    : MessageDigest.getInstance("SHA-1").digest("putty-private-key-file-mac-key".getBytes(StandardCharsets.US_ASCII));
            Digest digest = v3 ? new SHA256Digest() : new SHA1Digest();
            HMac mac = new HMac(digest);
            mac.init(new KeyParameter(key));
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            sshString(data, version.substring(version.indexOf(' ') + 1).getBytes(StandardCharsets.UTF_8));
            sshString(data, headers.getOrDefault("Encryption", "none").getBytes(StandardCharsets.UTF_8));
            sshString(data, headers.getOrDefault("Comment", "").getBytes(StandardCharsets.UTF_8));
            sshString(data, Base64.getDecoder().decode(publicB64));
            sshString(data, Base64.getDecoder().decode(privateB64));
            byte[] bytes = data.toByteArray();
            mac.update(bytes, 0, bytes.length);
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return HexFormat.of().formatHex(out).equalsIgnoreCase(headers.get("Private-MAC").strip());
        } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
            return false;
        }
    }

    private static void sshString(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }
}

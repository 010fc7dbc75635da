package dev.hush.core.baseline;

import dev.hush.core.model.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Computes report fingerprints. A secret's fingerprint depends on its value only, so the
 * same value found in several files groups into one entry; it is a slow hash (scrypt),
 * so a fingerprint in a shared report does not give a weak password away cheaply. Other
 * findings are fingerprinted by rule, path, service and key.
 */
public final class Fingerprints {
    private static final byte[] SALT = "hush-fingerprint-v1".getBytes(StandardCharsets.UTF_8);
    // Reports fingerprint every finding, so the cost stays near a millisecond; baselines pay more.
    private static final int COST = 1 << 8;

    private final Map<String, String> bySecret = new ConcurrentHashMap<>();

    /** Returns an empty cache: each distinct value is hashed once per instance. */
    public static Fingerprints cache() {
        return new Fingerprints();
    }

    private Fingerprints() {
    }

    /** Returns the fingerprint of {@code finding}. */
    public String of(Finding finding) {
        return finding.secret()
                .map(secret -> bySecret.computeIfAbsent(secret.reveal(), Fingerprints::slowHash))
                .orElseGet(() -> sha256(identity(finding)).substring(0, 32));
    }

    /**
     * Returns the fingerprint of each of {@code findings}, on every core when there are many:
     * each distinct value costs a slow hash, which a report of a few hundred secrets feels.
     */
    public Map<Finding, String> ofAll(List<Finding> findings) {
        Map<Finding, String> byFinding = new ConcurrentHashMap<>();
        (findings.size() > 64 ? findings.parallelStream() : findings.stream())
                .forEach(f -> byFinding.put(f, of(f)));
        return byFinding;
    }

    /** Returns what identifies a finding that holds no secret: where it is, not which line. */
    static String identity(Finding finding) {
        return finding.ruleId() + "\0" + finding.location().path() + "\0" + finding.service().orElse("")
                + "\0" + finding.key().orElse("");
    }

    private static String slowHash(String value) {
        byte[] hash = SCrypt.generate(value.getBytes(StandardCharsets.UTF_8), SALT, COST, 8, 1, 16);
        return HexFormat.of().formatHex(hash);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

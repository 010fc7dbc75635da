package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a JSON Web Token from a look-alike, in its plain form ({@code eyJ...}) or as the base64 of
 * the whole token ({@code ZXlK...}, as Kubernetes Secrets and CI variables hold it): the first
 * part must decode to a JSON header naming an {@code alg}. The severity follows the expiry: a
 * token whose {@code exp} has passed is reported low (it no longer opens anything, unless the
 * issuer ignores expiry), one without {@code exp} or not yet expired keeps the rule's severity.
 */
final class JwtCheck {
    private static final Pattern PLAIN = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}={0,2}\\.eyJ[A-Za-z0-9_-]{10,}={0,2}\\.[A-Za-z0-9_-]{10,}={0,2}");
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d{1,12})");

    /** What the check concluded: the severity to report and a note for the message. */
    record Verdict(Severity severity, String note) {
    }

    private JwtCheck() {
    }

    /**
     * Returns how to report {@code secret} found by a rule of {@code severity}, or empty when it is no JWT;
     * {@code wholeBase64} says the secret is the base64 of the whole token.
     */
    static Optional<Verdict> check(String secret, boolean wholeBase64, Severity severity, Instant now) {
        String token = secret;
        if (wholeBase64) {
            try {
                token = new String(Base64.getMimeDecoder().decode(secret.replace('-', '+').replace('_', '/')),
                        StandardCharsets.UTF_8).strip();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (!PLAIN.matcher(token).matches()) {
                return Optional.empty();
            }
        }
        if (!ProviderRuleAnalyzer.isJwt(token)) {
            return Optional.empty();
        }
        String encoding = wholeBase64 ? "base64 of a JWT, " : "";
        Optional<Instant> expiry = expiry(token);
        if (expiry.isEmpty()) {
            return Optional.of(new Verdict(severity, encoding + "no expiry: valid until its signing key changes"));
        }
        String date = expiry.get().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return expiry.get().isBefore(now)
                ? Optional.of(new Verdict(Severity.LOW, encoding + "expired on " + date))
                : Optional.of(new Verdict(severity, encoding + "valid until " + date));
    }

    private static Optional<Instant> expiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1].replaceAll("=+$", "")), StandardCharsets.UTF_8);
            Matcher m = EXP.matcher(payload);
            return m.find() ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1)))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

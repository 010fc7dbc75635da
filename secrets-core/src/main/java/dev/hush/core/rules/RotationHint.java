package dev.hush.core.rules;

import java.util.Objects;

/**
 * Says who issued a leaked secret and where to revoke it, for the rotation checklist.
 *
 * @param provider who issued the secret, e.g. {@code GitHub}
 * @param revoke where or how to revoke it: a URL or a console path
 */
public record RotationHint(String provider, String revoke) {
    /** Checks that both parts are present. */
    public RotationHint {
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(revoke, "revoke == null");
    }
}

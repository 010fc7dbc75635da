package dev.hush.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
    private static Finding secret(String rule, String path, String value) {
        return Finding.builder(rule, Card.INLINE_SECRET, Location.of(path, 1, 1)).secret(value).build();
    }

    @Test
    void givesOneFingerprintToOneValueWhateverTheRuleOrPlace() {
        Fingerprints fingerprints = Fingerprints.cache();
        assertThat(fingerprints.of(secret("compose-inline-secret", "compose.yaml", "hushTest-value-1234")))
                .isEqualTo(fingerprints.of(secret("dotenv-secret", ".env", "hushTest-value-1234")))
                .isNotEqualTo(fingerprints.of(secret("dotenv-secret", ".env", "hushTest-value-1235")));
    }

    @Test
    void isStableAcrossRuns() {
        assertThat(Fingerprints.cache().of(secret("r", "p", "hushTest-value-1234")))
                .isEqualTo(Fingerprints.cache().of(secret("r", "p", "hushTest-value-1234")));
    }

    @Test
    void fingerprintsFindingsWithoutValuesByWhereTheyAre() {
        Finding privileged = Finding.builder("compose-privileged", Card.PRIVILEGED, Location.of("compose.yaml", 3, 5))
                .service("agent").build();
        Finding moved = privileged.toBuilder().location(Location.of("compose.yaml", 9, 5)).build();
        Finding other = privileged.toBuilder().service("web").build();
        Fingerprints fingerprints = Fingerprints.cache();
        assertThat(fingerprints.of(privileged)).isEqualTo(fingerprints.of(moved)).isNotEqualTo(fingerprints.of(other));
    }

    @Test
    void fingerprintsManyFindingsAtOnceAsOneAtATime() {
        // Over 64 findings are hashed on every core: the values repeat, so threads share the cache.
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            findings.add(secret("r", "file-" + i, "hushTest-value-" + i % 40));
            findings.add(Finding.builder("compose-privileged", Card.PRIVILEGED, Location.of("compose-" + i + ".yaml", 1, 1))
                    .build());
        }
        Map<Finding, String> all = Fingerprints.cache().ofAll(findings);
        Fingerprints one = Fingerprints.cache();
        assertThat(all).hasSize(findings.size());
        findings.forEach(f -> assertThat(all.get(f)).isEqualTo(one.of(f)));
        assertThat(Fingerprints.cache().ofAll(findings.subList(0, 3))).hasSize(3);
    }
}

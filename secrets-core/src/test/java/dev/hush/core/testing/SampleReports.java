package dev.hush.core.testing;

import dev.hush.core.baseline.Fingerprints;
import dev.hush.core.model.Card;
import dev.hush.core.model.Commit;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import dev.hush.core.model.Severity;
import dev.hush.core.model.SkippedFile;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds small scan reports holding planted fake values, for report and leak tests. */
public final class SampleReports {
    /** A fake password planted in the sample report. */
    public static final String PASSWORD = "hushTest-Pg-9c41e7aa02";
    /** A fake token planted in the sample report. */
    public static final String TOKEN = "ghp_hushTESTfakeAbCdEfGhIjKlMnOpQrStUvWx";

    private SampleReports() {
    }

    /** Returns a report with an inline password in two files, a token found in a commit, a privileged service and an error. */
    public static ScanReport withEveryCard() {
        Finding composePassword = Finding.builder("compose-inline-secret", Card.INLINE_SECRET, Location.of("compose.yaml", 12, 26))
                .key("POSTGRES_PASSWORD").service("db").secret(PASSWORD)
                .message("inline password in the environment of service db").fix("move it to a Compose secret: hush migrate")
                .build();
        Finding dotenvPassword = Finding.builder("dotenv-secret", Card.INLINE_SECRET, Location.of(".env", 2, 19))
                .key("POSTGRES_PASSWORD").secret(PASSWORD)
                .message("inline password in a dotenv file").fix("move it to .secrets/ and a Compose secret")
                .build();
        Finding token = Finding.builder("github-pat", Card.INLINE_SECRET,
                        Location.of("config/deploy.yaml", 4, 15).in(new Commit("0123456789abcdef0123456789abcdef01234567", "Dev Eloper",
                                Instant.parse("2026-01-02T03:04:05Z"))))
                .key("github_token").secret(TOKEN)
                .message("GitHub personal access token").fix("revoke it at https://github.com/settings/tokens")
                .build();
        Finding privileged = Finding.builder("compose-privileged", Card.PRIVILEGED, Location.of("compose.yaml", 30, 17))
                .service("agent").severity(Severity.HIGH)
                .message("service agent runs privileged: root on the host").fix("replace it with cap_drop: [ALL]")
                .build();
        List<Finding> findings = List.of(dotenvPassword, composePassword, privileged, token);
        Fingerprints fingerprints = Fingerprints.cache();
        Map<Finding, String> byFinding = new HashMap<>();
        findings.forEach(f -> byFinding.put(f, fingerprints.of(f)));
        return new ScanReport(findings, byFinding,
                List.of(new ScanError("broken/compose.yaml", 3, "not valid YAML: mapping values are not allowed here")),
                List.of(new SkippedFile("big.sql", "larger than 10485760 bytes")),
                List.of(), new ScanReport.Stats(7, 4096, 1, 12), false);
    }
}

package dev.hush.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.testing.SampleReports;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReportTest {
    private static String write(boolean showSecrets) {
        StringBuilder out = new StringBuilder();
        new JsonReport(showSecrets).write(SampleReports.withEveryCard(), out);
        return out.toString();
    }

    @Test
    void writesTheDocumentedMembersForEachFinding() {
        JsonNode root = JsonMapper.builder().build().readTree(write(false));
        assertThat(root.at("/tool/name").asString()).isEqualTo("hush");
        JsonNode finding = root.at("/findings/1");
        assertThat(finding.get("rule").asString()).isEqualTo("compose-inline-secret");
        assertThat(finding.get("card").asString()).isEqualTo("inline-secret");
        assertThat(finding.get("severity").asString()).isEqualTo("high");
        assertThat(finding.get("path").asString()).isEqualTo("compose.yaml");
        assertThat(finding.get("line").asInt()).isEqualTo(12);
        assertThat(finding.get("column").asInt()).isEqualTo(26);
        assertThat(finding.get("key").asString()).isEqualTo("POSTGRES_PASSWORD");
        assertThat(finding.get("service").asString()).isEqualTo("db");
        assertThat(finding.get("preview").asString()).isEqualTo("hush…");
        assertThat(finding.get("fingerprint").asString()).hasSize(32);
        assertThat(finding.get("commit").isNull()).isTrue();
        assertThat(root.at("/errors/0/line").asInt()).isEqualTo(3);
        assertThat(root.at("/stats/files").asLong()).isEqualTo(7);
    }

    @Test
    void givesTheSameFingerprintToTheSameValueInDifferentFiles() {
        JsonNode findings = JsonMapper.builder().build().readTree(write(false)).get("findings");
        assertThat(findings.get(0).get("fingerprint")).isEqualTo(findings.get(1).get("fingerprint"));
        assertThat(findings.get(0).get("fingerprint")).isNotEqualTo(findings.get(3).get("fingerprint"));
    }

    @Test
    void describesTheCommitOfAHistoryFinding() {
        JsonNode commit = JsonMapper.builder().build().readTree(write(false)).at("/findings/3/commit");
        assertThat(commit.get("id").asString()).startsWith("0123456789abcdef");
        assertThat(commit.get("author").asString()).isEqualTo("Dev Eloper");
        assertThat(commit.get("date").asString()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void neverWritesAValueUnlessAsked() {
        String hidden = write(false);
        assertThat(hidden).doesNotContain(SampleReports.PASSWORD).doesNotContain(SampleReports.TOKEN);
        String shown = write(true);
        assertThat(shown).contains(SampleReports.PASSWORD).contains(SampleReports.TOKEN);
    }
}

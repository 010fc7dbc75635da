package dev.hush.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.testing.JsonSchemas;
import dev.hush.core.testing.SampleReports;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SarifReportTest {
    private static String write() {
        StringBuilder out = new StringBuilder();
        new SarifReport().write(SampleReports.withEveryCard(), out);
        return out.toString();
    }

    @Test
    void validatesAgainstTheSarifSchema() {
        assertThat(JsonSchemas.errors(JsonSchemas.sarif(), write())).isEmpty();
    }

    @Test
    void schemaCheckRejectsALogWithoutRuns() {
        // Guards the test above: the validator must be able to say no.
        assertThat(JsonSchemas.errors(JsonSchemas.sarif(), "{\"version\": \"2.1.0\"}")).isNotEmpty();
    }

    @Test
    void describesEachRuleOnceAndPointsResultsAtIt() {
        JsonNode run = JsonMapper.builder().build().readTree(write()).at("/runs/0");
        JsonNode rules = run.at("/tool/driver/rules");
        assertThat(rules).hasSize(4);
        JsonNode result = run.at("/results/1");
        int index = result.get("ruleIndex").asInt();
        assertThat(rules.get(index).get("id").asString()).isEqualTo(result.get("ruleId").asString());
        assertThat(rules.get(index).at("/properties/security-severity").asString()).isEqualTo("8.0");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(12);
        assertThat(result.at("/partialFingerprints/hushFingerprint~1v1").asString()).hasSize(32);
    }

    @Test
    void namesTheSourceRootThatResultPathsAreRelativeTo() {
        StringBuilder out = new StringBuilder();
        new SarifReport(java.net.URI.create("file:///work/app")).write(SampleReports.withEveryCard(), out);
        JsonNode run = JsonMapper.builder().build().readTree(out.toString()).at("/runs/0");
        assertThat(run.at("/originalUriBaseIds/%SRCROOT%/uri").asString()).isEqualTo("file:///work/app/");
        assertThat(run.at("/results/0/locations/0/physicalLocation/artifactLocation/uriBaseId").asString()).isEqualTo("%SRCROOT%");
        assertThat(JsonSchemas.errors(JsonSchemas.sarif(), out.toString())).isEmpty();
    }

    @Test
    void givesEachRuleTheHelpThatViewersShow() {
        JsonNode rule = JsonMapper.builder().build().readTree(write()).at("/runs/0/tool/driver/rules/0");
        assertThat(rule.get("helpUri").asString()).startsWith("https://").endsWith("#" + rule.get("id").asString());
        assertThat(rule.at("/help/text").asString()).isNotBlank();
        assertThat(rule.at("/fullDescription/text").asString()).contains("Fix: ");
    }

    @Test
    void reportsUnreadableFilesAsNotifications() {
        JsonNode notification = JsonMapper.builder().build().readTree(write())
                .at("/runs/0/invocations/0/toolExecutionNotifications/0");
        assertThat(notification.at("/locations/0/physicalLocation/artifactLocation/uri").asString())
                .isEqualTo("broken/compose.yaml");
    }

    @Test
    void neverWritesAValue() {
        assertThat(write()).doesNotContain(SampleReports.PASSWORD).doesNotContain(SampleReports.TOKEN);
    }
}

package dev.hush.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.Hush;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Card;
import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs history scans through the real detector: the blob's first path picks the analyzer. */
class HistoryDetectorTest {
    private static final String FAKE_GITHUB_TOKEN = "ghp_FAKEfakeFAKEfake0123456789abcdefABCD";

    @TempDir
    Path temp;

    @Test
    void findsAComposePasswordThatWasLaterMigratedAtTheCommitThatInlinedIt() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("README.md", "demo\n").commit("start");
            RevCommit inlined = repo.write("compose.yaml", """
                    services:
                      db:
                        image: postgres:16
                        environment:
                          DB_PASSWORD: s3cr3t-Fake-Value-1234
                    """).commit("add the database");
            repo.write("compose.yaml", """
                    services:
                      db:
                        image: postgres:16
                        environment:
                          DB_PASSWORD_FILE: /run/secrets/db_password
                        secrets:
                          - db_password
                    secrets:
                      db_password:
                        file: .secrets/db_password.txt
                    """).commit("move the password into a compose secret");

            HistoryReport report = Hush.history().repository(repo.workTree).config(HushConfig.defaults()).call();

            assertThat(report.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.finding().ruleId()).isEqualTo("compose-inline-secret");
                assertThat(finding.finding().secret().orElseThrow().reveal()).isEqualTo("s3cr3t-Fake-Value-1234");
                assertThat(finding.finding().location().path()).isEqualTo("compose.yaml");
                assertThat(finding.finding().location().line()).isEqualTo(5);
                assertThat(finding.finding().location().commit().orElseThrow().id()).isEqualTo(inlined.name());
                assertThat(finding.inHead()).isFalse();
            });
        }
    }

    @Test
    void findsAProviderTokenInAScriptThatWasDeleted() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            RevCommit added = repo.write("scripts/release.sh", "#!/bin/sh\nGITHUB_TOKEN=" + FAKE_GITHUB_TOKEN + " gh release create\n")
                    .commit("release script");
            repo.delete("scripts/release.sh").commit("drop the script");

            HistoryReport report = Hush.history().repository(repo.workTree).config(HushConfig.defaults()).call();

            assertThat(report.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.finding().card()).isEqualTo(Card.INLINE_SECRET);
                assertThat(finding.finding().secret().orElseThrow().reveal()).isEqualTo(FAKE_GITHUB_TOKEN);
                assertThat(finding.finding().location().commit().orElseThrow().id()).isEqualTo(added.name());
            });
        }
    }
}

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

    private static final String COMPOSE_LOADING_DB_CONF = "services:\n  db:\n    image: postgres:16\n    env_file: config/db.conf\n";
    private static final String DB_CONF_WITH_PASSWORD = "POSTGRES_PASSWORD=hushTest-Pg-9c41e7aa02\n";

    private static HistoryReport scan(GitFixture repo) throws Exception {
        return Hush.history().repository(repo.workTree).config(HushConfig.defaults()).call();
    }

    @Test
    void analysesAsDotenvTheEnvFileThatAComposeFileOfTheSameCommitLoads() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            RevCommit added = repo.write("compose.yaml", COMPOSE_LOADING_DB_CONF)
                    .write("config/db.conf", DB_CONF_WITH_PASSWORD).commit("add the database");
            repo.delete("config/db.conf").commit("drop the settings");

            assertThat(scan(repo).findings()).singleElement().satisfies(finding -> {
                assertThat(finding.finding().ruleId()).isEqualTo("dotenv-secret");
                assertThat(finding.finding().secret().orElseThrow().reveal()).isEqualTo("hushTest-Pg-9c41e7aa02");
                assertThat(finding.finding().location().path()).isEqualTo("config/db.conf");
                assertThat(finding.finding().location().line()).isEqualTo(1);
                assertThat(finding.finding().location().commit().orElseThrow().id()).isEqualTo(added.name());
            });
        }
    }

    @Test
    void analysesAsDotenvALaterVersionOfTheEnvFileWhileTheComposeFileStillLoadsIt() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("compose.yaml", COMPOSE_LOADING_DB_CONF).write("config/db.conf", "POSTGRES_USER=app\n")
                    .commit("add the database");
            RevCommit inlined = repo.write("config/db.conf", "POSTGRES_USER=app\n" + DB_CONF_WITH_PASSWORD)
                    .commit("set the password");

            assertThat(scan(repo).findings()).singleElement().satisfies(finding -> {
                assertThat(finding.finding().ruleId()).isEqualTo("dotenv-secret");
                assertThat(finding.finding().location().line()).isEqualTo(2);
                assertThat(finding.finding().location().commit().orElseThrow().id()).isEqualTo(inlined.name());
                assertThat(finding.inHead()).isTrue();
            });
        }
    }

    @Test
    void analysesAsDotenvABlobThatAComposeFileLoadsAfterItFirstAppearedAtAnotherPath() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            RevCommit first = repo.write("backup/old-settings.txt", DB_CONF_WITH_PASSWORD).commit("keep the old settings");
            repo.write("compose.yaml", COMPOSE_LOADING_DB_CONF).write("config/db.conf", DB_CONF_WITH_PASSWORD)
                    .commit("add the database");

            // The blob is read once, as dotenv because a compose file loads it; it is reported where it first appeared.
            assertThat(scan(repo).findings()).singleElement().satisfies(finding -> {
                assertThat(finding.finding().ruleId()).isEqualTo("dotenv-secret");
                assertThat(finding.finding().location().path()).isEqualTo("backup/old-settings.txt");
                assertThat(finding.finding().location().commit().orElseThrow().id()).isEqualTo(first.name());
                assertThat(finding.occurrences()).isEqualTo(2);
            });
        }
    }

    @Test
    void doesNotAnalyseAsDotenvAFileAtThatPathFromBeforeAnyComposeFileLoadedIt() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("config/db.conf", DB_CONF_WITH_PASSWORD).commit("settings of another tool");
            repo.write("config/db.conf", "POSTGRES_USER=app\n").commit("no password any more");
            repo.write("compose.yaml", COMPOSE_LOADING_DB_CONF).commit("add the database");

            assertThat(scan(repo).findings()).noneMatch(finding -> finding.finding().ruleId().equals("dotenv-secret"));
        }
    }

    @Test
    void analysesAsDotenvTheEnvFileOfAComposeFileInASubfolder() throws Exception {
        try (GitFixture repo = GitFixture.init(temp.resolve("repo"))) {
            repo.write("deploy/compose.yaml", "services:\n  db:\n    image: postgres:16\n    env_file: db.conf\n")
                    .write("deploy/db.conf", DB_CONF_WITH_PASSWORD).write("db.conf", DB_CONF_WITH_PASSWORD + "# root\n")
                    .commit("add the database");

            assertThat(scan(repo).findings()).filteredOn(f -> f.finding().ruleId().equals("dotenv-secret"))
                    .singleElement().satisfies(f -> assertThat(f.finding().location().path()).isEqualTo("deploy/db.conf"));
        }
    }
}

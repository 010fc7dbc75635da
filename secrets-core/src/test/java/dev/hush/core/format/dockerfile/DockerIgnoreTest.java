package dev.hush.core.format.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
    @Test
    void anchorsEveryPatternAtTheContextRoot() {
        DockerIgnore rules = DockerIgnore.parse(".secrets\n*.pem\n");
        assertThat(rules.excludes(".secrets")).isTrue();
        assertThat(rules.excludes(".secrets/db_password.txt")).isTrue();
        assertThat(rules.excludes("app/.secrets/db_password.txt")).isFalse();
        assertThat(rules.excludes("server.pem")).isTrue();
        assertThat(rules.excludes("certs/server.pem")).isFalse();
    }

    @Test
    void readsDoubleStarLeadingSlashesDotSlashAndTrailingSlashes() {
        DockerIgnore rules = DockerIgnore.parse("**/*.key\n/.hush/\n./config/.env\n");
        assertThat(rules.excludes("a/b/tls.key")).isTrue();
        assertThat(rules.excludes("tls.key")).isTrue();
        assertThat(rules.excludes(".hush/backup/compose.yaml")).isTrue();
        assertThat(rules.excludes("config/.env")).isTrue();
        assertThat(rules.excludes("config/.env.example")).isFalse();
    }

    @Test
    void letsTheLastMatchingLineWinEvenInsideAnExcludedFolder() {
        DockerIgnore rules = DockerIgnore.parse("# comment\n\n.secrets\n!.secrets/public.txt\n");
        assertThat(rules.excludes(".secrets/db.txt")).isTrue();
        assertThat(rules.excludes(".secrets/public.txt")).isFalse();
        assertThat(rules.excludesAllOf(".secrets")).isFalse();
        assertThat(DockerIgnore.parse("!.secrets/public.txt\n.secrets\n").excludesAllOf(".secrets")).isTrue();
    }

    @Test
    void leavesEverythingInWithoutAFile() {
        assertThat(DockerIgnore.none().excludes(".secrets/db.txt")).isFalse();
        assertThat(DockerIgnore.parse("node_modules\n").excludesAllOf(".secrets")).isFalse();
    }
}

package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void preparesGitForTheScansThatReadIt() {
        assertThat(Main.readsGit(new String[] {"scan", "--staged"})).isTrue();
        assertThat(Main.readsGit(new String[] {"scan", "--format", "json", "--diff", "origin/main"})).isTrue();
        assertThat(Main.readsGit(new String[] {"scan", "--diff=HEAD~1"})).isTrue();
    }

    @Test
    void leavesGitAloneForEverythingElse() {
        assertThat(Main.readsGit(new String[] {})).isFalse();
        assertThat(Main.readsGit(new String[] {"scan", "."})).isFalse();
        assertThat(Main.readsGit(new String[] {"scan", "--different"})).isFalse();
        assertThat(Main.readsGit(new String[] {"history", "--staged"})).isFalse();
    }

    @Test
    void readsTheRulesAheadForTheCommandsThatDetect() {
        assertThat(Main.detects(new String[] {"scan"})).isTrue();
        assertThat(Main.detects(new String[] {"scan", "--format", "json", "."})).isTrue();
        assertThat(Main.detects(new String[] {"scan", "--staged"})).isTrue();
        assertThat(Main.detects(new String[] {"history", "."})).isTrue();
        assertThat(Main.detects(new String[] {})).isFalse();
        assertThat(Main.detects(new String[] {"rules"})).isFalse();
        assertThat(Main.detects(new String[] {"migrate", "scan"})).isFalse();
    }

    @Test
    void takesOnlyTheHookLineExactlyPastPicocli() {
        assertThat(ScanCli.isHookLine(new String[] {"scan", "--staged"})).isTrue();
        assertThat(ScanCli.isHookLine(new String[] {"scan", "--staged", "."})).isFalse();
        assertThat(ScanCli.isHookLine(new String[] {"scan", "--staged", "--debug"})).isFalse();
        assertThat(ScanCli.isHookLine(new String[] {"--staged", "scan"})).isFalse();
        assertThat(ScanCli.isHookLine(new String[] {"scan"})).isFalse();
    }
}

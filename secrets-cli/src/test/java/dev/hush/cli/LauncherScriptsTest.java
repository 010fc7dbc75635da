package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The release launchers (sh, cmd, PowerShell) start the JVM with the flags {@link Launcher}
 * writes into git hooks, and record one class-data-sharing archive per subcommand: shell
 * scripts cannot read the Java lists, so this test holds them to the same ones.
 */
class LauncherScriptsTest {
    private static final Path BIN = Fixtures.repositoryRoot().resolve("distribution/src/bin");

    /** The subcommands that record an archive of their own: every one but help. */
    private static Set<String> archivedSubcommands() {
        Set<String> names = new LinkedHashSet<>(HushCommand.commandLine().getSubcommands().keySet());
        names.remove("help");
        return names;
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(matcher.find()).as("%s in the launcher", regex).isTrue();
        return matcher.group(1);
    }

    @Test
    void everyLauncherStartsTheJvmWithTheFlagsOfTheHooks() throws IOException {
        String flags = String.join(" ", Launcher.JVM_FLAGS);
        assertThat(group(Files.readString(BIN.resolve("hush")), "^flags=\"([^\"]*)\"")).isEqualTo(flags);
        assertThat(group(Files.readString(BIN.resolve("hush.cmd")), "set \"HUSH_FLAGS=([^\"]*)\"")).isEqualTo(flags);
        String powershell = group(Files.readString(BIN.resolve("hush.ps1")), "^\\$flags = @\\(([^)]*)\\)");
        assertThat(Arrays.stream(powershell.split(",")).map(String::strip).filter(w -> w.startsWith("'-X"))
                .map(w -> w.substring(1, w.length() - 1)).toList()).isEqualTo(Launcher.JVM_FLAGS);
    }

    @Test
    void theShellLauncherStartsAHooksScanWithTheFlagOfTheHooks() throws IOException {
        assertThat(group(Files.readString(BIN.resolve("hush")), "--diff=\"\\*\\) kind=\"\" jit=(\\S+) ;;"))
                .isEqualTo(Launcher.HOOK_SCAN_FLAG);
    }

    @Test
    void theShellLauncherGivesOnlyATreesScanItsSmallerYoungGeneration() throws IOException {
        String launcher = Files.readString(BIN.resolve("hush"));
        assertThat(group(launcher, "^      \\*\\) kind=\"-scan\" heap=(\\S+) ;;$")).isEqualTo("-Xmn32m");
        // Every start of the JVM passes it beside the hooks' flag (the hooks' own line, which
        // theShellLauncherStartsAHooksScanWithTheFlagOfTheHooks pins, sets no heap).
        assertThat(launcher.split("\\$jit \\$heap ", -1)).hasSize(5);
    }

    @Test
    void everyLauncherKnowsEverySubcommand() throws IOException {
        Set<String> expected = archivedSubcommands();
        Set<String> sh = new LinkedHashSet<>(List.of("scan"));
        sh.addAll(List.of(group(Files.readString(BIN.resolve("hush")), "^  ([a-z |]+)\\) kind=\"-\\$1\" ;;").split(" \\| ")));
        assertThat(sh).isEqualTo(expected);
        assertThat(new LinkedHashSet<>(List.of(group(Files.readString(BIN.resolve("hush.cmd")),
                "for %%k in \\(([a-z ]+)\\) do").split(" ")))).isEqualTo(expected);
        assertThat(new LinkedHashSet<>(Arrays.stream(group(Files.readString(BIN.resolve("hush.ps1")),
                "^\\$kinds = (.*)$").split(",")).map(w -> w.strip().replace("'", "")).toList())).isEqualTo(expected);
    }
}

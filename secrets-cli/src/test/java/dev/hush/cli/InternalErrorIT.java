package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An internal error is one line naming the failing methods, and --debug adds the stack trace; neither quotes a message. */
class InternalErrorIT {
    @TempDir
    Path dir;

    @Test
    void namesTheFailingMethodChainInOneLineWithoutTheMessage() throws Exception {
        ProcessRun.Result result = HushProcess.runMain(dir, FailingHush.class, "fail");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).hasLineCount(1)
                .startsWith("hush: internal error in FailingHush.Fail.compose ← FailingHush.Fail.plan ← FailingHush.Fail.call"
                        + " (IllegalStateException ← IllegalArgumentException); please report it at "
                        + InternalErrors.REPORT_AT)
                .contains("--debug")
                .doesNotContain(FailingHush.QUOTED).doesNotContain("PASSWORD");
        assertThat(result.out()).doesNotContain(FailingHush.QUOTED);
    }

    @Test
    void printsTheStackTraceWithoutMessagesWithDebugBeforeOrAfterTheCommand() throws Exception {
        for (String[] args : new String[][] {{"--debug", "fail"}, {"fail", "--debug"}}) {
            ProcessRun.Result result = HushProcess.runMain(dir, FailingHush.class, args);

            assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(result.err()).startsWith("hush: internal error in FailingHush.Fail.compose")
                    .contains("\njava.lang.IllegalStateException\n")
                    .contains("\tat dev.hush.cli.FailingHush$Fail.compose(FailingHush.java:")
                    .contains("\nCaused by: java.lang.IllegalArgumentException\n")
                    .contains("\tat picocli.CommandLine")
                    .doesNotContain(FailingHush.QUOTED).doesNotContain("PASSWORD").doesNotContain("could not parse");
        }
    }

    @Test
    void keepsTheOneLineOfAnErrorTheUserCanActOnWithDebug() throws Exception {
        ProcessRun.Result result = HushProcess.run(dir, "--debug", "scan", "no-such-folder");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).hasLineCount(1).doesNotContain("internal error").doesNotContain("\tat ");
    }
}

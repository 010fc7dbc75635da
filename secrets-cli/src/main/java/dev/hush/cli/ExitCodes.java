package dev.hush.cli;

/** Names hush's exit codes: 0 clean, 1 findings, 2 usage or error. */
final class ExitCodes {
    static final int CLEAN = 0;
    static final int FINDINGS = 1;
    static final int ERROR = 2;

    private ExitCodes() {
    }
}

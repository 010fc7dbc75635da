package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which files the log-leak analyzer reads as code or as scripts, by the extension of their name in any case. */
class LogLeakAnalyzerPathTest {
    @ParameterizedTest
    @CsvSource({
        "src/App.java, true, false",
        "src/APP.JAVA, true, false",
        "web/index.Mjs, true, false",
        "a.b/server.py, true, false",
        "a.js/README, false, false",
        "a.js/, false, false",
        "Makefile, false, false",
        "archive.tar.gz, false, false",
        ".sh, false, true",
        "bin/run.SH, false, true",
        "build/Dockerfile, false, true",
        "docker/Entrypoint, false, true",
        "x., false, false",
        "caf\u00e9.go, true, false",
        "notes.j\u00e1va, false, false"
    })
    void choosesCodeAndScriptsByTheNamesExtension(String path, boolean code, boolean script) {
        assertThat(LogLeakAnalyzer.appliesToCode(path)).as(path).isEqualTo(code);
        assertThat(LogLeakAnalyzer.appliesToScript(path)).as(path).isEqualTo(script);
    }
}

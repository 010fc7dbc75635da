package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Finding;
import dev.hush.core.rules.BuiltInRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The secret-assignment and log-leak analyzers read an ASCII file in its bytes, without decoding
 * it: on every sample of their rules, and on lines that exercise each search, they find exactly
 * what they find in the decoded text.
 */
class SecretAssignmentAsciiViewTest {
    private static final SecretAssignmentAnalyzer ASSIGNMENTS = new SecretAssignmentAnalyzer();
    private static final LogLeakAnalyzer LOG_LEAKS = new LogLeakAnalyzer();

    static Stream<Arguments> samples() {
        Stream<Arguments> rules = BuiltInRules.withSamples().rules().stream()
                .filter(rule -> rule.analyzer().isPresent() && rule.samples().path().isPresent())
                .flatMap(rule -> Stream.concat(rule.samples().positives().stream().map(s -> s.text()),
                                rule.samples().negatives().stream())
                        .map(text -> Arguments.of(rule.samples().path().orElseThrow(), text)));
        Stream<Arguments> extra = Stream.of(
                Arguments.of("deploy.sh", "#!/bin/sh\n# DB_PASSWORD=Zq8vN3kLx2Rt7Wp\nexport API_TOKEN=Hq7zXc2Vb9Nm4Lk\nenv\n"),
                Arguments.of("src/App.java", "class A {\n  // token = \"Zq8vN3kLx2Rt7Wp\"\n  String password = \"Hq7zXc2Vb9Nm4Lk\";\n"
                        + "  if (password == \"Pw9Lm2Qx7Zr4Tb\") {}\n  System.out.println(System.getenv());\n}\n"),
                Arguments.of("db.sql", "CREATE USER app IDENTIFIED BY 'Zq8vN3kLx2Rt7Wp';\n"
                        + "INSERT INTO users (name, password) VALUES ('a', 'Hq7zXc2Vb9Nm4Lk'), ('b', 'Pw9Lm2Qx7Zr4Tb');\n"),
                Arguments.of("app.config", "<add key=\"SmtpPassword\" value=\"Zq8vN3kLx2Rt7Wp\"/>\n<password>Hq7zXc2Vb9Nm4Lk</password>\n"),
                Arguments.of("src/Db.cs", "var c = \"Server=db;Database=app;User Id=app;Password=Zq8vN3kLx2Rt7Wp;\";\n"
                        + "Server=db;User Id=app;Password=Hq7zXc2Vb9Nm4Lk;\nAccountKey=Pw9Lm2Qx7Zr4Tb\n"),
                Arguments.of("build.gradle", "credentials {\n    password 'Zq8vN3kLx2Rt7Wp'\n}\n"),
                Arguments.of("main.tf", "variable \"db_password\" {\n  default = \"Zq8vN3kLx2Rt7Wp\"\n}\n"),
                Arguments.of("secret.yaml", "apiVersion: v1\nkind: Secret\ndata:\n  password: WnE4dk4za0x4MlJ0N1dw\n"),
                Arguments.of("settings.json", "{\"type\": \"service_account\", \"private_key\": \"Zq8vN3kLx2Rt7Wp\"}\n"),
                Arguments.of("app.php", "<?php\ndefine('DB_PASSWORD', 'Zq8vN3kLx2Rt7Wp');\n$x = f\"{token}\";\n"),
                Arguments.of("index.js", "console.log(process.env.JWT_SECRET);\nconsole.log(process.env)\n"));
        return Stream.concat(rules, extra).filter(a -> isAscii((String) a.get()[1]));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void findsInTheBytesWhatItFindsInTheText(String path, String text) {
        assertThat(describe(run(new SourceFile(path, text)))).isEqualTo(describe(run(ascii(path, text))));
    }

    private static SourceFile ascii(String path, String text) {
        byte[] bytes = (text + "\u0000\u0000").getBytes(StandardCharsets.US_ASCII);
        // Bytes past the file's length (a reused buffer) must not be read as the file's.
        bytes[bytes.length - 2] = '=';
        bytes[bytes.length - 1] = '\n';
        SourceFile file = new SourceFile(path, bytes, text.length());
        file.knownAscii();
        return file;
    }

    private static List<Finding> run(SourceFile file) {
        FileAnalysis analysis = new FileAnalysis(file, GitFacts.COMMITTED);
        String text = file.bytes() == null ? file.text() : new String(file.bytes(), 0, file.byteLength(), StandardCharsets.US_ASCII);
        ASSIGNMENTS.analyze(analysis, KeywordIndex.starts(SecretAssignmentAnalyzer.KEYWORDS, text));
        LOG_LEAKS.analyze(analysis, KeywordIndex.starts(LogLeakAnalyzer.ENVIRONMENT_WORDS, text));
        return analysis.findings();
    }

    private static List<String> describe(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + " " + f.location().line() + ":" + f.location().column() + " "
                + f.key().orElse("-") + " " + f.severity() + " " + f.secret().map(s -> s.reveal()).orElse("-") + " "
                + f.message()).toList();
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}

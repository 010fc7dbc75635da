package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretAssignmentAnalyzerTest {
    private static final Detector DETECTOR = Detector.create(HushConfig.defaults());
    /** The rules the catalogue gives this analyzer. */
    private static final Set<String> RULES = RuleCatalogue.builtIn().rules().stream()
            .filter(rule -> rule.analyzer().equals(Optional.of(SecretAssignmentAnalyzer.ANALYZER)))
            .map(Rule::id).collect(Collectors.toUnmodifiableSet());

    private static List<Finding> findings(String path, String text) {
        Detector.Result result = DETECTOR.analyze(path, text.getBytes(StandardCharsets.UTF_8), GitFacts.COMMITTED, false);
        assertThat(result.errors()).isEmpty();
        return result.findings().stream().filter(f -> RULES.contains(f.ruleId())).toList();
    }

    @Test
    void readsAMakefilesVariablesInEachFlavourButNotTheirReferencesOrCommands() {
        String makefile = """
                # deploy settings
                DEPLOY_TOKEN ?= Vq3mT8xLr2Kp9Wz5Nc7H
                override API_SECRET := Rk9vT2pLm6Qx4Zb8Yc1W
                export REGISTRY_PASSWORD ::= Hn5cQ8rW2mTz7Kv4Lp9X
                SIGNING_KEY = $(shell cat .secrets/signing.key)
                NPM_TOKEN ?= ${NPM_TOKEN}
                GIT_SHA != git rev-parse HEAD
                TOKEN_FILE := /run/secrets/deploy_token
                DB_PASSWORD ?= changeme

                deploy:
                	./deploy --token "$(DEPLOY_TOKEN)"
                """;

        for (String path : List.of("Makefile", "build/GNUmakefile", "mk/deploy.mk")) {
            assertThat(findings(path, makefile)).as(path).extracting(f -> f.key().orElseThrow(), f -> f.location().line())
                    .containsExactly(tuple("DEPLOY_TOKEN", 2), tuple("API_SECRET", 3), tuple("REGISTRY_PASSWORD", 4),
                            tuple("DB_PASSWORD", 9));
        }
        assertThat(findings("Makefile", makefile)).filteredOn(f -> f.key().orElseThrow().equals("DB_PASSWORD"))
                .extracting(Finding::severity).containsExactly(dev.hush.core.model.Severity.LOW);
    }

    @Test
    void readsEnvironmentAssignmentsAndConnectionStringsOnLongLinesToo() {
        // Only the lines that can hold a match are searched: a line longer than the per-line limit must not be one left out.
        String padding = "echo " + "x".repeat(5000) + "; ";
        List<Finding> script = findings("deploy.sh",
                "#!/bin/sh\n= not an assignment\nlower=case\n" + padding + "DB_PASSWORD=Zq8vN3kLx2Rt7Wp ./run\n");
        assertThat(script).extracting(f -> f.key().orElseThrow(), f -> f.location().line())
                .containsExactly(tuple("DB_PASSWORD", 4));

        List<Finding> code = findings("src/Db.cs", "class Db {\n  int n = " + "1 + ".repeat(1300)
                + "1; string c = \"Server=db;Database=app;User Id=app;Password=Zq8vN3kLx2Rt7Wp;\";\n}\n");
        assertThat(code).extracting(f -> f.secret().orElseThrow().reveal(), f -> f.location().line())
                .contains(tuple("Zq8vN3kLx2Rt7Wp", 2));
    }

    @Test
    void leavesOutATestsTableOfVectorsButNotTheSameNamesInSettings() {
        StringBuilder vectors = new StringBuilder("var chachaVectors = []struct{ key, nonce string }{\n");
        StringBuilder settings = new StringBuilder();
        for (int i = 0; i < SecretAssignmentAnalyzer.TEST_VECTORS; i++) {
            String value = Integer.toHexString(0x5a3c9e17 * (i + 3)) + "e8512d17c6f5805b38e4c9b9c0" + (i + 1) + "961a5232";
            vectors.append("\t{key: \"").append(value).append("\", nonce: \"00\"},\n");
            settings.append("  service").append(i).append(":\n    password: \"").append(value).append("\"\n");
        }
        vectors.append("}\n");
        assertThat(findings("crypto/chacha20/vectors_test.go", vectors.toString())).isEmpty();
        // One case fewer is a test's own few keys, each reported; the same values in settings are each a secret.
        String fewer = vectors.toString().replaceFirst("\t\\{key: [^\n]*\n", "");
        assertThat(findings("crypto/chacha20/vectors_test.go", fewer)).hasSize(SecretAssignmentAnalyzer.TEST_VECTORS - 1);
        assertThat(findings("config/services.yml", settings.toString())).hasSize(SecretAssignmentAnalyzer.TEST_VECTORS);
    }

    @Test
    void readsTheDotfilesOfMailAndVersionControlClientsAsSettings() {
        // msmtp's and fetchmail's key and value have blanks between; Mercurial's and OfflineIMAP's an =.
        assertThat(findings(".msmtprc", "account default\nhost smtp.hush.invalid\nuser ann\npassword Wq7Er4Ty1Ui8Op\n"))
                .extracting(f -> f.secret().orElseThrow().reveal(), f -> f.location().line())
                .containsExactly(tuple("Wq7Er4Ty1Ui8Op", 4));
        assertThat(findings(".fetchmailrc", "poll mail.hush.invalid protocol imap user \"ann\" password \"Fg6Hj3Kl9Zx2Cv\"\n"))
                .extracting(f -> f.secret().orElseThrow().reveal()).containsExactly("Fg6Hj3Kl9Zx2Cv");
        // A quoted password may have the entry's option words after it.
        assertThat(findings(".fetchmailrc", "poll mail.hush.invalid protocol imap user \"ann\" password \"Fg6Hj3Kl9Zx2Cv\" ssl keep\n"))
                .extracting(f -> f.secret().orElseThrow().reveal()).containsExactly("Fg6Hj3Kl9Zx2Cv");
        assertThat(findings(".hgrc", "[auth]\nhush.prefix = https://hg.hush.invalid\nhush.password = Zx3Cv6Bn9Mq2We\n"))
                .extracting(f -> f.secret().orElseThrow().reveal()).containsExactly("Zx3Cv6Bn9Mq2We");
        assertThat(findings(".offlineimaprc", "[Repository Remote]\nremoteuser = ann\nremotepass = Bn5Mq2Wr8Et4Yt\n"))
                .extracting(f -> f.secret().orElseThrow().reveal()).containsExactly("Bn5Mq2Wr8Et4Yt");
        // What is no password there: sshd's settings, a variable, a way around, prose; and a shell's rc file is a script.
        assertThat(findings(".msmtprc", "password $MAIL_PASSWORD\nbypass on\n# password Wq7Er4Ty1Ui8Op\n")).isEmpty();
        assertThat(findings("sshd_config", "PasswordAuthentication yes\nPermitEmptyPasswords no\n")).isEmpty();
        assertThat(findings("notes.txt", "Set the password here in the admin panel\n")).isEmpty();
        assertThat(findings(".bashrc", "alias password pwgen\nexport API_TOKEN=hK3mP9qL2vX7nB4tR8wZ\n"))
                .extracting(f -> f.key().orElseThrow()).containsExactly("API_TOKEN");
    }

    @Test
    void readsAProjectsProseFilesWithoutAnExtensionAsProseNotSettings() {
        // README, NEWS, WHATSNEW, INSTALL: sentences that end in a word after "password" (Debian's /usr/share/doc).
        String prose = "(in actual fact, all these values are taken from the password database),\n"
                + "all logins, not just when using password authentication.\n"
                + "- zip -P Wq7Er4Ty encrypts entries in the zip file with password Wq7Er4Ty\n";
        for (String name : List.of("README", "NEWS", "WHATSNEW", "INSTALL", "ChangeLog", "docs/TODO")) {
            assertThat(findings(name, prose)).as(name).isEmpty();
        }
        // A sentence's last word ends in its punctuation even in a settings file; a settings file without an
        // extension still reads its blank-separated password.
        assertThat(findings("config", "# comes from the password database),\nnot just when using password auth.\n"))
                .isEmpty();
        assertThat(findings("config", "user ann\npassword Wq7Er4Ty1Ui8Op\n"))
                .extracting(f -> f.secret().orElseThrow().reveal()).containsExactly("Wq7Er4Ty1Ui8Op");
    }

    @Test
    void readsTheNameAndValueRowsOfCsvAndTsvFiles() {
        assertThat(findings("exports/settings.csv",
                "name,value,notes\napiToken,hK3mP9qL2vX7nB4tR8wZ,deploy\nlabel,Release token,\ntokenCount,42,\n\"db_password\",\"Zq8vN3kLx2Rt7Wp\"\n"))
                .extracting(f -> f.key().orElseThrow(), f -> f.location().line(), f -> f.location().column())
                .containsExactly(tuple("apiToken", 2, 10), tuple("db_password", 5, 16));
        assertThat(findings("exports/settings.tsv", "apiToken\thK3mP9qL2vX7nB4tR8wZ\n")).hasSize(1);
        // References, prose and sentences in the first field are no settings.
        assertThat(findings("exports/settings.csv",
                "apiToken,${API_TOKEN},\ntoken_help,Paste your token here,\nThe token is,hK3mP9qL2vX7nB4tR8wZ,\n")).isEmpty();
        // Elsewhere a comma is an argument list's, not a row's.
        assertThat(findings("src/Client.java", "client(apiToken, hK3mP9qL2vX7nB4tR8wZ);\n")).isEmpty();
        // A row of data whose base64 column ends in = is no name=value line (Go's zip_sums.csv: module, version, h1:hash).
        assertThat(findings("sums/zip_sums.csv", "github.com/hush-dev/gopass,v0.0.0-20190910152052-7cb4b85ec19c,"
                + "h1:aY2hhxLhjEAbfXOx2nRJxCXezC6CO2V/yN+OCr1srtk=,83560b6c9a6220bcbb4ad2f043e5a190ab11a013b77c1bbff9a3a67ed74d4b37\n"))
                .isEmpty();
    }

    @Test
    void readsOneLineBlockScalarsOfYamlPastedIntoProseAndScripts() {
        String pasted = "Configure the bot:\n\nslack:\n  bot_token: |\n    hK3mP9qL2vX7nB4tR8wZ\n\nThen restart it.\n";
        assertThat(findings("notes/deploy.txt", pasted)).extracting(f -> f.key().orElseThrow(), f -> f.location().line())
                .containsExactly(tuple("bot_token", 5));
        // Prose is not a value that looks set, however it is indented.
        assertThat(findings("notes/deploy.txt", "slack:\n  bot_token: >\n    ask the team\n")).isEmpty();
    }

    @Test
    void readsTheCodeInANotebooksCellsWhereItsLineIs() {
        String notebook = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n"
                + "    \"import os\\n\",\n"
                + "    \"WEATHER_API_KEY = \\\"9c4f2a7e1b8d3f6a0c5e2b9d7f1a4c8e\\\"\\n\",\n"
                + "    \"TOKEN = os.environ.get(\\\"TOKEN\\\")\\n\",\n"
                + "    \"password = \\\"password is required\\\"\"\n   ]\n  }\n ]\n}\n";

        assertThat(findings("analysis/explore.ipynb", notebook))
                .extracting(f -> f.key().orElseThrow(), f -> f.secret().orElseThrow().reveal(), f -> f.location().line())
                .containsExactly(tuple("WEATHER_API_KEY", "9c4f2a7e1b8d3f6a0c5e2b9d7f1a4c8e", 7));
    }

    @Test
    void reportsAWeakPasswordPastedBesideItsUserAtLowSeverity() {
        String pasted = "Support site login:\nuser = hushsupport\n// rotated yearly\npassword = open_sesame\n\n"
                + "password = open_sesame\nusername = hushops\npassword = env.OPS_PASSWORD\n";

        assertThat(findings("ops/notes.txt", pasted))
                .extracting(f -> f.location().line(), Finding::severity)
                .containsExactly(tuple(4, Severity.LOW));
    }

    @Test
    void readsANetrcEntryPastedIntoAReadme() {
        String readme = "Put this in ~/.netrc:\n\n```\nmachine git.hush.invalid\n  login hushbot\n  password pass123\n```\n\n"
                + "machine ci.hush.invalid login hushci password $CI_PASSWORD\n\nThe password field is required.\npassword reset\n";

        assertThat(findings("README.md", readme))
                .extracting(f -> f.secret().orElseThrow().reveal(), f -> f.location().line())
                .containsExactly(tuple("pass123", 6));
    }

    @Test
    void readsAShellHistoryAsTheCommandsTyped() {
        String history = ": 1700000000:0;cd /srv/orders\n: 1700000100:0;export DATABASE_PASSWORD=Zh5vK8mQ2xLtZs\n"
                + ": 1700000200:0;export DATABASE_PASSWORD=$(cat /run/secrets/db)\n";

        assertThat(findings("home/ops/.zsh_history", history)).extracting(f -> f.key().orElseThrow(), f -> f.location().line())
                .containsExactly(tuple("DATABASE_PASSWORD", 2));
        assertThat(findings("home/ops/.bash_history", "export DATABASE_PASSWORD=Zh5vK8mQ2xLtZs\n"))
                .extracting(f -> f.location().line()).containsExactly(1);
    }

    @Test
    void readsGitlabCiVariablesBesideAServicesListAsCiConfigNotCompose() {
        // GitLab's services: is a list of images, at the top or under a job; only a top-level mapping makes compose.
        String job = ".deploy:\n  services:\n    - docker:24-dind\n  variables:\n    REGISTRY_PASSWORD: \"Gl7vK3mQ9xLtRw2\"\n"
                + "    DEPLOY_TOKEN: $CI_DEPLOY_PASSWORD\n";
        String global = "services:\n  - postgres:16\nvariables:\n  POSTGRES_PASSWORD: Pg4vK8mQ2xLtGl\n";

        assertThat(findings("ci/deploy.gitlab-ci.yml", job)).extracting(f -> f.key().orElseThrow(), f -> f.location().line())
                .containsExactly(tuple("REGISTRY_PASSWORD", 5));
        assertThat(findings("ci/templates.yml", global)).extracting(f -> f.key().orElseThrow(), f -> f.location().line())
                .containsExactly(tuple("POSTGRES_PASSWORD", 4));
    }

    @ParameterizedTest
    @CsvSource({
        "src/test/java/App.java, true", "docs/setup.md, true", "config.sample.yml, true", "app_fixtures/db.json, true",
        "examples, true", "my-demo, true", "src/testdata/x, true", "templates/base.html, true", "Dist/app.js, true",
        "src/contest/App.java, false", "tests2/x.py, false", "src/main/App.java, false", "doctor/x.py, false",
        "latest.json, false", "test, true", "a.tests, true", "spec_helper.rb, true",
        "SRC/Test/App.java, true", "Docs/Setup.MD, true", "src/ConTest/App.java, false",
        "d\u0131st/app.js, false", "d\u0130st/app.js, false", "\u00e9xamples/x, false", "caf\u00e9/Mocks/x, true",
    })
    void tellsExamplePathsByAWholePartOfThePath(String path, boolean example) {
        assertThat(SecretAssignmentAnalyzer.isExample(path)).isEqualTo(example);
        // The regex this check replaced answers the same.
        assertThat(path.toLowerCase(java.util.Locale.ROOT).matches("(?:.*[/._-])?(?:examples?|samples?|templates?|dist|docs?"
                + "|tests?|spec|mocks?|fixtures?|testdata|demo)(?:[/._-].*)?") || path.toLowerCase(java.util.Locale.ROOT).endsWith(".md"))
                .isEqualTo(example);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "String password = getPassword();",
        "password = request.form.password",
        "token = self.session.token",
        "const token = await client.fetchToken(user);",
        "secret := os.Getenv(\"APP_SECRET\")",
        "password: \"{{ vault_db_password }}\"",
        "'password': '%(db_password)s'",
        "password = \"changeme\"",
        "api_key: <insert-your-key>",
        "password = 'aaaaaaaaaaaa'",
        "password_file: /run/secrets/db_password",
        "jwt_public_key: MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE",
        "if (token == \"Zq8vN3kLx2Rt\") {",
        "if token != \"Zq8vN3kLx2Rt\":",
        "key: user-profile-cache",
        "auth: required",
        "password = None",
        "token = null;",
        "secret_key_base: <%= ENV[\"SECRET_KEY_BASE\"] %>",
        "authType: SecretKeyBasedAuthentication",
        "password: true",
        "privKey.PrivateKey = priv.D",
        "token = yaml.Unmarshal(data, &cfg)",
        "options.AuthSchemeResolver = &endpointResolver{}",
        "final String key = \"sun.java2d.renderer.profile\";",
        "\"PasswordLastUsed\": \"2016-09-08T21:47:36Z\",",
        "\"ClientRequestToken\": \"550e8400-e29b-41d4-a716-446655440000\",",
        "String message = \"password = Zq8vN3kLx2Rt\" + suffix;",
        // The shell's working directory (a macOS home), and anonymous FTP's password with its leading dash (Net::FTP).
        "PWD: '/Users/hush'",
        "pass = '-anonymous@'",
    })
    void ignoresExpressionsReferencesPlaceholdersAndNonSecretValues(String line) {
        assertThat(findings("app/config.go", line)).isEmpty();
        assertThat(findings("app/config.yml", line)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "src/App.java       | private static final String DB_PASSWORD = \"Zq8vN3kLx2Rt!7\";         | Zq8vN3kLx2Rt!7",
        "main.go            | password := \"Vb6Ms1Qe8Rw3Ty5U\"                                       | Vb6Ms1Qe8Rw3Ty5U",
        "config/app.yml     | smtp_password: Tr0ub4dor3xYz                                         | Tr0ub4dor3xYz",
        "deploy.sh          | export API_TOKEN=9f8Kq2LmX7vB3nRt1cZw                                | 9f8Kq2LmX7vB3nRt1cZw",
        "README.md          | Run with `DB_PASSWORD=Zq8vN3kLx2Rt make run`                         | Zq8vN3kLx2Rt",
        "app/settings.py    | SECRET_KEY = 'k3#v9Lq2@xW7zR4tN8bM1pY6'                              | k3#v9Lq2@xW7zR4tN8bM1pY6",
        "notes.txt          | license_key: 8cdd509b6e23a90f9e14629f32a5cba7d0d6187b                | 8cdd509b6e23a90f9e14629f32a5cba7d0d6187b",
        "notes.txt          | token-secret = f395acbd2e7a9c4e1b8d                                  | f395acbd2e7a9c4e1b8d",
        "deploy.sh          | MAILER_PASSWORD=quietheron                                           | quietheron",
        "app/auth.py        | if user == 'admin' and password == 'Rk3vT9pLm2Qx':                   | Rk3vT9pLm2Qx",
        "src/Jenkins.cs     | readonly static string jenkinsToken = \"56789abc-def0-1234-5678-9dccdbb01234\"; | 56789abc-def0-1234-5678-9dccdbb01234",
        "notes.txt          | Server=db;Database=app;User Id=app;Password=Zq8vN3kLx2Rt;           | Zq8vN3kLx2Rt",
    })
    void reportsLiteralsInEachSyntax(String path, String line, String secret) {
        assertThat(findings(path, line)).singleElement()
                .satisfies(f -> assertThat(f.secret().orElseThrow().reveal()).isEqualTo(secret));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "license_key: your-license-key-here",
        "password: the one you set during the install",
        "token_secret: f3",
        "MAILER_PASSWORD=mailer_password",
        "MAILER_MODE=quietheron",
        "clientToken = \"56789abc-def0-1234-5678-9dccdbb01234\"",
        "if (password == \"\") {",
        "BROKER_CREDENTIALS = 'amqp://guest:guest@rabbit/'",
        "BROKER_CREDENTIALS = 'amqp://app:Vb6Ms1Qe8Rw3@rabbit/'",
        "BROKER_CREDENTIALS = 'amqp://app:$(BROKER_PASSWORD)@rabbit/'",
        "\"password\": \"&lt;YOUR-PASSWORD&gt;\"",
        "Server=db;Database=app;Uid=app;Pwd=#{datastore['DBPASSWORD']};",
        "tokenizer: whitespace",
        // Code pasted into a guide: a TypeScript optional property's type, an object literal's member read from the environment.
        "d_hushpasswd='define'",
        "i_pwd='undef'",
        "    password?: string[]",
        "    password: process.env.DB_PASS,",
        "  clientSecret: config.oauth.clientSecret;",
    })
    void ignoresProsePlaceholdersAndHandlesInNotesAndScripts(String line) {
        assertThat(findings("notes.txt", line)).isEmpty();
        assertThat(findings("deploy.sh", line)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // An API's expression of where the key is, its page and offer handles, an ARN in another partition, a mask.
        "\"ApiKeySelectionExpression\": \"$request.header.x-api-key\",",
        "\"nextForwardToken\": \"f/38472910563829174650392817465039281746503928174650\",",
        "\"PurchaseToken\": \"eyJ2IjoiMSIsImh1c2giOiJvZmZlci03IiwiYyI6LTF9\",",
        "\"ExportToken\": \"export-token-hush7q2vbn3klw9tx\",",
        "\"WorkUnitToken\": \"7301948265hush4821\",",
        "\"HushSelfManageCredentials\": \"arn:aws-eusc:iam::aws:policy/HushSelfManageCredentials\",",
        "password = \":****\"",
        "\"MasterUserPassword\": \"\\****\"",
        "self.update_token = \"3f2a9c71-0b6a-4e1b-9d27-5c8e0b6a4f13\"",
        // The name of an error code, with its number.
        "HushAuthenticationWithPassThruIsInvalid: Final = \"942199\"",
        "INVALID_TOKEN = 'hush-err-7q2vBn3kLw9Tx4'",
        // A bare key naming an IAM condition's key or an S3 object, a filter's kind under pass.
        "\"DecodedMessage\": \"{\\\"conditions\\\":{\\\"items\\\":[{\\\"key\\\":\\\"ec2:InstanceMarketType\\\"}]}}\"",
        "\"Key\":\"HushRaceServer_build_123.zip\"",
        "taps = firwin(ntaps, pass_zero='lowpass')",
        "kinds = {'pass': 'bandpass'}",
    })
    void ignoresTheHandlesExpressionsArnsMasksAndErrorNamesOfApiCode(String line) {
        assertThat(findings("app/client.py", line)).isEmpty();
        assertThat(findings("docs/get-log-events.rst", line)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SessionToken = 'FwoGZXIvYXdzEHushQ7vBn3kLw9Tx2Rm'",
        "password = ':Vb6Ms1Qe8Rw3'",
        "forward_auth_token = '9f8Kq2LmX7vB3nRt1cZw'",
        "\"ImportApiToken\": \"9f8Kq2LmX7vB3nRt1cZw\",",
        "\"key\": \"hush:Zq8vN3kLx2Rt9Qw4\",",
        "\"Key\": \"Zq8vN3kLx2Rt9Qw4Hush\",",
        "db_pass = 'hushpass'",
    })
    void reportsTheCredentialsBesideThem(String line) {
        assertThat(findings("app/client.py", line)).hasSize(1);
    }

    @Test
    void reportsALiteralWithItsKeyLineAndColumnAndNeverTheValueInTheMessage() {
        List<Finding> found = findings("config/app.yml", "db:\n  user: app\n  password: \"Zq8vN3kLx2Rt!7\"\n");

        assertThat(found).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("yaml-secret");
            assertThat(finding.key()).contains("password");
            assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(finding.location().line()).isEqualTo(3);
            assertThat(finding.location().column()).isEqualTo(14);
            assertThat(finding.message()).contains("password").doesNotContain("Zq8vN3kLx2Rt");
        });
    }

    @Test
    void reportsAPlaceholderInConfigurationWithLowSeverityButNotInAnExampleFile() {
        assertThat(findings("config/app.yml", "db:\n  password: changeme\n"))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
        assertThat(findings("config/app.example.yml", "db:\n  password: changeme\n")).isEmpty();
    }

    @Test
    void readsDollarNamesAsVariablesOnlyWhereTheLanguageDoes() {
        // Shell, PHP and Perl read $name in double quotes as a variable, and envsubst a .template file in any quotes.
        assertThat(findings("deploy.sh", "DB_PASSWORD=\"$prefix$suffix\"\n")).isEmpty();
        assertThat(findings("lib/Db.pm", "my $password = \"$base$salt\";\n")).isEmpty();
        assertThat(findings("nginx/default.conf.template", "{\"password\": '$upstream$pass'}\n")).isEmpty();
        // Single quotes in a shell, and any quotes in JSON or Python, keep the $ as it is: a literal password.
        assertThat(findings("deploy.sh", "DB_PASSWORD='$prefix$suffix'\n")).extracting(f -> f.key().orElseThrow())
                .containsExactly("DB_PASSWORD");
        assertThat(findings("config/app.json", "{\"password\": \"$prefix$suffix\"}\n")).hasSize(1);
        assertThat(findings("settings.py", "password = 'Kq8$zW2m7'\n")).hasSize(1);
    }

    @Test
    void staysSilentWhereAProviderRuleReportsTheSameValue() {
        Detector.Result result = DETECTOR.analyze("src/config.js",
                "const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';\n".getBytes(StandardCharsets.UTF_8),
                GitFacts.COMMITTED, false);

        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("github-pat");
    }

    @Test
    void readsGradleCredentialsWrittenInGroovysCommandSyntax() {
        assertThat(findings("build.gradle", "credentials {\n    username 'deploy'\n    password 'Vb6Ms1Qe8Rw3'\n}\n"))
                .extracting(f -> f.key().orElseThrow()).containsExactly("password");
        assertThat(findings("build.gradle", "credentials {\n    password \"${repoPassword}\"\n}\n")).isEmpty();
        assertThat(findings("build.gradle", "credentials {\n    password project.findProperty('repoPassword')\n}\n"))
                .isEmpty();
        // Outside Groovy, a word followed by a string is prose or a call with more to it.
        assertThat(findings("docs/publish.txt", "    password 'Vb6Ms1Qe8Rw3'\n")).isEmpty();
    }

    @Test
    void readsGradleCredentialsBlocksPastedOutsideBuildFilesAndTheirWeakPasswordsLow() {
        String block = "```groovy\nmaven {\n  credentials {\n    username 'deploy'\n    password '%s'\n  }\n}\n```\n";
        assertThat(findings("docs/publish.md", block.formatted("Vb6Ms1Qe8Rw3")))
                .extracting(f -> f.key().orElseThrow(), Finding::severity).containsExactly(tuple("password", Severity.MEDIUM));
        assertThat(findings("docs/publish.md", block.formatted("quietheron")))
                .extracting(f -> f.key().orElseThrow(), Finding::severity).containsExactly(tuple("password", Severity.LOW));
        assertThat(findings("docs/publish.md", block.formatted("xxxxxxxx"))).isEmpty();
        // After the block has closed, a word and a string are prose again.
        assertThat(findings("docs/publish.md", "credentials {\n  username 'deploy'\n}\n    password 'Vb6Ms1Qe8Rw3'\n")).isEmpty();
    }

    @Test
    void reportsAMadeUpPasswordInCodeLowAndLeavesStandInsAndAnonymousLogins() {
        assertThat(findings("src/Pfx.cs", "private const string PfxPassword = \"opensesame\";"))
                .extracting(Finding::severity).containsExactly(Severity.LOW);
        assertThat(findings("app/db.php", "$password = 'goodspec';")).extracting(Finding::severity).containsExactly(Severity.LOW);
        assertThat(findings("notes.txt", "Server=db;Database=app;User Id=app;Password=quietheron;"))
                .extracting(Finding::severity).containsExactly(Severity.LOW);
        // A generated-looking one keeps the rule's severity.
        assertThat(findings("src/Pfx.cs", "private const string PfxPassword = \"Vb6Ms1Qe8Rw3\";"))
                .extracting(Finding::severity).isNotEmpty().doesNotContain(Severity.LOW);
        for (String line : List.of("String password = \"changeme\";", "password = 'xxxxxxxx'", "password = 'aaaaaaaaaaaa'",
                "server->password = \"busybox@\";", "password = \"mirror@ftp.hush.invalid\"", "password = \"Password\"",
                "String password = \"DB_PASSWORD\";", "password = \"Enter the password you chose here\"",
                "token = \"opensesame\"")) {
            assertThat(findings("src/App.java", line)).as(line).isEmpty();
        }
    }

    @Test
    void searchesTheLiteralsOfEveryLineThatHoldsAConnectionStringsKey() {
        // Lines whose keywords are in no pair's key are passed over; the ones after them, and a key with blanks before
        // its =, are still read.
        String minified = "var a=\"token;secret;key;\";var b=\"pass;auth;pwd\";var c=\"keys;password\";\n";
        String text = minified + "String c = \"Server=db;Database=app;User Id=app;Password=Zq8vN3kLx2Rt7Wp;\";\n"
                + minified + "String d = \"Server=db;Database=app;Uid=app;Pwd =Vb6Ms1Qe8Rw3;\";\n";

        assertThat(findings("src/App.java", text)).extracting(f -> f.location().line(), f -> f.key().orElseThrow())
                .containsExactly(tuple(2, "Password"), tuple(4, "Pwd"));
    }

    @Test
    void reportsTheStandInPasswordsOfALoginsOwnFieldsLow() {
        // A connection string or a credentials block is what the server is given: its stand-in word is the password.
        for (String line : List.of("String conn = \"Server=db;User Id=app;Password=secret;\";",
                "String conn = \"Server=db;Uid=app;Pwd=myPassword;\";", "Server=db;User Id=app;Password=password;")) {
            assertThat(findings("src/App.java", line)).as(line).extracting(Finding::severity).containsExactly(Severity.LOW);
        }
        assertThat(findings("build.gradle", "credentials {\n    username 'deploy'\n    password 'password'\n}\n"))
                .extracting(f -> f.key().orElseThrow(), Finding::severity).containsExactly(tuple("password", Severity.LOW));
        // So is a made-up one that code compares a secret with.
        assertThat(findings("src/auth.go", "if creds.Secret != \"quiet-harbour\" {"))
                .extracting(Finding::severity).containsExactly(Severity.LOW);
        // What is to be filled in, or comes from elsewhere, is none there too.
        for (String line : List.of("String conn = \"Server=db;User Id=app;Password=xxxxxxxx;\";",
                "String conn = \"Server=db;User Id=app;Password=<password>;\";",
                "String conn = \"Server=db;User Id=app;Password=DB_PASSWORD;\";",
                "String conn = \"Server=db;User Id=app;Password=${DB_PASSWORD};\";",
                "String conn = \"Server=db;User Id=app;Password=;\";")) {
            assertThat(findings("src/App.java", line)).as(line).isEmpty();
        }
        assertThat(findings("build.gradle", "credentials {\n    username 'deploy'\n    password 'REPO_PASSWORD'\n}\n"))
                .isEmpty();
    }

    @Test
    void readsPasswordsSetInConfigurationSqlAndXmlPastedIntoProseAndScripts() {
        for (String path : List.of("notes.txt", "README.md", "deploy/setup.sh")) {
            for (String text : List.of("[client]\nuser=root\npassword=Zq8vN3kLx2\n", "spring.datasource.password=Zq8vN3kLx2",
                    "set password=Zq8vN3kLx2", "psql -c \"CREATE USER app WITH PASSWORD 'Zq8vN3kLx2'\"",
                    "mysql -e \"ALTER USER 'app'@'%' IDENTIFIED BY 'Zq8vN3kLx2';\"",
                    "<server><id>repo</id><username>deploy</username><password>Zq8vN3kLx2</password></server>")) {
                assertThat(findings(path, text)).as(path + ": " + text)
                        .extracting(f -> f.secret().orElseThrow().reveal()).containsExactly("Zq8vN3kLx2");
            }
            // Prose after password: writes words; a set value mixes letters and digits, and stand-ins say what belongs.
            for (String text : List.of("password: the one you chose", "password = open_sesame", "password: quietheron",
                    "password=${DB_PASSWORD}", "password: <your password>", "password=DB_PASSWORD",
                    "psql -c \"CREATE USER app WITH PASSWORD '${DB_PASSWORD}'\"",
                    "psql -c \"ALTER USER app WITH PASSWORD '\" + password + \"'\"",
                    "<password>${env.REPO_PASSWORD}</password>", "<password>your-password</password>")) {
                assertThat(findings(path, text)).as(path + ": " + text).isEmpty();
            }
        }
    }

    @Test
    void readsPastedLinesEndedByCarriageReturnsAndTheLastLineWithoutALineFeed() {
        // Each keyword's line is found around it: its carriage return is no part of the value, its column counts from it.
        String text = "intro\r\n  license_key: 0a14d28c5f9e3b7a6d1c04e8f2b9a7c3d5e6f1a2\r\nkey token: x\r\n"
                + "api_token: 9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6";

        assertThat(findings("notes.txt", text)).extracting(f -> f.key().orElseThrow(), f -> f.secret().orElseThrow().reveal(),
                        f -> f.location().toString())
                .containsExactly(tuple("license_key", "0a14d28c5f9e3b7a6d1c04e8f2b9a7c3d5e6f1a2", "notes.txt:2:16"),
                        tuple("api_token", "9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6", "notes.txt:4:12"));
    }

    @Test
    void readsConfigurationPastedIntoTextAndCommentedOut() {
        assertThat(findings("notes.txt", "# license_key: 0a14d28c5f9e3b7a6d1c04e8f2b9a7c3d5e6f1a2\n"))
                .extracting(f -> f.key().orElseThrow()).containsExactly("license_key");
        assertThat(findings("notes.txt", "# license_key: the key of your account\n")).isEmpty();
        assertThat(findings("deploy.sh", "ENV SLACK_TOKEN=\"hu5h-8f3Kq2LmX7vB3nRt/9Wz4Lx8Nb\" \\\n    OTHER=1\n"))
                .extracting(f -> f.key().orElseThrow()).containsExactly("SLACK_TOKEN");
    }

    @Test
    void readsAnAzureConnectionStringBrokenOverLines() {
        String account = "DefaultEndpointsProtocol=https;AccountName=hushdemo;\n";
        assertThat(findings("docs/storage.txt", account + "AccountKey=qKzGCV9hjcerjDFrAo94eQKxe7FwH9zVcMK+/zgQbALeCzt8FW==;\n"))
                .extracting(f -> f.key().orElseThrow()).containsExactly("AccountKey");
        assertThat(findings("docs/storage.txt", account + "AccountKey=${STORAGE_ACCOUNT_KEY};\n")).isEmpty();
    }

    @Test
    void leavesDotenvAndComposeEntriesToTheirAnalyzers() {
        assertThat(findings(".env", "export API_TOKEN='Vb6Ms1Qe8Rw3Ty5U'\n")).isEmpty();
        Detector.Result compose = DETECTOR.analyze("compose.yaml",
                "services:\n  api:\n    image: x\n    environment:\n      - JWT_SECRET=u7Hc2Pq9Wz4Lx8Nb\n"
                        .getBytes(StandardCharsets.UTF_8), GitFacts.COMMITTED, false);
        assertThat(compose.findings()).extracting(Finding::ruleId).containsExactly("compose-inline-secret");
    }

    @Test
    void takesBase64LongerThanAnAwsSecretKeyUnderItsNameForCiphertextNotTheKey() {
        String ciphertext = "aws_secret_access_key = SHVzaEZha2VDaXBoZXJ0ZXh0T2ZBbkF3c0tleTAxMjM0NTY3ODlhYg==\n";
        String key = "aws_secret_access_key = Hx9Qw2Er7Ty4Ui1Op6As3Df8Gh5Jk0Lz/Xc+Vb2N\n";

        assertThat(findings("deploy/aws.ini", ciphertext)).isEmpty();
        // Another product's secret under a longer name keeps its own length (KMS's XKS proxy credential).
        assertThat(findings("deploy/xks.json", "{\"RawSecretAccessKey\": \"SHVzaEZha2VYa3NQcm94eVNlY3JldDAxMjM0NTY3ODlhYmNk\"}\n"))
                .extracting(Finding::ruleId).containsExactly("json-secret");
        // A 40-character key is the key: the AWS rule reports it (and the ini rule yields to it).
        assertThat(DETECTOR.analyze("deploy/aws.ini", key.getBytes(StandardCharsets.UTF_8), GitFacts.COMMITTED, false)
                .findings()).isNotEmpty();
    }

    @Test
    void leavesATestsMadeUpPasswordsButReportsItsGeneratedOnesAndTheSameWordsInSettings() {
        String made = "MAIL_SMTP_PASSWORD = 'abc123'\nself.master_password = 'P4ssword'\nconn.proxy_pass = \"p4ssw0rd\"\n"
                + "refresh_token = \"newtoken123\"\npasswd = 'geheim$parole'\npassphrase = 'FooBar123'\n"
                + "etcd_password = \"user1-123\"\nconfig = {\"auth\": \"am9lam9lOmhlbGxv\"}\n";
        assertThat(findings("tests/unit/test_connection.py", made)).isEmpty();
        // The same words in an application's settings are its passwords.
        assertThat(findings("app/settings.py", made)).extracting(f -> f.location().line()).contains(1, 2, 3);
        // A generated value in a test is a fixture's key, reported as the rules say.
        assertThat(findings("tests/unit/test_connection.py", "MAIL_SMTP_PASSWORD = 'Zq8vN3kLx2Rt'\n"
                + "api_token = \"Vb6Ms1Qe8Rw3Ty\"\n")).hasSize(2);
    }

    @Test
    void takesATypesNameUnderATokenOrAKeyForWhatItIsNotForAValue() {
        String types = "openapi_types = {\n    'secret_ref': 'V1LocalObjectReference',\n"
                + "    'image_pull_secrets': 'list[V1LocalObjectReference]',\n"
                + "    'service_account_token': 'V1ServiceAccountTokenProjection',\n}\n"
                + "def load(credentials: 'google_oauth2.Credentials', oauth2_creds: 'oauth2client.client.OAuth2Credentials'):\n"
                + "_CREDENTIALS_KEY = 'google_oauth2_credentials'\n"
                + "loader = get_loader(token_filename=\"not_exists_file_1123\")\n";
        assertThat(findings("kubernetes/client/models/v1_pod_spec.py", types)).isEmpty();
        // A random token's capitals are not words, nor is a module's name before a random one.
        assertThat(findings("app/settings.py", "SIGNING_TOKEN = 'Xk9QmLp2VbNwRt7H'\nAPI_TOKEN = 'hush.Kq8vN3kLx2RtWp'\n"))
                .extracting(f -> f.key().orElseThrow()).containsExactly("SIGNING_TOKEN", "API_TOKEN");
    }

    @Test
    void leavesKeyboardMashesEscapesFlagsAndBasicStandInsButNotTheTokensBesideThem() {
        // OAuth libraries' docstrings mash the home row; a test's Basic pair of stand-ins; a URL-escaping test's
        // punctuation; a protocol's bytes; a constant naming a command line's option.
        String code = "token = {'access_token': 'sdlfkj452', 'oauth_token_secret': 'lsdajfh923874'}\n"
                + "BASIC_AUTH_ENCODING = \"dXNlcm5hbWU6cGFzc3dvcmQ=\"\n"
                + "USER = PASSWORD = \"%!*'();:@&=+$,/?#[] \"\n"
                + "SOCKS_NEGOTIATION_PASSWORD = b\"\\x02\"\n"
                + "_CERT_PASSPHRASE_OPTION = \"--with_passphrase\"\n"
                + "SESSION_SECRET = '--hush-Kq8vN3kLx2Rt'\n";
        assertThat(findings("oauthlib/oauth2/parameters.py", code)).extracting(f -> f.key().orElseThrow())
                .containsExactly("SESSION_SECRET");
        // Hex is no mash (a, d and f are half its letters), nor is a token whose letters leave the home row.
        assertThat(findings("app/settings.py", "API_TOKEN = 'a565c27146791cfbad'\nREFRESH_TOKEN = 'kjerht2309uxqw'\n"))
                .hasSize(2);
        assertThat(findings("app/settings.py", "AUTH = \"aHVzaDpabTh2TjNrTHgyUnQ=\"\n")).hasSize(1);
    }
}

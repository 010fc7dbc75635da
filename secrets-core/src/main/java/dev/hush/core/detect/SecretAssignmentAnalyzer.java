package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.SecretValue;
import dev.hush.core.model.Severity;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets assigned to secret-like names in code and configuration, reading each value
 * only from its format's literal syntax: a quoted string in code, JSON and HCL; a scalar in
 * YAML, properties, INI and TOML; text or an attribute in XML; a quoted value in SQL. A value
 * that is an expression, a reference, a template, a path or a word is not a literal secret.
 *
 * <p>The rule a finding carries names the format ({@code php-secret-assignment},
 * {@code yaml-secret}, {@code kubernetes-secret}, ...), so that each has its own samples and
 * can be disabled alone. Compose files, Dockerfiles and dotenv files have their own analyzers.
 */
final class SecretAssignmentAnalyzer implements Analyzer {
    /** The catalogue's name of this analyzer, in its rules' {@code analyzer} field. */
    static final String ANALYZER = "assignment";

    /** The words one of which a secret-like name holds, lower case, and SQL's {@code identified}. */
    static final List<String> KEYWORDS = List.of("pass", "pwd", "secret", "token", "key", "cred", "auth", "salt", "dsn",
            "identified");
    /** Lines longer than this are minified code or data: only quoted assignments are searched in them. */
    private static final int LONG_LINE = 4096;
    /**
     * In a test's or an example's file, this many distinct values under one name make a table of test vectors
     * ({@code key: "4077517b..."} for each case of a cipher's tests), not settings: none is reported.
     */
    static final int TEST_VECTORS = 8;

    /** The words that make a path an example, a test fixture or documentation: a part of it between / . _ - */
    private static final Set<String> EXAMPLE_WORDS = Set.of("example", "examples", "sample", "samples", "template",
            "templates", "dist", "doc", "docs", "test", "tests", "spec", "mock", "mocks", "fixture", "fixtures", "testdata",
            "demo");
    /** A manifest's top-level kind line of a Secret: {@code kind: Secret}, not {@code kind: SecretStore}. */
    private static final Pattern SECRET_KIND = Pattern.compile(
            "^kind:[ \\t]*([\"']?)Secret\\1[ \\t]*(?:#.*)?\\r?$", Pattern.MULTILINE);
    /** A manifest's top-level kind line, its kind in group 2. */
    private static final Pattern KIND_LINE = Pattern.compile(
            "^kind:[ \\t]*([\"']?)(\\w+)\\1[ \\t]*(?:#.*)?\\r?$", Pattern.MULTILINE);
    /**
     * A declared type between a name and its {@code =}: Rust's {@code TOKEN: &str}, TypeScript's {@code apiKey: string},
     * Kotlin's and Swift's {@code String}, Python's {@code str}, and Go's {@code var apiToken string}, which has no colon.
     */
    private static final String DECLARED_TYPE = "(?:[ \\t]*:[ \\t]*&?(?:'static[ \\t]+)?[A-Za-z_][\\w.<>?]{0,40}[ \\t]*(?==[^=>~])"
            + "|[ \\t]+string(?![\\w$]))?";
    /**
     * A quoted literal assigned to a name, from the name on: {@code password = "..."},
     * {@code 'password' => '...'}, {@code "password": "..."}, {@code $db['password'] = '...'},
     * {@code define('DB_PASSWORD', '...')}, {@code $token .= "..."}, Makefiles' {@code TOKEN ::= "..."}, R's
     * {@code token <- "..."}. The literal must end the expression.
     */
    private static final Pattern QUOTED = Pattern.compile(
            "([\"']?)([A-Za-z_$][\\w$.-]{0,100})\\1\\]?" + DECLARED_TYPE
                    + "[ \\t]*(=>|:{1,3}=|\\?\\?=|\\|\\|=|\\?=|\\+=|\\.=|<<?-|=(?![=>~])|:(?!:)|,)[ \\t]*"
                    + "(?:@|[rbu]?(?=[\"']))?(?:new\\s+String\\(|String\\(|\\[\\]byte\\()?"
                    + "([\"'`])((?:(?!\\4)[^\\\\\\n]|\\\\.){1,1000}?)\\4"
                    // Ruby freezes a constant's string; Java makes a char[] or bytes of a password; Python encodes one.
                    + "(?:\\.(?:freeze|toCharArray\\(\\)|getBytes\\([^()]{0,40}\\)|encode\\([^()]{0,40}\\)))?"
                    + "[ \\t]*\\)?[ \\t]*(?=[;,)\\]}]|$|//|#|/\\*|--|\\r|\\\\[ \\t]*$)");
    /** A JSON member inside a string literal, its quotes escaped: {@code \"api_token\": \"...\"}. */
    private static final Pattern ESCAPED_JSON = Pattern.compile(
            "\\\\\"([\\w.$-]{1,100})\\\\\"[ \\t]*:[ \\t]*\\\\\"((?:[^\"\\\\\\n]|\\\\[^\"\\n]){1,1000}?)\\\\\"");
    /** The header of a YAML block scalar, literal or folded, after its key: {@code |}, {@code >-}, {@code |2}. */
    private static final Pattern BLOCK_SCALAR = Pattern.compile("[|>][+-]?[1-9]?[+-]?[ \\t]*(?:#.*)?");
    /** A line that only opens an element: {@code <apiToken>}, its text to come on the next line. */
    private static final Pattern XML_OPEN_TAG_LINE = Pattern.compile("[ \\t]*<([\\w.-]{1,100})>[ \\t]*");
    /** The name in a CSV row's first field: an identifier, not a sentence or a number. */
    private static final Pattern CSV_NAME = Pattern.compile("[A-Za-z_][\\w.-]{0,100}");
    /** The calls whose first argument names a setting and whose second is its value ({@link #isSetterCall}), lower case. */
    private static final Set<String> SETTERS = Set.of("define", "put", "set", "setdefault", "setproperty", "setitem",
            "setenv", "putenv", "add");
    /** A field read in an object literal's member, as a guide's code shows it: {@code password: process.env.DB_PASS,}. */
    private static final Pattern PASTED_EXPRESSION = Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+[,;]");
    /** What JavaScript's typeof answers (https://tc39.es/ecma262/#sec-typeof-operator). */
    private static final Set<String> TYPE_NAMES = Set.of(
            "string", "number", "bigint", "boolean", "symbol", "undefined", "object", "function");
    /** A typeof right before the compared expression: {@code typeof config[KEY]}. */
    private static final Pattern TYPEOF = Pattern.compile("\\btypeof[ \\t(]+[\\w$.\\[\\]\"']*$");
    /** Credentials as one word: a login's set of values, compared with one string only as a mode. */
    private static final Pattern CREDENTIALS_MODE = Pattern.compile("(?i)credentials?");
    /** A name compared with a quoted literal: {@code password == "..."}, {@code creds.Secret != '...'}. */
    private static final Pattern COMPARISON = Pattern.compile(
            "([\"']?)([A-Za-z_$][\\w$.-]{0,100})\\1\\]?[ \\t]*(?:===?|!==?)[ \\t]*([\"'])((?:(?!\\3)[^\\\\\\n]|\\\\.){1,200}?)\\3");
    /**
     * A key at a line's start with its value: {@code key = value}, {@code key: value}, {@code - key: value},
     * {@code set key=value}.
     */
    private static final Pattern CONFIG_LINE = Pattern.compile(
            "[ \\t]*(?:-[ \\t]+)?(?:(?:export|set)[ \\t]+)?([\"']?)([A-Za-z_@/.$\\[][^=:\\s\"']{0,150}?(?::[^=\\s\"']{1,150}?)?)\\1"
                    + "[ \\t]*(=|:(?=[ \\t]|$))[ \\t]*(.*)");
    /** A YAML {@code key: value} line; a key may have a namespace before a colon, as Pulumi's {@code project:dbPassword}. */
    private static final Pattern YAML_LINE = Pattern.compile(
            "[ \\t]*(?:-[ \\t]+)?([\"']?)([A-Za-z_@/.$][^:\\s\"']{0,150}(?::[A-Za-z_][^:\\s\"']{0,150})?)\\1[ \\t]*:(?:[ \\t]+(.*)|$)");
    private static final Pattern XML_ELEMENT = Pattern.compile("<(?:[\\w-]+:)?([\\w.-]{1,100})(?:\\s[^<>]*)?>([^<>]{1,1000})</");
    private static final Pattern XML_ATTRIBUTE = Pattern.compile("([\\w.:-]{1,100})\\s*=\\s*(\"|')([^\"'<>]{0,1000})\\2");
    private static final Pattern XML_NAMED_VALUE = Pattern.compile(
            "(?:key|name)\\s*=\\s*(\"|')([^\"']{1,100})\\1\\s+value\\s*=\\s*(\"|')([^\"'<>]{0,1000})\\3");
    /** An element named by its {@code name} or {@code key} attribute, with text only: {@code <property name="...password">}. */
    private static final Pattern XML_NAMED_ELEMENT = Pattern.compile(
            "<(?:[\\w-]+:)?[\\w.-]{1,100}\\s+(?:key|name)\\s*=\\s*(\"|')([^\"']{1,100})\\1\\s*>([^<>]{1,1000})</");
    /** The rest of a JSON name and value pair from the name's string on: {@code "API_SECRET", "value": "..."}. */
    private static final Pattern JSON_NAMED_VALUE = Pattern.compile(
            "\"([^\"\\\\]{1,100})\"\\s*,\\s*\"value\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){0,1000})\"");
    /** The line after a YAML {@code - name: X}: its {@code value: Y}, at the column {@code name} starts. */
    private static final Pattern YAML_VALUE_LINE = Pattern.compile("([ \\t]*)value:[ \\t]+(.*)");
    private static final Pattern SQL_PASSWORD = Pattern.compile(
            "(?i)(identified\\s+(?:with\\s+\\w+\\s+)?by(?:\\s+password)?|\\bpassword(?:\\s*=)?(?:\\s*\\()?)\\s*'((?:[^'\\\\]|\\\\.|'')+)'");
    /**
     * A statement that sets a database user's password, as scripts, READMEs and code run it through a client:
     * {@code CREATE USER app WITH PASSWORD '...'}, {@code ALTER ROLE app ENCRYPTED PASSWORD '...'} (PostgreSQL),
     * {@code ALTER USER 'app'@'%' IDENTIFIED BY '...'} (MySQL, Oracle).
     */
    private static final Pattern SQL_STATEMENT_PASSWORD = Pattern.compile(
            "(?i)(?:\\bidentified\\s+(?:with\\s+\\w+\\s+)?by(?:\\s+password)?|\\b(?:user|role)\\s+[\\w\"`@%.-]{1,100}\\s+"
                    + "(?:with\\s+)?(?:encrypted\\s+)?password)\\s*'((?:[^'\\\\\\n]|\\\\.|''){1,200})'");
    private static final Pattern SQL_INSERT = Pattern.compile(
            "(?i)insert\\s+into\\s+[`\"\\[]?[\\w.]+[`\"\\]]?\\s*\\(([^)]{1,2000})\\)\\s*values\\s*");
    /**
     * An environment-style assignment anywhere, as shell scripts, Makefiles, CI files and READMEs
     * write them: {@code export API_TOKEN=...}, {@code DB_PASSWORD=...}. The name is upper case.
     */
    private static final Pattern ENVIRONMENT_STYLE = Pattern.compile(
            "(?<![\\w$.\\-])([A-Z][A-Z0-9_]{1,80})=([^\\s'\"`;|&<>()$\\\\]{6,300})(?=[\\s;'\"]|$)");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Z][A-Z0-9_]{1,80}");
    /**
     * A Makefile variable set to an unquoted value, as GNU make writes one with any of its flavours
     * (gnu.org/software/make/manual/html_node/Setting.html): {@code TOKEN ?= ...}, {@code TOKEN := ...},
     * {@code TOKEN ::= ...}, {@code TOKEN += ...}, {@code override TOKEN = ...}. A value that expands a
     * variable ({@code $(TOKEN)}) or runs a command ({@code !=}) is left to the references' test.
     */
    private static final Pattern MAKE_ASSIGNMENT = Pattern.compile(
            "^[ \\t]*(?:(?:override|export)[ \\t]+)?([A-Za-z_][\\w.-]{0,80})[ \\t]*(\\?=|:{1,3}=|\\+=|=)[ \\t]*"
                    + "([^\\s#'\"`][^\\s#]{5,300})[ \\t]*(?:#.*)?$");
    /** The rest of a Terraform variable block after its name, to its default: {@code " { type = string default = "..."}. */
    private static final Pattern VARIABLE_DEFAULT = Pattern.compile(
            "\"[ \\t]*\\{[^{}]{0,300}?\\bdefault[ \\t]*=[ \\t]*\"((?:[^\"\\\\\\n]|\\\\.){1,500})\"");
    /** Groovy's command syntax, a method called with one string: Gradle's {@code password 'value'} in a credentials block. */
    private static final Pattern GROOVY_CALL = Pattern.compile(
            "([A-Za-z_$][\\w$]{0,100})[ \\t]+([\"'])((?:(?!\\2)[^\\\\\\n]|\\\\.){1,500}?)\\2[ \\t]*(?=$|;|//|\\r)");
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"([^\"\\n]{8,2000})\"");
    private static final Pattern SEMICOLON_PAIR = Pattern.compile(
            "(?i)(?:^|;|\"|')[ \\t]*((?:password|pwd|accountkey|sharedaccesskey))[ \\t]*=[ \\t]*([^;\"'\\s]{4,200})(?=;|\"|'|[ \\t]*$)");
    /** A variable's or a call's path in place of a value: {@code env.DB_PASSWORD}, {@code os.getenv("DB_PASSWORD")}. */
    private static final Pattern REFERENCE_PATH = Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+|[\\w$.]+\\(.*");
    /**
     * A netrc line that ends with a password (netrc(5): machine, login and password tokens, blank-separated), with the
     * machine on the line or on one above.
     */
    private static final Pattern NETRC_PASSWORD = Pattern.compile(
            "[ \\t]*((?:machine|default)[ \\t]+\\S+[ \\t]+)?(?:login[ \\t]+\\S+[ \\t]+)?password[ \\t]+([^\\s\"'`]+)[ \\t]*");
    /**
     * A password's key and its value with blanks between, ending the line: {@code password "X"}, {@code passwd X # note};
     * a quoted value may have option words after it, as fetchmail's {@code password "X" ssl keep}. A bare value does not
     * end in a sentence's punctuation ({@code ... from the password database),}).
     */
    private static final Pattern SPACED_PASSWORD = Pattern.compile(
            "(?:^|[ \\t])([A-Za-z_]*pass(?:word|wd)?)[ \\t]+(\"[^\"\\s]{1,200}\"(?=(?:[ \\t]+[A-Za-z][\\w-]*)*[ \\t]*(?:[#;].*)?$)"
                    + "|'[^'\\s]{1,200}'(?=(?:[ \\t]+[A-Za-z][\\w-]*)*[ \\t]*(?:[#;].*)?$)"
                    + "|[^\\s\"'#;=:]{0,199}[^\\s\"'#;=:.,)](?=[ \\t]*(?:[#;].*)?$))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NETRC_MACHINE = Pattern.compile("(?:machine[ \\t]+\\S+|default\\b)");
    /** A key that names a login's user, at a line's start: {@code user =}, {@code Username=}, {@code db.login:}. */
    private static final Pattern LOGIN_USER = Pattern.compile(
            "(?i)(?:-[ \\t]+)?(?:export[ \\t]+)?[\"']?[\\w.-]*?(?:user|username|user_name|userid|user_id|login)[\"']?[ \\t]*[=:]");
    /**
     * A connection string's key that says where it connects, ODBC's and ADO.NET's spellings, or one
     * only Azure's connection strings have: a line of one broken over several starts with its key.
     */
    private static final Pattern CONNECTION_LINE = Pattern.compile(
            "(?i)(?:^|[;\"'\\s])(?:server|data source|host|database|initial catalog|uid|user id|driver|provider|dsn|accountname"
                    + "|accountkey|sharedaccesskey)[ \\t]*=[^;]*;");

    private final RuleCatalogue catalogue = RuleCatalogue.builtIn();

    /** The syntax a file's values are read in. */
    private enum Syntax {
        CODE, SHELL, JSON, YAML, PROPERTIES, INI, TOML, XML, SQL, HCL
    }

    /** Returns whether the analyzer reads {@code path}: every text file but those the structured analyzers own. */
    static boolean appliesTo(String path) {
        return !DotenvAnalyzer.appliesTo(path) && !DockerfileAnalyzer.appliesTo(path);
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        analyze(analysis, KeywordIndex.starts(KEYWORDS, analysis.file().text()));
    }

    /**
     * Analyses the file given where its {@link #KEYWORDS} start, in increasing order, as the
     * detector's one keyword pass found them: a file without any is not even decoded.
     */
    void analyze(FileAnalysis analysis, int[] keywordStarts) {
        if (keywordStarts.length == 0) {
            return;
        }
        SourceFile file = analysis.file();
        // An ASCII file is read in its bytes, not decoded: a history decodes nothing else of most blobs.
        CharSequence text = file.chars();
        String path = file.path();
        String name = file.name().toLowerCase(Locale.ROOT);
        boolean example = isExample(path);
        Syntax syntax = syntaxOf(file.name());
        String rule = ruleFor(path, name, syntax, text);
        if (syntax == Syntax.YAML && isOnlySealedSecrets(text)) {
            return;
        }
        Scan scan = new Scan(analysis, rule, example, keywordStarts);
        if (rule.equals("kubernetes-secret")) {
            // A Secret's values are its data, judged decoded; read raw, base64 looks random whatever it holds.
            scan.kubernetesSecret(text);
            scan.finish();
            return;
        }
        if (syntax == Syntax.SHELL || syntax == Syntax.YAML || syntax == Syntax.INI || syntax == Syntax.JSON) {
            scan.environmentStyle(text);
        }
        if (syntax == Syntax.SHELL) {
            scan.pastedConfigLines();
            scan.variableDefaults(text);
        }
        if (isMakefile(name)) {
            scan.makeAssignments();
        }
        if (syntax == Syntax.SHELL || syntax == Syntax.CODE) {
            scan.pastedKeyValueElements();
            scan.sqlStatements();
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            scan.delimitedPairs(name.endsWith(".csv") ? ',' : '\t');
        }
        switch (syntax) {
            case YAML -> {
                scan.yaml(text);
                scan.quoted(text, Syntax.CODE);
            }
            case PROPERTIES, INI, TOML -> scan.config(text, syntax);
            case XML -> scan.xml(text);
            case HCL -> {
                scan.variableDefaults(text);
                scan.quoted(text, syntax);
            }
            case SQL -> scan.sql(text);
            case JSON -> {
                scan.quoted(text, syntax);
                scan.jsonNamedValues(text);
            }
            default -> scan.quoted(text, syntax);
        }
        // Gradle's credentials { } block is read wherever it is pasted (a README, a CI script); a build file's calls all.
        scan.groovyCalls(text, name.endsWith(".gradle") || name.endsWith(".groovy"));
        scan.connectionStrings(text);
        if (extension(name).equals("ipynb")) {
            // A notebook's cells are Python in JSON strings, one source line per JSON line: read them unescaped too.
            CharSequence cells = notebookCells(text);
            Scan cellScan = new Scan(analysis, "python-secret-assignment", example, KeywordIndex.starts(KEYWORDS, cells));
            cellScan.quoted(cells, Syntax.CODE);
            cellScan.finish();
        }
        scan.finish();
    }

    /**
     * Returns {@code text}, a notebook's JSON, with each line that is one JSON string ({@code "x = \\"...\\"\\n",}, as
     * a cell's source is written) turned into the code it holds: its quotes, comma and closing {@code \\n} blanked, its
     * {@code \\"} and {@code \\\\} unescaped, and blanks put at its end. Every line keeps its offsets.
     */
    private static CharSequence notebookCells(CharSequence text) {
        StringBuilder cells = new StringBuilder(text.length());
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = lineEnd(text, lineStart);
            int open = skipBlanks(text, lineStart, lineEnd);
            int close = lineEnd - 1;
            while (close > open && (text.charAt(close) == ' ' || text.charAt(close) == ',')) {
                close--;
            }
            if (close > open && text.charAt(open) == '"' && text.charAt(close) == '"') {
                int to = close >= open + 3 && text.charAt(close - 2) == '\\' && text.charAt(close - 1) == 'n' ? close - 2 : close;
                cells.append(text, lineStart, open).append(' ');
                for (int i = open + 1; i < to; i++) {
                    char c = text.charAt(i);
                    cells.append(c == '\\' && i + 1 < to && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')
                            ? text.charAt(++i) : c);
                }
                cells.append(" ".repeat(lineEnd - cells.length()));
            } else {
                cells.append(text, lineStart, lineEnd);
            }
            int next = lineEnd < text.length() && text.charAt(lineEnd) == '\r' ? lineEnd + 1 : lineEnd;
            next = next < text.length() && text.charAt(next) == '\n' ? next + 1 : next;
            cells.append(text, lineEnd, next);
            lineStart = next;
        }
        return cells;
    }

    /** Returns whether the lower-cased file {@code name} is one GNU make reads: Makefile, GNUmakefile, *.mk. */
    private static boolean isMakefile(String name) {
        return name.equals("makefile") || name.equals("gnumakefile") || name.endsWith(".mk");
    }

    /** The part of a file name after its last dot, or "" when it has none. */
    private static String extension(String name) {
        return name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    }

    /** The name of a project's prose file without an extension: in capitals (README, NEWS), or a change log. */
    private static final Pattern PROSE_FILE_NAME = Pattern.compile("[A-Z][A-Z0-9_-]*|Change[Ll]og|Changes|History");

    /** Returns how the file named {@code fileName} writes its values. */
    private static Syntax syntaxOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (isMakefile(name)) {
            return Syntax.SHELL;
        }
        String ext = extension(name);
        return switch (ext) {
            case "json", "tfstate", "ipynb", "jsonc", "backup" -> Syntax.JSON;
            case "yaml", "yml" -> Syntax.YAML;
            case "properties" -> Syntax.PROPERTIES;
            case "ini", "cfg", "conf", "cnf", "s3cfg", "boto", "npmrc", "pypirc", "credentials", "env", "editorconfig" ->
                    Syntax.INI;
            case "toml" -> Syntax.TOML;
            case "xml", "config", "xaml", "csproj", "pubxml", "jmx", "xsd" -> Syntax.XML;
            case "sql" -> Syntax.SQL;
            case "tf", "tfvars", "hcl" -> Syntax.HCL;
            // A shell's history (.bash_history, .zsh_history, .sh_history) holds the commands as typed; direnv's .envrc
            // is a bash script (direnv.net).
            case "sh", "bash", "zsh", "ksh", "bat", "cmd", "ps1", "makefile", "md", "txt", "rst", "adoc", "log", "tsv",
                    "csv", "bash_history", "zsh_history", "sh_history", "history", "envrc", "bashrc", "zshrc", "kshrc",
                    "cshrc", "profile", "bash_profile", "zprofile" ->
                    Syntax.SHELL;
            // A project's prose (README, NEWS, ChangeLog) is text; another name without a dot is a program's settings.
            case "" -> PROSE_FILE_NAME.matcher(fileName).matches() ? Syntax.SHELL : Syntax.INI;
            // A dotfile named ...rc is a program's settings (.hgrc, .msmtprc, .fetchmailrc, .offlineimaprc, .curlrc).
            default -> name.startsWith(".") && ext.endsWith("rc") && name.indexOf('.', 1) < 0 ? Syntax.INI : Syntax.CODE;
        };
    }

    /**
     * Picks the rule that names the file's format. Only JSON and YAML files, and files named like a
     * kubeconfig, are looked at whole (for "auths", kind: Secret), in any case of their ASCII letters.
     */
    private static String ruleFor(String path, String name, Syntax syntax, CharSequence text) {
        String ext = extension(name);
        if (name.equals(".npmrc") || name.equals("npmrc")) {
            return "npmrc-auth";
        }
        if (path.contains(".aws/") || name.equals(".s3cfg") || name.equals(".boto") || name.equals("credentials")
                || name.endsWith(".s3cfg") || syntax == Syntax.JSON && containsFolded(text, "\"type\": \"service_account\"")) {
            return "cloud-credentials";
        }
        if (syntax == Syntax.JSON && containsFolded(text, "\"auths\"")) {
            return "docker-config-auth";
        }
        if (syntax == Syntax.YAML && SECRET_KIND.matcher(text).find()) {
            return "kubernetes-secret";
        }
        if ((syntax == Syntax.YAML || name.equals("config") || name.equals("kubeconfig"))
                && hasLine(text, "kind: config") && containsFolded(text, "users:")) {
            return "kubeconfig-credential";
        }
        return switch (syntax) {
            case JSON -> "json-secret";
            case YAML -> "yaml-secret";
            case PROPERTIES -> "properties-secret";
            case INI -> "ini-secret";
            case TOML -> "toml-secret";
            case XML -> "xml-secret";
            case SQL -> "sql-password";
            case HCL -> "terraform-secret";
            case CODE, SHELL -> switch (ext) {
                case "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "vue", "svelte" -> "js-secret-assignment";
                case "py", "pyw" -> "python-secret-assignment";
                case "php", "phtml", "inc" -> "php-secret-assignment";
                default -> "generic-secret-assignment";
            };
        };
    }

    /**
     * Returns whether every manifest of {@code text} is a SealedSecret: its encryptedData opens only with the cluster
     * controller's private key (github.com/bitnami-labs/sealed-secrets, "safe to store ... in a public repository").
     */
    private static boolean isOnlySealedSecrets(CharSequence text) {
        if (!containsFolded(text, "sealedsecret")) {
            return false;
        }
        Matcher kind = KIND_LINE.matcher(text);
        boolean sealed = false;
        while (kind.find()) {
            if (!kind.group(2).equals("SealedSecret")) {
                return false;
            }
            sealed = true;
        }
        return sealed;
    }

    /**
     * Returns, for each of {@code lines}, whether it belongs to a YAML document (between {@code ---} lines) whose
     * top-level kind is {@code Secret}, wherever in the document its {@code kind:} line is.
     */
    private static boolean[] secretDocumentLines(String[] lines) {
        boolean[] inSecret = new boolean[lines.length];
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            if (i == lines.length || lines[i].strip().equals("---")) {
                boolean secret = false;
                for (int j = start; j < i && !secret; j++) {
                    secret = SECRET_KIND.matcher(lines[j]).find();
                }
                Arrays.fill(inSecret, start, i, secret);
                start = i + 1;
            }
        }
        return inSecret;
    }

    /** Returns whether a line of {@code text} starts with {@code line}, lower case, in any case of its ASCII letters. */
    private static boolean hasLine(CharSequence text, String line) {
        return matchesFolded(text, 0, line) || containsFolded(text, "\n" + line);
    }

    /**
     * Returns whether {@code text} holds {@code word}, lower case, in any case of its ASCII letters
     * (as its copy with A-Z lower-cased would hold it), without copying the text.
     */
    private static boolean containsFolded(CharSequence text, String word) {
        char first = word.charAt(0);
        int last = text.length() - word.length();
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || c >= 'A' && c <= 'Z' && (char) (c + ('a' - 'A')) == first) && matchesFolded(text, i, word)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether {@code word}, lower case, is at {@code at} in {@code text}, in any case of its ASCII letters. */
    private static boolean matchesFolded(CharSequence text, int at, String word) {
        if (at + word.length() > text.length()) {
            return false;
        }
        for (int j = 0; j < word.length(); j++) {
            char c = text.charAt(at + j);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != word.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether {@code path} is an example, a test fixture or documentation, where placeholders are expected. */
    static boolean isExample(String path) {
        // Asked of every file a keyword hits: an ASCII path is read in place, folding case as it is compared.
        boolean ascii = isAscii(path);
        String lower = ascii ? path : path.toLowerCase(Locale.ROOT);
        return hasExampleWord(lower, ascii) || endsWith(lower, ".md", ascii) || endsWith(lower, ".rst", ascii)
                || endsWith(lower, ".adoc", ascii) || endsWith(lower, ".txt", ascii);
    }

    /** A folder or a part of a file's name that says it is a test's: {@code tests/}, {@code db_test.go}. */
    private static final Pattern TEST_PART = Pattern.compile(
            "(?i)(?:^|[/._-])(?:tests?|specs?|testing|testdata|fixtures?|mocks?|__tests__)(?:[/._-]|$)");
    /** A test class's file: {@code PaymentClientTest.java}, {@code AuthSpec.scala}, {@code GitScanIT.java}. */
    private static final Pattern TEST_CLASS = Pattern.compile("[a-z0-9](?:Tests?|Spec|IT)\\.[A-Za-z]+$");

    /** Returns whether {@code path} is a test's file or lies in a test's folder. */
    static boolean isTest(String path) {
        return TEST_PART.matcher(path).find() || TEST_CLASS.matcher(path).find();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether {@code s} ends with {@code suffix}, lower case, in any case of its letters when {@code fold}. */
    private static boolean endsWith(String s, String suffix, boolean fold) {
        return s.regionMatches(fold, s.length() - suffix.length(), suffix, 0, suffix.length());
    }

    /**
     * Returns whether a part of {@code lower} between the separators / . _ - is one of the {@link #EXAMPLE_WORDS};
     * when {@code fold}, {@code lower} is ASCII in any case.
     */
    private static boolean hasExampleWord(String lower, boolean fold) {
        int from = 0;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : '/';
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false; // as a regex's . would not cross a line break
            }
            if (c == '/' || c == '.' || c == '_' || c == '-') {
                if (i - from >= 3 && i - from <= 9 && isExampleWord(lower, from, i - from, fold)) {
                    return true;
                }
                from = i + 1;
            }
        }
        return false;
    }

    /** Returns whether {@code s[from, from + length)} is one of the {@link #EXAMPLE_WORDS}, without cutting it out. */
    private static boolean isExampleWord(String s, int from, int length, boolean fold) {
        char first = s.charAt(from);
        if (fold && first >= 'A' && first <= 'Z') {
            first = (char) (first + ('a' - 'A'));
        }
        for (String word : EXAMPLE_WORDS_BY_LENGTH[length]) {
            if (word.charAt(0) == first && s.regionMatches(fold, from, word, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** The {@link #EXAMPLE_WORDS} by their length, for {@link #isExampleWord}. */
    private static final String[][] EXAMPLE_WORDS_BY_LENGTH = new String[10][];

    static {
        for (int length = 0; length < EXAMPLE_WORDS_BY_LENGTH.length; length++) {
            int n = length;
            EXAMPLE_WORDS_BY_LENGTH[length] = EXAMPLE_WORDS.stream().filter(w -> w.length() == n).sorted().toArray(String[]::new);
        }
    }

    /** A value made of {@code $name} variables only, one or more: {@code $password}, {@code $super$ecret}. */
    private static final Pattern VARIABLES = Pattern.compile("(?:\\$[A-Za-z_]\\w*)+");

    /** Where a file's language reads {@code $name} in a value as a variable. */
    private enum Interpolation {
        /** Nowhere: JSON, YAML, JavaScript, Python and most formats keep a {@code $} as it is. */
        NONE,
        /**
         * In double quotes, not in single ones: POSIX shells (Shell Command Language, 2.2.3), PHP (strings, "double
         * quoted") and Perl (perlop, "Quote and Quote-like Operators").
         */
        DOUBLE_QUOTES,
        /**
         * In any quotes: a {@code .template} file, which the official nginx image passes through envsubst into its
         * configuration (hub.docker.com/_/nginx, "Using environment variables in nginx configuration").
         */
        ANY_QUOTES;

        static Interpolation of(String name) {
            String ext = extension(name);
            return switch (ext) {
                case "sh", "bash", "zsh", "ksh", "php", "phtml", "inc", "pl", "pm" -> DOUBLE_QUOTES;
                case "template" -> ANY_QUOTES;
                default -> NONE;
            };
        }
    }

    /** One file's search and what it reports. */
    private final class Scan {
        private final FileAnalysis analysis;
        private final SourceFile file;
        private final Rule rule;
        private final boolean example;
        /** Whether the file is a test's: there a made-up password ({@code abc123}, {@code P4ssword}) is a fixture's. */
        private final boolean test;
        private final int[] keywordStarts;
        private final Interpolation interpolation;
        private final List<Finding> found = new ArrayList<>();
        private int reportedUntil = -1;

        Scan(FileAnalysis analysis, String ruleId, boolean example, int[] keywordStarts) {
            this.analysis = analysis;
            this.keywordStarts = keywordStarts;
            this.file = analysis.file();
            this.rule = catalogue.find(ruleId).orElseThrow(() -> new IllegalStateException("no rule " + ruleId));
            this.example = example;
            this.test = isTest(file.path());
            this.interpolation = Interpolation.of(file.name().toLowerCase(Locale.ROOT));
        }

        /**
         * Returns whether {@code value}, written at {@code offset}, is made of {@code $name} variables only
         * ({@code "$user$suffix"}) where the file's language reads them as variables: a reference, not a literal.
         */
        private boolean isVariables(String value, int offset) {
            if (interpolation == Interpolation.NONE || !VARIABLES.matcher(value).matches()) {
                return false;
            }
            return interpolation == Interpolation.ANY_QUOTES || offset > 0 && file.chars().charAt(offset - 1) == '"';
        }

        /** Searches quoted literals assigned to names, from each keyword's word on: code, JSON, HCL. */
        void quoted(CharSequence text, Syntax syntax) {
            int[] starts = new int[keywordStarts.length];
            int count = 0;
            for (int at : keywordStarts) {
                // Most names holding a keyword (keySet, tokenizer.next) are not followed by a quoted literal: skip them cheaply.
                if (quotedLiteralFollows(text, nameEnd(text, at))) {
                    starts[count++] = dottedKeyStart(text, nameStart(text, at));
                }
            }
            Arrays.sort(starts, 0, count);
            Matcher matcher = QUOTED.matcher(text);
            Matcher escaped = null;
            for (int s = 0; s < count; s++) {
                int start = starts[s];
                if (start < reportedUntil || s > 0 && start == starts[s - 1]) {
                    continue;
                }
                int from = start > 0 && (text.charAt(start - 1) == '"' || text.charAt(start - 1) == '\'') ? start - 1 : start;
                int lineStart = file.lineStartAround(start);
                int end = file.lineEndAround(start);
                matcher.region(from, Math.min(end, from + 1400));
                if (!matcher.lookingAt()) {
                    if (from > 0 && text.charAt(from - 1) == '\\') {
                        // JSON inside a string, its quotes escaped: \"api_token\": \"...\".
                        escaped = escaped == null ? ESCAPED_JSON.matcher(text) : escaped;
                        escaped.region(from - 1, Math.min(end, from + 1400));
                        if (escaped.lookingAt() && !isComment(text, lineStart, from, syntax)) {
                            checkPasswordAsCredential(escaped.group(1), escaped.group(2), escaped.start(2), false);
                            reportedUntil = escaped.end();
                        }
                        continue;
                    }
                    comparison(text, from, Math.min(end, from + 400), lineStart, syntax);
                    continue;
                }
                if (isComment(text, lineStart, from, syntax) && !isCommentedOut(text, lineStart, from)) {
                    continue;
                }
                String op = matcher.group(3);
                if (op.equals(",") && !isSetterCall(text, from)) {
                    continue;
                }
                if (op.equals(":") && syntax == Syntax.CODE && afterTernary(text, lineStart, from)) {
                    continue; // cond ? "PASS" : "FAIL": a conditional's two values, not a key and its value
                }
                String value = matcher.group(5);
                if (syntax == Syntax.CODE && (matcher.group(4).equals("`") && value.contains("${")
                        || isFormatted(text, matcher.start(4)))) {
                    continue;
                }
                checkPasswordAsCredential(matcher.group(2), value, matcher.start(5), false);
                reportedUntil = matcher.end();
            }
        }

        /**
         * Reports a password that code compares a value with ({@code if password == "..."}): a
         * hard-coded credential. Only names that hold a secret whatever it looks like count here.
         */
        private void comparison(CharSequence text, int from, int to, int lineStart, Syntax syntax) {
            Matcher m = COMPARISON.matcher(text).region(from, to);
            if (m.lookingAt() && SecretKeys.isStrong(lastSegment(m.group(2))) && !isComment(text, lineStart, from, syntax)
                    && !isTypeTest(text, lineStart, from, m.group(4))) {
                // A secret compared with a word is a weak one; but credentials, what a login is given, compared with one
                // string names a mode (fetch's request.credentials === 'include'), judged as code's value is.
                if (CREDENTIALS_MODE.matcher(lastSegment(m.group(2))).matches()) {
                    check(m.group(2), m.group(4), m.start(4), true);
                } else {
                    checkCredential(m.group(2), m.group(4), m.start(4), false);
                }
                reportedUntil = m.end();
            }
        }

        /** Returns whether a {@code ?} opens the conditional whose first value starts at {@code from}. */
        private static boolean afterTernary(CharSequence text, int lineStart, int from) {
            int i = from - 1;
            while (i >= lineStart && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i--;
            }
            return i >= lineStart && text.charAt(i) == '?';
        }

        /** Returns whether the comparison at {@code from} tests a type ({@code typeof config[KEY] !== 'string'}). */
        private boolean isTypeTest(CharSequence text, int lineStart, int from, String value) {
            return TYPE_NAMES.contains(value) && TYPEOF.matcher(text).region(Math.max(lineStart, from - 200), from).find();
        }

        /**
         * Searches configuration pasted into prose, a script or a log ({@code license_key: 0a14...},
         * {@code token-secret = f395...}, {@code password=Tq7vBn3kLw}): a plain value after a secret-like key,
         * reported only when it looks generated, or under a password's key set by someone, as prose says
         * {@code password: the one you chose} far more often.
         */
        void pastedConfigLines() {
            forEachLine((line, start) -> {
                // A commented-out line (# license_key: 0a14...) is read too: its value must look generated all the same.
                Matcher m = CONFIG_LINE.matcher(line).region(afterCommentMarker(line), line.length());
                if (!m.matches()) {
                    pastedNetrc(line, start);
                    return;
                }
                String key = m.group(2);
                if (m.group(3).equals("=") && ENVIRONMENT_NAME.matcher(key).matches()) {
                    return; // environmentStyle reads NAME=value
                }
                String raw = m.group(4);
                if (m.group(3).equals(":") && BLOCK_SCALAR.matcher(raw).matches()) {
                    blockScalar(key, line, start, true);
                    return;
                }
                int comment = raw.indexOf(" #");
                String value = (comment >= 0 ? raw.substring(0, comment) : raw).strip();
                if (key.endsWith("?") && m.group(3).equals(":") || PASTED_EXPRESSION.matcher(value).matches()) {
                    return; // code in prose: a TypeScript optional property's type (password?: string), an object's member
                }
                if (looksPastedSecret(key, value)) {
                    check(key, value, start + m.start(4) + raw.indexOf(value), false);
                } else if (SecretKeys.isPassword(key) && afterCommentMarker(line) == 0) {
                    String plain = unquoted(value);
                    checkBesideLogin(key, plain, start + m.start(4) + raw.indexOf(plain), false);
                }
            });
        }

        /**
         * Reads a netrc entry pasted into prose or a script ({@code machine host login user password value}, on one line
         * or over a few, as a README shows one): a password there is the login's, however weak.
         */
        private void pastedNetrc(String line, int start) {
            Matcher m = NETRC_PASSWORD.matcher(line);
            if (m.matches() && (m.group(1) != null || lineAbove(file.chars(), start, NETRC_MACHINE))) {
                checkCredential("password", m.group(2), start + m.start(2), true);
            }
        }

        /**
         * Searches Groovy method calls with one string literal at a line's start, as Gradle's
         * credentials blocks write them: {@code password 'value'}, {@code password "value"}.
         */
        void groovyCalls(CharSequence text, boolean buildFile) {
            int last = -1;
            for (int at : keywordStarts) {
                int lineStart = file.lineStartAround(at);
                int start = nameStart(text, at);
                if (lineStart == last || !isBlank(text, lineStart, start)) {
                    continue;
                }
                // Outside a build file only a credentials block's lines are read; the look back is paid only for a
                // keyword that starts its line.
                boolean block = inCredentialsBlock(text, lineStart);
                if (!buildFile && !block) {
                    continue;
                }
                last = lineStart;
                Matcher m = GROOVY_CALL.matcher(text).region(start, file.lineEndAround(at));
                if (m.lookingAt() && !(m.group(2).equals("\"") && m.group(3).contains("${"))) {
                    if (block && SecretKeys.isPassword(m.group(1))) {
                        checkCredential(m.group(1), m.group(3), m.start(3), true);
                    } else {
                        check(m.group(1), m.group(3), m.start(3), true);
                    }
                }
            }
        }

        /** Searches a Makefile's variables set to unquoted values ({@link #MAKE_ASSIGNMENT}); quoted ones are code's. */
        void makeAssignments() {
            forEachLine((line, start) -> {
                Matcher m = MAKE_ASSIGNMENT.matcher(line);
                if (m.matches()) {
                    check(m.group(1), m.group(3), start + m.start(3), false, true);
                }
            });
        }

        /**
         * Searches Terraform variables whose default is a literal: {@code variable "db_password" {
         * default = "..." }}, where the secret-like name is the variable's and the value its default.
         */
        void variableDefaults(CharSequence text) {
            int last = -1;
            for (int at : keywordStarts) {
                int start = nameStart(text, at);
                if (start == last || start < 10 || text.charAt(start - 1) != '"'
                        || !text.subSequence(start - 10, start - 1).toString().stripTrailing().endsWith("variable")) {
                    continue;
                }
                last = start;
                int end = nameEnd(text, at);
                Matcher m = VARIABLE_DEFAULT.matcher(text).region(end, Math.min(text.length(), end + 900));
                if (m.lookingAt()) {
                    check(text.subSequence(start, end).toString(), m.group(1), m.start(1), true);
                }
            }
        }

        /**
         * Searches XML pasted outside XML files, quoted in a README, a script or a string: {@code <add
         * key="SmtpPassword" value="..."/>} elements (.NET's appSettings, NuGet's packageSourceCredentials) and
         * elements named like a secret with text only (Maven's {@code <server><password>...</password>}).
         */
        void pastedKeyValueElements() {
            forEachLine((line, start) -> {
                if (line.indexOf('<') < 0) {
                    return;
                }
                if (line.contains("value")) {
                    Matcher pair = XML_NAMED_VALUE.matcher(line);
                    while (pair.find()) {
                        check(pair.group(2), unescapeXml(pair.group(4)), start + pair.start(4), true);
                    }
                }
                if (line.contains("</")) {
                    Matcher element = XML_ELEMENT.matcher(line);
                    while (element.find()) {
                        check(element.group(1), unescapeXml(element.group(2)), start + element.start(2), true);
                    }
                    return;
                }
                Matcher open = XML_OPEN_TAG_LINE.matcher(line);
                if (open.matches()) {
                    elementOnItsOwnLine(open.group(1), start + line.length());
                }
            });
        }

        /**
         * Reads an element whose text has a line of its own, pasted as XML pretty-printers write it:
         * {@code <apiToken>}, the value indented on the next line, {@code </apiToken>} on the one after.
         */
        private void elementOnItsOwnLine(String name, int openLineEnd) {
            CharSequence text = file.chars();
            int contentStart = nextLineStart(text, openLineEnd);
            if (contentStart < 0) {
                return;
            }
            String content = lineAt(text, contentStart);
            int closeStart = nextLineStart(text, contentStart + content.length());
            String value = content.strip();
            if (closeStart < 0 || value.isEmpty() || value.indexOf('<') >= 0
                    || !lineAt(text, closeStart).strip().equals("</" + name + ">")) {
                return;
            }
            check(name, unescapeXml(value), contentStart + content.indexOf(value), true);
        }

        /**
         * Searches the rows of a CSV or TSV file that pair a name with its value in their first two fields
         * ({@code apiToken,value,...}), as exported settings and key lists do; only a value that looks set counts.
         */
        void delimitedPairs(char delimiter) {
            forEachLine((line, start) -> {
                int first = line.indexOf(delimiter);
                if (first <= 0) {
                    return;
                }
                int second = line.indexOf(delimiter, first + 1);
                String key = unquoted(line.substring(0, first).strip());
                String field = line.substring(first + 1, second < 0 ? line.length() : second);
                String value = unquoted(field.strip());
                if (value.isEmpty() || !CSV_NAME.matcher(key).matches() || !looksPastedSecret(key, value)) {
                    return;
                }
                check(key, value, start + first + 1 + field.indexOf(value), false);
            });
        }

        /** Searches statements setting a database user's password ({@link #SQL_STATEMENT_PASSWORD}) outside SQL files. */
        void sqlStatements() {
            // Every statement says identified or password, and both are keywords: only the lines where one of them
            // was found are searched (most lines with a keyword hold a key or a token), not every line scanned for them.
            CharSequence text = file.chars();
            int last = -1;
            for (int at : keywordStarts) {
                if (!regionMatchesFolded(text, at, "pass") && !regionMatchesFolded(text, at, "identified")) {
                    continue;
                }
                int start = file.lineStartAround(at);
                int end = file.lineEndAround(at);
                if (start == last || end - start > LONG_LINE) {
                    continue;
                }
                last = start;
                String line = text.subSequence(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end).toString();
                if (!containsFolded(line, "identified") && !containsFolded(line, "password")) {
                    continue;
                }
                Matcher m = SQL_STATEMENT_PASSWORD.matcher(line);
                while (m.find()) {
                    if (!AssignedValues.isHexDigest(m.group(1)) && !m.group(1).startsWith("*")) {
                        check("password", m.group(1), start + m.start(1), false);
                    }
                }
            }
        }

        /** Searches {@code NAME=value} assignments in upper case, wherever they are written. */
        void environmentStyle(CharSequence text) {
            // A match lies within one line and has a name character just before its '=': only the lines holding
            // such an '=' are searched, each whole, with the text around it visible to the look-arounds, so the
            // matches are those a search of the whole text finds, in the same order.
            Matcher m = ENVIRONMENT_STYLE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            int searchedUntil = -1;
            for (int equals = file.indexOf('=', 0); equals >= 0; equals = file.indexOf('=', equals + 1)) {
                if (equals <= searchedUntil || equals == 0 || !isEnvironmentNameChar(text.charAt(equals - 1))) {
                    continue;
                }
                int lineStart = file.lineStartAround(equals);
                searchedUntil = file.lineEndAround(equals);
                m.region(lineStart, searchedUntil);
                while (m.find()) {
                    if (!isComment(text, lineStart, m.start(), Syntax.SHELL)) {
                        checkBesideLogin(m.group(1), m.group(2), m.start(2), true);
                    } else if (isCommentedOut(text, lineStart, m.start())) {
                        check(m.group(1), m.group(2), m.start(2), false, true);
                    }
                }
            }
        }

        /**
         * Searches {@code Password=...;} pairs in connection strings, such as ODBC's, ADO.NET's and
         * Azure's: in string literals, and on lines that are a connection string themselves.
         */
        void connectionStrings(CharSequence text) {
            boolean pairs = false;
            for (int at : keywordStarts) {
                pairs |= equalsFollows(text, at, "password") || equalsFollows(text, at, "pwd")
                        || regionMatchesFolded(text, at - 7, "accountkey=")
                        || regionMatchesFolded(text, at - 12, "sharedaccesskey=");
            }
            if (!pairs) {
                return;
            }
            Set<Integer> reported = new HashSet<>();
            // A literal lies within one line, and one holding a pair holds its keyword: only the keywords' lines
            // are searched, each whole, long ones too, so the literals are those a search of the whole text finds.
            Matcher literal = DOUBLE_QUOTED.matcher(text);
            int searchedUntil = -1;
            for (int k = 0; k < keywordStarts.length; k++) {
                int at = keywordStarts[k];
                if (at <= searchedUntil) {
                    continue;
                }
                searchedUntil = file.lineEndAround(at);
                // A pair's key (password, pwd, accountkey, sharedaccesskey, then =) holds a keyword: a line without
                // such a key holds no pair, and its literals are not searched (a minified line has many).
                boolean keyed = false;
                for (int j = k; j < keywordStarts.length && keywordStarts[j] < searchedUntil && !keyed; j++) {
                    keyed = isPairKey(text, keywordStarts[j]);
                }
                if (!keyed) {
                    continue;
                }
                literal.region(file.lineStartAround(at), searchedUntil);
                while (literal.find()) {
                    String value = literal.group(1);
                    if (value.indexOf(';') >= 0) {
                        pairs(value, literal.start(1), reported);
                    }
                }
            }
            forEachLine((content, start) -> {
                // A bare connection string: Server=db;User Id=app;Password=...; with a key that names where it connects.
                Matcher bare = CONNECTION_LINE.matcher(content);
                if (content.indexOf(';') >= 0 && bare.find()
                        && !isComment(text, start, start + bare.start(), Syntax.SHELL)) {
                    pairs(content, start, reported);
                }
            });
        }

        private void pairs(String value, int offset, Set<Integer> reported) {
            Matcher pair = SEMICOLON_PAIR.matcher(value);
            while (pair.find()) {
                if (reported.add(offset + pair.start(2))) {
                    // A connection string's Password= is a login's password, however weak: Password=secret; connects.
                    checkPasswordAsCredential(pair.group(1), pair.group(2), offset + pair.start(2), true);
                }
            }
        }

        /** Searches {@code key = value} lines: properties, INI, TOML, files without an extension. */
        void config(CharSequence text, Syntax syntax) {
            forEachLine((line, start) -> {
                String trimmed = line.stripLeading();
                // A line starting with // is an .npmrc registry key, not a comment.
                if (trimmed.startsWith("#") || trimmed.startsWith(";") || trimmed.startsWith("!") || trimmed.startsWith("[")) {
                    return;
                }
                Matcher m = CONFIG_LINE.matcher(line);
                if (m.matches()) {
                    String key = m.group(2);
                    String raw = m.group(4);
                    scalar(key, raw, start + m.start(4), syntax == Syntax.TOML || syntax == Syntax.INI, true);
                } else if (syntax == Syntax.INI) {
                    spacedPassword(line, start);
                }
            });
            quoted(text, Syntax.CODE);
        }

        /**
         * Reads a password written after its key with blanks only, as msmtp's {@code password X} and fetchmail's
         * {@code poll host user "ann" password "X"} lines write it: the last word of its line but a comment.
         */
        private void spacedPassword(String line, int start) {
            Matcher m = SPACED_PASSWORD.matcher(line);
            if (m.find() && SecretKeys.isPassword(m.group(1))) {
                scalar(m.group(1), m.group(2), start + m.start(2), true, true);
            }
        }

        /** Searches {@code key: value} lines of YAML; block scalars, anchors and tags are not literal values here. */
        void yaml(CharSequence text) {
            forEachLine((line, start) -> {
                // A commented-out key (# apiKey: ...) counts only with a value that looks generated: documentation
                // in comments shows example passwords far more often than keys.
                int from = afterCommentMarker(line);
                boolean commented = from > 0;
                if (commented && line.charAt(from - 1) != ' ') {
                    return;
                }
                Matcher m = YAML_LINE.matcher(line).region(from, line.length());
                if (!commented && m.matches() && m.group(2).equals("name") && m.group(3) != null) {
                    namedValue(text, unquoted(m.group(3)), start + line.length(), m.start(2));
                    return;
                }
                if (m.matches() && m.group(3) != null) {
                    String raw = m.group(3);
                    if (!commented && BLOCK_SCALAR.matcher(raw).matches()) {
                        blockScalar(m.group(2), line, start, false);
                        return;
                    }
                    if (!isYamlLiteral(raw)) {
                        return;
                    }
                    if (!commented || AssignedValues.looksRandom(unquoted(raw))) {
                        scalar(m.group(2), raw, start + m.start(3), true);
                    }
                }
            });
        }

        /**
         * Reads the {@code value:} on the line after a YAML {@code - name: NAME} at {@code lineEnd}, in
         * the same mapping (at {@code column}), as a Kubernetes container's or a Helm chart's env list
         * writes a variable: the name says what the value is.
         */
        private void namedValue(CharSequence text, String name, int lineEnd, int column) {
            int next = lineEnd < text.length() && text.charAt(lineEnd) == '\r' ? lineEnd + 1 : lineEnd;
            if (next >= text.length() || text.charAt(next) != '\n' || !SecretKeys.isSecret(name)) {
                return;
            }
            int start = next + 1;
            int end = file.lineEndAround(start);
            Matcher value = YAML_VALUE_LINE.matcher(text).region(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            if (value.matches() && value.end(1) - start == column) {
                String raw = value.group(2);
                if (isYamlLiteral(raw)) {
                    scalar(name, raw, value.start(2), true);
                }
            }
        }

        /**
         * Searches JSON name and value pairs whose name holds a keyword: an ECS task definition's
         * {@code {"name": "API_SECRET", "value": "..."}}, a Postman environment's {@code {"key": ..., "value": ...}}.
         */
        void jsonNamedValues(CharSequence text) {
            Matcher pair = JSON_NAMED_VALUE.matcher(text);
            int last = -1;
            for (int at : keywordStarts) {
                int quote = at - 1;
                while (quote >= 0 && quote > at - 100 && text.charAt(quote) != '"' && text.charAt(quote) != '\n') {
                    quote--;
                }
                if (quote < 0 || quote <= last || text.charAt(quote) != '"' || !namesFollow(text, quote)) {
                    continue;
                }
                pair.region(quote, Math.min(text.length(), quote + 1200));
                if (pair.lookingAt()) {
                    last = quote;
                    check(pair.group(1), pair.group(2), pair.start(2), false, true);
                }
            }
        }

        /** Returns whether {@code "name":} or {@code "key":} is written just before {@code quote}. */
        private static boolean namesFollow(CharSequence text, int quote) {
            int i = quote - 1;
            while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
                i--;
            }
            if (i < 0 || text.charAt(i) != ':') {
                return false;
            }
            i--;
            while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
                i--;
            }
            return endsWithAt(text, i, "\"name\"") || endsWithAt(text, i, "\"key\"");
        }

        /** Returns whether {@code text} holds {@code word} ending at {@code last}, inclusive. */
        private static boolean endsWithAt(CharSequence text, int last, String word) {
            int from = last - word.length() + 1;
            return from >= 0 && startsWith(text, word, from);
        }

        /** Returns whether a YAML value as written is a literal scalar: not a block scalar, an anchor, an alias, a tag or a flow collection. */
        private static boolean isYamlLiteral(String raw) {
            return !(raw.startsWith("|") || raw.startsWith(">") || raw.startsWith("&") || raw.startsWith("*")
                    || raw.startsWith("!") || raw.startsWith("{") || raw.startsWith("["));
        }

        /**
         * Reads the block scalar that the YAML {@code line} at {@code lineStart} opens ({@code api_token: |} or
         * {@code >}) when its content is one line, as a token's is: the next line, indented deeper, and then none.
         * {@code pasted}: the YAML is quoted in prose or a script, where only a value that looks set counts.
         */
        private void blockScalar(String key, String line, int lineStart, boolean pasted) {
            CharSequence text = file.chars();
            int contentStart = nextLineStart(text, lineStart + line.length());
            if (contentStart < 0) {
                return;
            }
            String content = lineAt(text, contentStart);
            if (content.isBlank() || indentation(content) <= indentation(line)) {
                return;
            }
            int after = nextLineStart(text, contentStart + content.length());
            String next = after < 0 ? "" : lineAt(text, after);
            if (!next.isBlank() && indentation(next) > indentation(line)) {
                return; // more than one line: a certificate, a script, prose
            }
            String value = content.strip();
            if (!pasted || looksPastedSecret(key, value)) {
                check(key, value, contentStart + content.indexOf(value), false);
            }
        }

        /**
         * Returns whether {@code value}, under {@code key} in config pasted into prose or a script, is worth judging:
         * a password's key takes a value that looks set by someone (Tq7vBn3kLw) too, any other a generated one.
         */
        private static boolean looksPastedSecret(String key, String value) {
            return AssignedValues.looksRandom(value) || SecretKeys.isPassword(key) && AssignedValues.looksLikePassword(value);
        }

        /** Reports a scalar value written after a key: quoted (its content) or plain (to a comment). */
        private void scalar(String key, String raw, int offset, boolean hashComments) {
            scalar(key, raw, offset, hashComments, false);
        }

        /** Reads a scalar as {@link #scalar(String, String, int, boolean)}; {@code besideLogin}: see {@link #checkBesideLogin}. */
        private void scalar(String key, String raw, int offset, boolean hashComments, boolean besideLogin) {
            String value = raw;
            int valueOffset = offset;
            if (!value.isEmpty() && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
                int close = value.indexOf(value.charAt(0), 1);
                if (close < 0) {
                    return;
                }
                value = value.substring(1, close);
                valueOffset++;
            } else {
                int comment = hashComments ? commentStart(value) : -1;
                if (comment >= 0) {
                    value = value.substring(0, comment);
                }
                value = value.strip();
            }
            if (besideLogin) {
                checkBesideLogin(key, value, valueOffset, false);
            } else {
                check(key, value, valueOffset, false);
            }
        }

        /**
         * Judges {@code value} as {@link #check(String, String, int, boolean, boolean)} does, but a password written in the
         * same block as its login's user ({@link #loginAbove}) as a credential: there a weak word ({@code admin},
         * {@code open_sesame}, {@code pass123}) is the password the login accepts, reported low, not a stand-in.
         */
        private void checkBesideLogin(String key, String value, int offset, boolean environment) {
            if (SecretKeys.isPassword(lastSegment(key)) && !REFERENCE_PATH.matcher(value).matches()
                    && loginAbove(file.chars(), file.lineStartAround(offset))) {
                checkCredential(key, value, offset, true);
            } else {
                check(key, value, offset, false, environment);
            }
        }

        private static int commentStart(String value) {
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c == '#' || c == ';') && Character.isWhitespace(value.charAt(i - 1))) {
                    return i;
                }
            }
            return -1;
        }

        /** Searches XML: elements named like a secret with text only, secret-like attributes, key/value pairs. */
        void xml(CharSequence text) {
            Matcher element = XML_ELEMENT.matcher(text);
            while (element.find()) {
                check(element.group(1), unescapeXml(element.group(2)), element.start(2), false);
            }
            Matcher pair = XML_NAMED_VALUE.matcher(text);
            while (pair.find()) {
                check(pair.group(2), unescapeXml(pair.group(4)), pair.start(4), false);
            }
            Matcher named = XML_NAMED_ELEMENT.matcher(text);
            while (named.find()) {
                check(named.group(2), unescapeXml(named.group(3)), named.start(3), false);
            }
            Matcher attribute = XML_ATTRIBUTE.matcher(text);
            while (attribute.find()) {
                String name = attribute.group(1);
                if (!name.equalsIgnoreCase("value") && !name.equalsIgnoreCase("key") && !name.equalsIgnoreCase("name")) {
                    check(name.substring(name.indexOf(':') + 1), unescapeXml(attribute.group(3)), attribute.start(3), false);
                }
            }
        }

        /** Searches SQL: {@code IDENTIFIED BY '...'}, {@code PASSWORD '...'}, and password columns of INSERTs. */
        void sql(CharSequence text) {
            Matcher password = SQL_PASSWORD.matcher(text);
            while (password.find()) {
                String value = password.group(2);
                if (!AssignedValues.isHexDigest(value) && !value.startsWith("*")) {
                    check("password", value, password.start(2), false);
                }
            }
            Matcher insert = SQL_INSERT.matcher(text);
            while (insert.find()) {
                List<String> columns = new ArrayList<>();
                for (String column : insert.group(1).split(",")) {
                    columns.add(column.strip().replaceAll("[`\"\\[\\]]", ""));
                }
                List<Integer> secretColumns = new ArrayList<>();
                for (int c = 0; c < columns.size(); c++) {
                    if (SecretKeys.isSecret(columns.get(c))) {
                        secretColumns.add(c);
                    }
                }
                if (!secretColumns.isEmpty()) {
                    insertValues(text, insert.end(), columns, secretColumns);
                }
            }
        }

        /** Reads the value tuples after an INSERT's {@code VALUES} up to its semicolon. */
        private void insertValues(CharSequence text, int from, List<String> columns, List<Integer> secretColumns) {
            int i = from;
            int n = text.length();
            while (i < n && text.charAt(i) != ';') {
                if (text.charAt(i) != '(') {
                    i++;
                    continue;
                }
                List<int[]> cells = new ArrayList<>();
                int cellStart = ++i;
                boolean quoted = false;
                while (i < n) {
                    char c = text.charAt(i);
                    if (quoted) {
                        if (c == '\\') {
                            i++;
                        } else if (c == '\'') {
                            quoted = false;
                        }
                    } else if (c == '\'') {
                        quoted = true;
                    } else if (c == ',' || c == ')') {
                        cells.add(new int[] {cellStart, i});
                        cellStart = i + 1;
                        if (c == ')') {
                            break;
                        }
                    }
                    i++;
                }
                for (int column : secretColumns) {
                    if (column < cells.size()) {
                        int[] cell = cells.get(column);
                        String raw = text.subSequence(cell[0], cell[1]).toString().strip();
                        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
                            String value = raw.substring(1, raw.length() - 1);
                            if (!AssignedValues.isHexDigest(value)) {
                                check(columns.get(column), value, file.indexOf(raw, cell[0]) + 1, false);
                            }
                        }
                    }
                }
                i++;
            }
        }

        /**
         * Reports the entries of a Kubernetes Secret's {@code data:} (base64) and {@code stringData:} maps, in the
         * documents of the file that are Secrets: a ConfigMap's or another kind's {@code data:} beside one is not secret.
         */
        void kubernetesSecret(CharSequence text) {
            String[] lines = text.toString().split("\n", -1);
            boolean[] inSecret = secretDocumentLines(lines);
            int offset = 0;
            int mapIndent = -1;
            boolean base64 = false;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String content = line.strip();
                int indent = line.length() - line.stripLeading().length();
                if (content.equals("---") || !inSecret[i]) {
                    mapIndent = -1;
                } else if (mapIndent >= 0 && !content.isEmpty() && !content.startsWith("#")) {
                    if (indent <= mapIndent) {
                        mapIndent = -1;
                    } else {
                        Matcher m = YAML_LINE.matcher(line);
                        if (m.matches() && m.group(3) != null) {
                            String raw = m.group(3).strip();
                            String value = raw.replaceAll("^[\"']|[\"']$", "");
                            int at = offset + line.indexOf(value, m.start(3));
                            String plain = base64 ? decode(value) : value;
                            if (plain != null) {
                                secretDatum(m.group(2), value, plain, at);
                            }
                        }
                    }
                }
                if (mapIndent < 0 && inSecret[i] && (content.equals("data:") || content.equals("stringData:"))) {
                    mapIndent = indent;
                    base64 = content.equals("data:");
                }
                offset += line.length() + 1;
            }
        }

        /** Reports one entry of a Secret: whatever its key, a Secret's data is secret. */
        private void secretDatum(String key, String value, String plain, int offset) {
            AssignedValues.Verdict verdict = AssignedValues.judge(key, plain, true);
            if (verdict == AssignedValues.Verdict.NONE && !plain.contains("PRIVATE KEY")) {
                return;
            }
            report(key, value, offset, verdict == AssignedValues.Verdict.PLACEHOLDER);
        }

        /** Calls {@code action} with each line that holds a keyword, and its offset; very long lines are left out. */
        private void forEachLine(LineAction action) {
            // Each line is found around its keyword: numbering the lines from the top of the file, as
            // lineOf does, cost a fifth of the analysis of the JDK's sources, whose keywords run to the end.
            CharSequence text = file.chars();
            int last = -1;
            for (int at : keywordStarts) {
                int start = file.lineStartAround(at);
                if (start == last) {
                    continue;
                }
                last = start;
                int end = file.lineEndAround(at);
                if (end - start <= LONG_LINE) {
                    action.accept(text.subSequence(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end).toString(), start);
                }
            }
        }

        /**
         * Judges {@code value} written where the structure says it is a credential ({@link AssignedValues#judgeCredential}):
         * a weak or made-up value is reported low, in code and in examples too; {@code login}: the structure is a login's
         * own fields (a connection string, a Gradle credentials block).
         */
        private void checkCredential(String key, String value, int offset, boolean login) {
            String name = lastSegment(key);
            if (!SecretKeys.isSecret(name) || isVariables(value, offset)) {
                return;
            }
            AssignedValues.Verdict verdict = AssignedValues.judgeCredential(name, value, login);
            // A test's made-up password (abc123, P4ssword) is left, but not a login's: the password the login takes.
            if (verdict != AssignedValues.Verdict.NONE && (login || !test || !AssignedValues.isMadeUp(value.strip()))) {
                report(key, value, offset, verdict == AssignedValues.Verdict.PLACEHOLDER);
            }
        }

        /** Judges a password's value as a credential ({@link #checkCredential}), any other key's as code's. */
        private void checkPasswordAsCredential(String key, String value, int offset, boolean login) {
            if (SecretKeys.isPassword(lastSegment(key))) {
                checkCredential(key, value, offset, login);
            } else {
                check(key, value, offset, true);
            }
        }

        /** Judges {@code value} written under {@code key} at {@code offset}, and reports it when it is a secret. */
        private void check(String key, String value, int offset, boolean code) {
            check(key, value, offset, code, false);
        }

        /** Judges and reports as {@link #check(String, String, int, boolean)}; {@code environment}: a NAME=value line. */
        private void check(String key, String value, int offset, boolean code, boolean environment) {
            String name = code ? lastSegment(key) : key;
            // A name with a comma is a row of data read as name=value (a go.sum-like CSV's h1:...= column).
            if (!SecretKeys.isSecret(name) || isVariables(value, offset) || code && SecretKeys.namesAStandIn(name)
                    || name.indexOf(',') >= 0) {
                return;
            }
            boolean strong = SecretKeys.isStrong(name);
            AssignedValues.Verdict verdict = AssignedValues.judge(name, value, strong, environment);
            if (verdict == AssignedValues.Verdict.NONE && !strong && value.contains("PRIVATE KEY")
                    // A block whose body is XXXX or ... shows where a key goes (npm's docs of its key config).
                    && (!value.contains("-----BEGIN") || PrivateKeyCheck.check(value).isPresent())) {
                verdict = AssignedValues.Verdict.SECRET;
            }
            if (verdict == AssignedValues.Verdict.NONE || verdict == AssignedValues.Verdict.PLACEHOLDER && (example || code)
                    // A test's made-up password (abc123, P4ssword); a generated value there is a fixture's key. A guide's
                    // weak password (super$ecret in a README) may be the one its readers run with: reported.
                    || test && AssignedValues.isMadeUp(value.strip())) {
                return;
            }
            report(key, value, offset, verdict == AssignedValues.Verdict.PLACEHOLDER);
        }

        private void report(String key, String value, int offset, boolean placeholder) {
            StringBuilder message = new StringBuilder(rule.description()).append(" assigned to ").append(key);
            if (placeholder) {
                message.append(" (the value looks like a placeholder; keep real values out of the file)");
            }
            found.add(Finding.builder(rule.id(), Card.INLINE_SECRET, FindingLocation.of(file, offset))
                    .severity(placeholder ? Severity.LOW : rule.severity())
                    .key(key)
                    .secret(value)
                    .message(message.append('.').toString())
                    .fix(rule.fix())
                    .build());
        }

        /**
         * Hands the findings to the analysis, but in a test's or an example's file those of a name that holds
         * {@link #TEST_VECTORS} distinct values or more: a table of test cases, whatever each value looks like.
         */
        void finish() {
            Set<String> tables = example && found.size() >= TEST_VECTORS ? testVectorNames() : Set.of();
            for (Finding finding : found) {
                if (!tables.contains(nameOf(finding))) {
                    analysis.add(finding);
                }
            }
            found.clear();
        }

        /** Returns the names that hold {@link #TEST_VECTORS} distinct values or more among the findings. */
        private Set<String> testVectorNames() {
            Map<String, Set<String>> values = new HashMap<>();
            for (Finding finding : found) {
                String value = finding.secret().map(SecretValue::reveal).orElse("");
                values.computeIfAbsent(nameOf(finding), n -> new HashSet<>()).add(value);
            }
            Set<String> names = new HashSet<>();
            values.forEach((name, distinct) -> {
                if (distinct.size() >= TEST_VECTORS) {
                    names.add(name);
                }
            });
            return names;
        }

        private static String nameOf(Finding finding) {
            return lastSegment(finding.key().orElse("")).toLowerCase(Locale.ROOT);
        }
    }

    /** How many lines above a password its login's user is looked for. */
    private static final int LOGIN_LINES = 4;

    /**
     * Returns whether one of the {@link #LOGIN_LINES} lines above the line at {@code lineStart} sets a user
     * ({@code user = ...}, {@code Username=...}, {@code spring.datasource.username=...}) in the same block: no blank line
     * and no {@code [section]} header between; comment lines count as lines.
     */
    private static boolean loginAbove(CharSequence text, int lineStart) {
        return lineAbove(text, lineStart, LOGIN_USER);
    }

    /**
     * Returns whether one of the {@link #LOGIN_LINES} lines above the line at {@code lineStart}, in the same block, starts
     * as {@code key} does.
     */
    private static boolean lineAbove(CharSequence text, int lineStart, Pattern key) {
        int end = lineStart;
        for (int n = 0; n < LOGIN_LINES && end > 0; n++) {
            int start = end - 1;
            while (start > 0 && text.charAt(start - 1) != '\n') {
                start--;
            }
            String line = text.subSequence(start, end).toString().strip();
            if (line.isEmpty() || line.startsWith("[")) {
                return false;
            }
            if (key.matcher(line).lookingAt()) {
                return true;
            }
            end = start;
        }
        return false;
    }

    /**
     * Returns whether the line at {@code lineStart} lies in Gradle's {@code credentials {} block: one opens in the
     * few lines before it and no brace closes or opens between ({@code credentials { username '...'; password '...' }}).
     */
    private static boolean inCredentialsBlock(CharSequence text, int lineStart) {
        for (int i = lineStart - 1; i >= Math.max(0, lineStart - 400); i--) {
            char c = text.charAt(i);
            if (c == '}') {
                return false;
            }
            if (c == '{') {
                int end = i;
                while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
                    end--;
                }
                return end >= 11 && startsWith(text, "credentials", end - 11)
                        && (end == 11 || !Character.isLetterOrDigit(text.charAt(end - 12)));
            }
        }
        return false;
    }

    private interface LineAction {
        void accept(String line, int offset);
    }

    /** Returns where the name holding the keyword at {@code at} starts: its identifier, without an owner's path. */
    private static int nameStart(CharSequence text, int at) {
        int i = at;
        int limit = Math.max(0, at - 100);
        while (i > limit && isNameChar(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /**
     * Returns where a quoted key with dots starts when the name at {@code start} ends one ({@code "spring.datasource.password"},
     * {@code 'db.password'}): the whole key is the name there. Elsewhere the dots are an owner's path, and the name starts at {@code start}.
     */
    private static int dottedKeyStart(CharSequence text, int start) {
        int i = start;
        int limit = Math.max(0, start - 100);
        while (i > limit && (text.charAt(i - 1) == '.' || isNameChar(text.charAt(i - 1)))) {
            i--;
        }
        boolean quoted = i > 0 && (text.charAt(i - 1) == '"' || text.charAt(i - 1) == '\'');
        return quoted && i < start && Character.isLetter(text.charAt(i)) ? i : start;
    }

    private static int nameEnd(CharSequence text, int at) {
        int i = at;
        int limit = Math.min(text.length(), at + 100);
        while (i < limit && isNameChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Returns whether an assignment operator and then a string literal (or a call that takes one)
     * follow the name ending at {@code offset}: the test that {@link #QUOTED} makes in full.
     */
    private static boolean quotedLiteralFollows(CharSequence text, int offset) {
        int n = Math.min(text.length(), offset + 60);
        int i = offset;
        while (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'' || text.charAt(i) == ']' || text.charAt(i) == '\\')) {
            i++;
        }
        i = skipBlanks(text, afterStringType(text, skipBlanks(text, i, n), n), n);
        int operator = i;
        while (i < n && "=:>?|,!+.<-".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        if (i == operator) {
            return false;
        }
        boolean colon = i == operator + 1 && text.charAt(operator) == ':';
        i = skipBlanks(text, i, n);
        if (colon && i < n && (text.charAt(i) == '&' || Character.isLetter(text.charAt(i)))
                && "\"'`@rbunS[".indexOf(text.charAt(i)) < 0) {
            i = afterDeclaredType(text, i, n);
        }
        return i < n && "\"'`@rbunS[\\".indexOf(text.charAt(i)) >= 0;
    }

    /** Returns where the line after the one ending at {@code lineEnd} starts, or -1 at the end of the text. */
    private static int nextLineStart(CharSequence text, int lineEnd) {
        int i = lineEnd;
        if (i < text.length() && text.charAt(i) == '\r') {
            i++;
        }
        return i < text.length() && text.charAt(i) == '\n' && i + 1 < text.length() ? i + 1 : -1;
    }

    /** Returns where the line starting at {@code start} ends, before its {@code \r\n} or {@code \n}. */
    private static int lineEnd(CharSequence text, int start) {
        int i = start;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** Returns the line that starts at {@code start}, without its line break. */
    private static String lineAt(CharSequence text, int start) {
        return text.subSequence(start, lineEnd(text, start)).toString();
    }

    private static int indentation(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipBlanks(CharSequence text, int from, int to) {
        int i = from;
        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Returns where Go's {@code string} type between a name and its {@code =} ends ({@code var apiToken string = "..."}), or {@code at}. */
    private static int afterStringType(CharSequence text, int at, int to) {
        int end = at + "string".length();
        return end < to && startsWith(text, "string", at) && !isNameChar(text.charAt(end)) ? end : at;
    }

    /**
     * Returns where the literal after a declared type starts ({@code : &str = "..."}, {@code : string = '...'}), from the
     * type at {@code at}, or {@code limit} when no {@code =} follows the type.
     */
    private static int afterDeclaredType(CharSequence text, int at, int limit) {
        int i = at;
        if (text.charAt(i) == '&') {
            i++;
        }
        if (startsWith(text, "'static ", i)) {
            i += "'static ".length();
        }
        while (i < limit && (Character.isLetterOrDigit(text.charAt(i)) || "_.<>?".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        i = skipBlanks(text, i, limit);
        if (i + 1 >= limit || text.charAt(i) != '=' || "=>~".indexOf(text.charAt(i + 1)) >= 0) {
            return limit;
        }
        return skipBlanks(text, i + 1, limit);
    }

    /** Returns whether {@code word} is at {@code at} (in any case), then {@code =} after optional blanks. */
    /**
     * Returns whether the keyword at {@code at} is in the key of a connection string's pair, as {@link #SEMICOLON_PAIR}
     * reads one: {@code password}, {@code pwd}, or the {@code key} of {@code accountkey} or {@code sharedaccesskey},
     * then blanks and {@code =}.
     */
    private static boolean isPairKey(CharSequence text, int at) {
        return equalsFollows(text, at, "password") || equalsFollows(text, at, "pwd")
                || at >= 7 && equalsFollows(text, at - 7, "accountkey")
                || at >= 12 && equalsFollows(text, at - 12, "sharedaccesskey");
    }

    private static boolean equalsFollows(CharSequence text, int at, String word) {
        if (!regionMatchesFolded(text, at, word)) {
            return false;
        }
        int i = at + word.length();
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '=';
    }

    /** Returns whether {@code c} may end the name of {@link #ENVIRONMENT_STYLE}: an upper-case letter, a digit or {@code _}. */
    private static boolean isEnvironmentNameChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean isNameChar(char c) {
        return c < 128 ? Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-' : Character.isLetter(c);
    }

    /** Returns whether the line is a comment up to {@code at}: a comment line, or a trailing comment before it. */
    private static boolean isComment(CharSequence text, int lineStart, int at, Syntax syntax) {
        int i = lineStart;
        while (i < at && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (startsWith(text, "//", i) || startsWith(text, "/*", i) || startsWith(text, "*", i) || startsWith(text, "<!--", i)
                || startsWith(text, "--", i) || startsWith(text, "'", i) && syntax == Syntax.HCL
                || startsWith(text, "#", i) && syntax != Syntax.JSON && !startsWith(text, "#define", i)) {
            return true;
        }
        // Only the end of a long line is looked at: the time stays linear in the line's length.
        String before = text.subSequence(Math.max(i, at - 240), at).toString();
        return before.contains(" //") || before.contains(" # ") || before.contains("/*") && !before.contains("*/");
    }

    /**
     * Returns where the text of a line commented with {@code #} or {@code //} starts, after the
     * marker and one run of blanks; 0 when the line is not such a comment.
     */
    private static int afterCommentMarker(String line) {
        return afterCommentMarker(line, 0, line.length());
    }

    /**
     * Returns where the text of {@code text[from, to)}, a line or its start, commented with {@code #} or {@code //}
     * starts, as {@link #afterCommentMarker(String)} does, in offsets of {@code text}; {@code from} when it is no such
     * comment. It reads the text in place: a copy of the range cost a minified line's length for each keyword on it.
     */
    private static int afterCommentMarker(CharSequence text, int from, int to) {
        int i = from;
        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        int marker = i;
        if (i < to && text.charAt(i) == '#') {
            i++;
        } else if (i + 1 < to && text.charAt(i) == '/' && text.charAt(i + 1) == '/') {
            i += 2;
        } else {
            return from;
        }
        if (i < to && (text.charAt(i) == '#' || text.charAt(i) == '!' || text.charAt(i) == '/')) {
            return from; // ##, #! and /// open headings, shebangs and doc comments, not code commented out
        }
        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i > marker ? i : from;
    }

    /** Returns a scalar without its quotes and a trailing comment, as {@code scalar} reads it. */
    private static String unquoted(String raw) {
        if (!raw.isEmpty() && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
            int close = raw.indexOf(raw.charAt(0), 1);
            return close < 0 ? raw : raw.substring(1, close);
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }

    /**
     * Returns whether the line is a comment that holds only the assignment whose name starts at
     * {@code at} ({@code # API_SECRET = '...'}, {@code //$secret = '...'}): code or configuration
     * commented out, whose value is as committed as a live one. Prose around it is not.
     */
    private static boolean isCommentedOut(CharSequence text, int lineStart, int at) {
        int i = afterCommentMarker(text, lineStart, at);
        if (i == lineStart) {
            return false;
        }
        if (startsWith(text, "export ", i) && i + 7 <= at) {
            i += 7;
        }
        for (; i < at; i++) {
            char c = text.charAt(i);
            // An owner's path before the name (config.facebook.key, $this->secret), without a space.
            if (!isNameChar(c) && c != '.' && c != '>' && c != '"' && c != '\'' && c != '[' && c != ']') {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether the name at {@code quote} is the first argument of a call that sets the value it names to the
     * second: PHP's {@code define('DB_PASSWORD', '...')}, {@code props.put("api_token", "...")},
     * {@code System.setProperty(...)}, Python's {@code os.environ.setdefault(...)}, {@code localStorage.setItem(...)}
     * (a quoted name), Sinatra's {@code set :name, '...'} (sinatrarb.com/configuration.html).
     */
    private static boolean isSetterCall(CharSequence text, int quote) {
        int i = quote - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        if (i >= 4 && text.charAt(i) == ':' && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
            int end = i - 1;
            while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
                end--;
            }
            return end >= 3 && regionMatchesFolded(text, end - 3, "set") && (end == 3 || !isNameChar(text.charAt(end - 4)));
        }
        if (quote >= text.length() || text.charAt(quote) != '"' && text.charAt(quote) != '\'') {
            return false;
        }
        if (i < 0 || text.charAt(i) != '(') {
            return false;
        }
        int end = i;
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
            start--;
        }
        return SETTERS.contains(text.subSequence(start, end).toString().toLowerCase(Locale.ROOT));
    }

    /** Returns whether {@code text[from, to)} is blank, as {@code text.substring(from, to).isBlank()} is, without the copy. */
    private static boolean isBlank(CharSequence text, int from, int to) {
        // No supplementary code point is white space, so a char-wise test answers as isBlank's code-point one. It stops
        // at the first other char: a copy of the range cost a minified line's length for each keyword on it.
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@link String#startsWith(String, int)} of a sequence of chars. */
    private static boolean startsWith(CharSequence text, String prefix, int at) {
        if (text instanceof String string) {
            return string.startsWith(prefix, at);
        }
        if (at < 0 || at > text.length() - prefix.length()) {
            return false;
        }
        for (int j = 0; j < prefix.length(); j++) {
            if (text.charAt(at + j) != prefix.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code text.regionMatches(true, at, word, 0, word.length())} of a sequence of chars: a decoded text is
     * asked as a string; the other sequences are ASCII, whose case folds as {@code word}'s (lower case) does.
     */
    private static boolean regionMatchesFolded(CharSequence text, int at, String word) {
        if (text instanceof String string) {
            return string.regionMatches(true, at, word, 0, word.length());
        }
        return at >= 0 && matchesFolded(text, at, word);
    }

    /** Returns whether the string literal opening at {@code quote} is a Python f-string or a C# interpolated one. */
    private static boolean isFormatted(CharSequence text, int quote) {
        if (quote == 0) {
            return false;
        }
        char before = text.charAt(quote - 1);
        return before == 'f' || before == 'F' || before == '$';
    }

    /** Returns the last part of a dotted or arrowed name: {@code this.config.password} gives {@code password}. */
    private static String lastSegment(String key) {
        int cut = Math.max(key.lastIndexOf('.'), Math.max(key.lastIndexOf('>'), key.lastIndexOf('$')));
        return cut >= 0 ? key.substring(cut + 1) : key;
    }

    private static String unescapeXml(String value) {
        return value.strip().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** Returns the base64 {@code value} decoded as text, or null when it is not base64 of text. */
    private static String decode(String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value.strip());
            String plain = new String(bytes, StandardCharsets.UTF_8);
            return plain.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t') ? plain.strip() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds code and scripts that print the environment, or a secret read from it, into a log: the
 * chapter's checklist item "no {@code console.log(env)}". A container's log is read by whoever
 * can run {@code docker logs}, and kept by every log collector.
 *
 * <ul>
 *   <li>{@code env-logged}: a print or log call whose arguments hold the whole environment
 *       ({@code process.env}, {@code os.environ}, {@code System.getenv()}, {@code os.Environ()},
 *       {@code ENV}, {@code $_ENV}) or a secret-like variable read from it
 *       ({@code process.env.JWT_SECRET}, {@code os.getenv("DB_PASSWORD")}).
 *   <li>{@code env-dumped-in-script}: a shell script or a Dockerfile {@code RUN} line that runs
 *       {@code env}, {@code printenv} or {@code export -p}, echoes a secret-like variable, or
 *       traces its commands ({@code set -x}) while it uses a secret-like variable.
 * </ul>
 */
final class LogLeakAnalyzer implements Analyzer {
    static final String CODE_RULE = "env-logged";
    static final String SCRIPT_RULE = "env-dumped-in-script";

    /** The start of a print or log call, up to its opening parenthesis (or a space, for Ruby's puts). */
    private static final Pattern PRINT_CALL = Pattern.compile(
            "\\b(?:console\\.(?:log|info|debug|warn|error|dir|table|trace)|print|pprint|println|printf|"
                    + "(?:logging|logger|log|LOG|LOGGER|logrus|zap|slog|Log|System\\.(?:out|err))\\.\\w+|"
                    + "fmt\\.(?:Print|Println|Printf|Fprint|Fprintln|Fprintf)|print_r|var_dump|var_export|error_log|"
                    + "puts|pp|p)(?:\\(|\\s+(?=ENV\\b))");
    /**
     * The whole environment, in the languages that have one object for it; not where it is asked whether it holds a
     * name ({@code print("HOME" in os.environ)}), which prints a boolean.
     */
    private static final Pattern WHOLE_ENVIRONMENT = Pattern.compile(
            "(?<!\\bin\\s)(?:process\\.env\\s*(?:[,)}]|$)|\\bos\\.environ\\s*(?:[,)}]|\\.items\\(\\)|\\.copy\\(\\)|$))|System\\.getenv\\(\\s*\\)(?!\\s*\\.)"
                    + "|\\bos\\.Environ\\(\\)(?!\\s*\\.)|\\bENV(?:\\.to_h)?\\s*(?:[,)]|$)|\\$_ENV\\s*[,)]|\\$_SERVER\\s*[,)]|getenv\\(\\s*\\)(?!\\s*\\.)");
    /** A variable read from the environment by name; group 1 or 2 is the name. */
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile(
            "process\\.env\\.([A-Za-z_]\\w*)|(?:process\\.env|os\\.environ|ENV|\\$_ENV|\\$_SERVER)\\[\\s*['\"]([A-Za-z_]\\w*)['\"]"
                    + "|(?:getenv|Getenv|os\\.environ\\.get|System\\.getenv|Environment\\.GetEnvironmentVariable|ENV\\.fetch)"
                    + "\\(\\s*['\"]([A-Za-z_]\\w*)['\"]");
    /** A shell command that prints every variable. */
    private static final Pattern SHELL_DUMP = Pattern.compile(
            "(?:^|[;&|]\\s*|\\bthen\\s+|\\bdo\\s+)(env|printenv|export\\s+-p|declare\\s+-p|set)\\s*(?=$|[;&|>]|\\|)");
    private static final Pattern SHELL_ECHO = Pattern.compile(
            "\\b(?:echo|printf)\\b[^;&|\\n]*\\$\\{?([A-Za-z_]\\w*)");
    private static final Pattern PIPE = Pattern.compile("(?<!\\|)\\|(?!\\|)");
    private static final Pattern SHELL_TRACE = Pattern.compile("(?:^|[;&]\\s*)set\\s+(?:-[a-wyz]*x[a-z]*|-o\\s+xtrace)\\b|^#!.*\\s-x\\b");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("(?<!\\\\)\\$\\{?([A-Za-z_]\\w*)");

    /** Words (any case) one of which code that reads the environment holds: the detector's keyword pass finds them. */
    static final List<String> ENVIRONMENT_WORDS = List.of(
            "process.env", "environ", "getenv", "env[", "env.fetch", "$_env", "$_server", "puts env", "p env", "pp env",
            "GetEnvironmentVariable".toLowerCase(Locale.ROOT));

    private final RuleCatalogue catalogue = RuleCatalogue.builtIn();

    /** Returns whether {@code path} is a program whose print calls this analyzer reads. */
    static boolean appliesToCode(String path) {
        String ext = extension(path);
        return switch (ext) {
            case "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "py", "java", "kt", "go", "rb", "php", "cs", "scala",
                    "groovy" -> true;
            default -> false;
        };
    }

    /** Returns whether {@code path} is a shell script or a Dockerfile. */
    static boolean appliesToScript(String path) {
        String ext = extension(path);
        return ext.equals("sh") || ext.equals("bash") || DockerfileAnalyzer.appliesTo(path)
                || path.toLowerCase(Locale.ROOT).contains("entrypoint");
    }

    /**
     * Returns the lower-case extension of {@code path}'s name, "" without one. Only the extension is cut
     * and lower-cased (a scan asks this twice of every file); lower-casing makes no dot and takes none away.
     */
    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        analyze(analysis, KeywordIndex.starts(ENVIRONMENT_WORDS, analysis.file().text()));
    }

    /**
     * Analyses the file given where its {@link #ENVIRONMENT_WORDS} start, in increasing order, as
     * the detector's keyword pass found them: only the lines that hold one are read in code.
     */
    void analyze(FileAnalysis analysis, int[] environmentStarts) {
        SourceFile file = analysis.file();
        if (appliesToCode(file.path())) {
            // Each word's line is found around it, in the bytes of an ASCII file: the file is not decoded for it.
            int last = -1;
            for (int at : environmentStarts) {
                int lineStart = file.lineStartAround(at);
                if (lineStart != last) {
                    last = lineStart;
                    code(analysis, file, at);
                }
            }
        } else {
            script(analysis, file.text(), DockerfileAnalyzer.appliesTo(file.path()));
        }
    }

    /** Reports a print call on the line holding {@code at} whose arguments hold the environment or a secret from it. */
    private void code(FileAnalysis analysis, SourceFile file, int at) {
        CharSequence text = file.chars();
        int lineStart = file.lineStartAround(at);
        int lineEnd = file.lineEndAround(at);
        // A minified line is read only around the word.
        int from = Math.max(lineStart, at - 400);
        int to = Math.min(lineEnd, at + 400);
        Matcher call = PRINT_CALL.matcher(text).region(from, to);
        while (call.find()) {
            String arguments = text.subSequence(call.end(), to).toString();
            Matcher whole = WHOLE_ENVIRONMENT.matcher(arguments);
            if (whole.find()) {
                report(analysis, CODE_RULE, call.start(), null, "prints the whole environment, every secret in it included");
                return;
            }
            Matcher variable = ENVIRONMENT_VARIABLE.matcher(arguments);
            while (variable.find()) {
                String name = firstGroup(variable);
                if (isSecretVariable(name)) {
                    report(analysis, CODE_RULE, call.end() + variable.start(), name, "prints the secret " + name);
                    return;
                }
            }
        }
    }

    private void script(FileAnalysis analysis, String text, boolean dockerfile) {
        String[] lines = text.split("\n", -1);
        // A script traces its secrets if it uses one anywhere; a Dockerfile's RUN only if that RUN uses one.
        boolean scriptUsesSecret = !dockerfile && usesSecret(text);
        SourceFile file = analysis.file();
        for (int n = 0; n < lines.length; n++) {
            String command = lines[n].strip();
            int first = n;
            if (dockerfile) {
                if (!command.regionMatches(true, 0, "RUN ", 0, 4)) {
                    continue;
                }
                // The RUN instruction with its continuation lines is one shell command.
                StringBuilder run = new StringBuilder(command.substring(4));
                while (lines[n].strip().endsWith("\\") && n + 1 < lines.length) {
                    run.setLength(run.length() - 1);
                    run.append(' ').append(lines[++n].strip());
                }
                command = run.toString().strip();
            } else if (command.startsWith("#") && !(n == 0 && command.startsWith("#!"))) {
                continue;
            }
            boolean usesSecret = dockerfile ? usesSecret(command) : scriptUsesSecret;
            int at = file.lineStart(first + 1) + (lines[first].length() - lines[first].stripLeading().length());
            for (String part : dockerfile ? command.split("&&|;|\\|\\|") : new String[] {command}) {
                Matcher dump = SHELL_DUMP.matcher(part.strip());
                if (dump.find() && (usesSecret || !dump.group(1).equals("set"))) {
                    report(analysis, SCRIPT_RULE, at, null, "runs " + dump.group(1) + ", which prints every variable, secrets included, into the log");
                    break;
                }
                Matcher echo = SHELL_ECHO.matcher(part);
                // Echoed into a pipe (echo "$TOKEN" | docker login --password-stdin), the value goes to a command, not the log.
                if (echo.find() && isSecretVariable(echo.group(1)) && !part.contains(">")
                        && !PIPE.matcher(part).region(echo.end(), part.length()).find()) {
                    report(analysis, SCRIPT_RULE, at, echo.group(1), "echoes the secret " + echo.group(1) + " into the log");
                    break;
                }
                if (usesSecret && SHELL_TRACE.matcher(part.strip()).find()) {
                    report(analysis, SCRIPT_RULE, at, null, "traces every command with set -x while it uses secrets, so their values reach the log");
                    break;
                }
            }
        }
    }

    private static boolean usesSecret(String text) {
        Matcher variable = SHELL_VARIABLE.matcher(text);
        while (variable.find()) {
            if (isSecretVariable(variable.group(1))) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether the variable {@code name} holds a secret; the shell's PWD and OLDPWD are the working folder. */
    private static boolean isSecretVariable(String name) {
        return !name.equals("PWD") && !name.equals("OLDPWD") && SecretKeys.isSecret(name);
    }

    private static String firstGroup(Matcher matcher) {
        for (int g = 1; g <= matcher.groupCount(); g++) {
            if (matcher.group(g) != null) {
                return matcher.group(g);
            }
        }
        return "";
    }

    private void report(FileAnalysis analysis, String ruleId, int offset, String key, String what) {
        Rule rule = catalogue.find(ruleId).orElseThrow(() -> new IllegalStateException("no rule " + ruleId));
        Finding.Builder finding = Finding.builder(ruleId, Card.INLINE_SECRET, FindingLocation.of(analysis.file(), offset))
                .severity(rule.severity())
                .message(rule.description() + ": this line " + what + ".")
                .fix(rule.fix());
        if (key != null) {
            finding.key(key);
        }
        analysis.add(finding.build());
    }
}

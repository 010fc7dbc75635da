package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.dockerfile.DockerfileInstruction;
import dev.hush.core.format.dockerfile.DockerfileParser;
import dev.hush.core.format.shell.DockerRunShell;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import dev.hush.core.format.shell.DockerRunShell.Line;
import dev.hush.core.format.shell.DockerRunShell.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code docker run}, {@code docker container run}, {@code docker create} and
 * {@code podman run} command lines in shell scripts, Makefiles, CI files and Dockerfile
 * {@code RUN} instructions (their here-documents included), and reports
 * {@code docker-run-privileged} for {@code --privileged} and {@code docker-run-socket} for a
 * bind mount of the Docker socket ({@code -v /var/run/docker.sock:...},
 * {@code --mount type=bind,source=/var/run/docker.sock,...}).
 *
 * <p>Only the options before the image are read, so {@code docker run alpine echo
 * --privileged} is not a finding; comments are skipped, {@code docker run --help} is not a
 * run, and a quoted word holding a {@code docker run} ({@code sh -c "docker run ..."}, a
 * quoted YAML step) is read as a command. In GitHub workflows, a job container's
 * {@code options:} line is read as {@code docker run} options.
 *
 * <p>Who owns what: on a Dockerfile this analyzer reports only these two rules, from what
 * {@code RUN} commands do; {@link DockerfileAnalyzer} reports the Dockerfile rules, including
 * {@code RUN --security=insecure}, and never looks inside a {@code RUN} command.
 */
final class DockerRunAnalyzer implements Analyzer {
    private static final Set<String> SCRIPT_NAMES = Set.of(
            "makefile", "gnumakefile", ".gitlab-ci.yml", ".gitlab-ci.yaml", "azure-pipelines.yml",
            "azure-pipelines.yaml", "bitbucket-pipelines.yml", "taskfile.yml", "taskfile.yaml", "justfile",
            ".justfile");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "ash", "mksh");
    private static final Set<String> BINARIES = Set.of("docker", "podman", "nerdctl");
    private static final Set<String> GLOBAL_OPTIONS_WITH_VALUE = Set.of(
            "-H", "--host", "-c", "--context", "--config", "-l", "--log-level", "--tlscacert", "--tlscert",
            "--tlskey");
    private static final Set<String> BOOLEAN_OPTIONS = Set.of(
            "--detach", "--interactive", "--tty", "--rm", "--privileged", "--init", "--publish-all", "--read-only",
            "--no-healthcheck", "--oom-kill-disable", "--sig-proxy", "--disable-content-trust", "--quiet", "--help",
            "--use-api-socket", "--replace", "--rmi", "--no-hosts", "--read-only-tmpfs");
    private static final String BOOLEAN_SHORT_OPTIONS = "dtiPq";
    private static final Pattern WORKFLOW_OPTIONS = Pattern.compile("^\\s*options:\\s*(\\S.*)$");
    /** Quoted commands inside quoted commands are read this deep, no deeper. */
    private static final int MAX_DEPTH = 3;

    /** Returns whether {@code path} names a script, Makefile, CI file or Dockerfile to read. */
    static boolean appliesTo(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        return name.endsWith(".sh") || name.endsWith(".bash") || name.endsWith(".zsh") || name.endsWith(".mk")
                || SCRIPT_NAMES.contains(name)
                || name.startsWith("jenkinsfile")
                || isWorkflow(lower)
                || lower.endsWith(".circleci/config.yml") || lower.endsWith(".circleci/config.yaml")
                || DockerfileAnalyzer.appliesTo(path);
    }

    /** Returns whether {@code firstLine} is a shebang naming a POSIX-like shell. */
    static boolean appliesToText(String firstLine) {
        if (!firstLine.startsWith("#!")) {
            return false;
        }
        String[] words = firstLine.substring(2).trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return false;
        }
        String interpreter = words[0].substring(words[0].lastIndexOf('/') + 1);
        if (interpreter.equals("env")) {
            // "#!/usr/bin/env -S bash -e": the first word that is not an option names the program.
            interpreter = Arrays.stream(words).skip(1).filter(w -> !w.startsWith("-")).findFirst().orElse("");
        }
        return SHELLS.contains(interpreter);
    }

    private static boolean isWorkflow(String lowerPath) {
        return (lowerPath.startsWith(".github/workflows/") || lowerPath.contains("/.github/workflows/"))
                && (lowerPath.endsWith(".yml") || lowerPath.endsWith(".yaml"));
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        SourceFile file = analysis.file();
        if (DockerfileAnalyzer.appliesTo(file.path())) {
            analyzeDockerfile(analysis);
            return;
        }
        boolean workflow = isWorkflow(file.path().toLowerCase(Locale.ROOT));
        for (Line line : DockerRunShell.logicalLines(file.text(), 0)) {
            scan(line, analysis, 0);
            if (workflow) {
                scanWorkflowOptions(line, analysis);
            }
        }
    }

    private static void analyzeDockerfile(FileAnalysis analysis) {
        // Dockerfile problems are reported by DockerfileAnalyzer; reporting them here would double them.
        for (DockerfileInstruction instruction : DockerfileParser.parse(analysis.file().text()).instructions()) {
            DockerfileInstruction run = instruction.trigger().orElse(instruction);
            if (!run.keyword().equals("RUN")) {
                continue;
            }
            Optional<List<String>> exec = run.execForm();
            if (exec.isPresent()) {
                scanCommand(execTokens(exec.get(), run.offsetOf(0)), analysis, 0);
            } else {
                int[] offsets = new int[run.arguments().length()];
                for (int i = 0; i < offsets.length; i++) {
                    offsets[i] = run.offsetOf(i);
                }
                scan(new Line(run.arguments(), offsets), analysis, 0);
            }
            for (DockerfileInstruction.Heredoc heredoc : run.heredocs()) {
                for (Line line : DockerRunShell.logicalLines(heredoc.body(), heredoc.bodyStart())) {
                    scan(line, analysis, 0);
                }
            }
        }
    }

    /** Returns the strings of an exec-form RUN as quoted tokens, all reported at {@code offset}. */
    private static List<Token> execTokens(List<String> strings, int offset) {
        List<Token> tokens = new ArrayList<>();
        for (String string : strings) {
            int[] offsets = new int[string.length()];
            Arrays.fill(offsets, offset);
            tokens.add(new Token(string, offsets, offset, true, false));
        }
        return tokens;
    }

    private static void scan(Line line, FileAnalysis analysis, int depth) {
        for (List<Token> command : DockerRunShell.commands(DockerRunShell.tokens(line))) {
            scanCommand(command, analysis, depth);
        }
    }

    private static void scanCommand(List<Token> command, FileAnalysis analysis, int depth) {
        for (int k = 0; k < command.size(); k++) {
            Token token = command.get(k);
            if (isBinary(token.text())) {
                int subcommand = skipGlobalOptions(command, k + 1);
                if (subcommand < command.size() && command.get(subcommand).text().equals("container")) {
                    subcommand++;
                }
                if (subcommand < command.size() && isRun(command.get(subcommand).text())) {
                    report(runOptions(command, subcommand + 1), analysis);
                    k = subcommand;
                }
            } else if (token.quoted() && depth < MAX_DEPTH && mentionsBinary(token.text())) {
                for (Line line : DockerRunShell.logicalLines(token.text(), 0)) {
                    scan(relocate(line, token), analysis, depth + 1);
                }
            }
        }
    }

    /** Returns {@code line}, read from inside {@code token}, with the file offsets of its characters. */
    private static Line relocate(Line line, Token token) {
        int[] offsets = new int[line.offsets().length];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = token.offsets()[line.offsets()[i]];
        }
        return new Line(line.text(), offsets);
    }

    private static boolean isBinary(String word) {
        // Makefile recipes prefix commands with @, - or +.
        String name = word.replaceFirst("^[@+-]+", "");
        return BINARIES.contains(name.substring(name.lastIndexOf('/') + 1)) && !name.endsWith("/");
    }

    private static boolean mentionsBinary(String text) {
        for (String binary : BINARIES) {
            if (text.contains(binary)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRun(String word) {
        return word.equals("run") || word.equals("create");
    }

    private static int skipGlobalOptions(List<Token> command, int index) {
        while (index < command.size() && command.get(index).text().startsWith("-")) {
            boolean takesValue = GLOBAL_OPTIONS_WITH_VALUE.contains(command.get(index).text());
            index += takesValue ? 2 : 1;
        }
        return index;
    }

    /** Names a dangerous option found on a run command. */
    private record Danger(String ruleId, int offset, String detail) {
    }

    /** Returns the dangers among the options starting at {@code index}, or none for {@code --help}. */
    private static List<Danger> runOptions(List<Token> command, int index) {
        List<Danger> dangers = new ArrayList<>();
        for (int i = index; i < command.size(); i++) {
            Token token = command.get(i);
            String word = token.text();
            if (!word.startsWith("-") || word.equals("-") || word.equals("--")) {
                break;
            }
            if (word.startsWith("--")) {
                int equals = word.indexOf('=');
                String name = equals < 0 ? word : word.substring(0, equals);
                String value = equals < 0 ? null : word.substring(equals + 1);
                if (name.equals("--help")) {
                    return List.of();
                }
                if (name.equals("--privileged")) {
                    if (value == null || value.equalsIgnoreCase("true")) {
                        dangers.add(new Danger("docker-run-privileged", token.start(), word));
                    }
                    continue;
                }
                if (value == null && !BOOLEAN_OPTIONS.contains(name) && takesNext(command, i)) {
                    value = command.get(++i).text();
                }
                if (value != null && (name.equals("--volume") && isSocketVolume(value)
                        || name.equals("--mount") && isSocketMount(value))) {
                    dangers.add(new Danger("docker-run-socket", token.start(), name));
                }
                continue;
            }
            for (int c = 1; c < word.length(); c++) {
                char option = word.charAt(c);
                if (BOOLEAN_SHORT_OPTIONS.indexOf(option) >= 0) {
                    continue;
                }
                String value = c + 1 < word.length() ? word.substring(c + 1)
                        : takesNext(command, i) ? command.get(++i).text() : null;
                if (option == 'v' && value != null && isSocketVolume(value)) {
                    dangers.add(new Danger("docker-run-socket", token.start(), "-v"));
                }
                break;
            }
        }
        return dangers;
    }

    /** Returns whether the token after {@code index} is the option's value rather than another option. */
    private static boolean takesNext(List<Token> command, int index) {
        return index + 1 < command.size() && !command.get(index + 1).text().startsWith("-");
    }

    /** Returns whether a {@code -v} value binds the host's Docker socket: {@code /var/run/docker.sock:/x}. */
    static boolean isSocketVolume(String volume) {
        int colon = volume.indexOf(':');
        return colon > 0 && isSocketPath(volume.substring(0, colon));
    }

    /** Returns whether a {@code --mount} value binds the host's Docker socket. */
    static boolean isSocketMount(String mount) {
        boolean socket = false;
        boolean bind = true;
        for (String field : mount.split(",")) {
            int equals = field.indexOf('=');
            String key = (equals < 0 ? field : field.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : field.substring(equals + 1).trim();
            if (key.equals("source") || key.equals("src")) {
                socket = isSocketPath(value);
            } else if (key.equals("type")) {
                bind = value.equalsIgnoreCase("bind");
            }
        }
        return socket && bind;
    }

    /**
     * Returns whether {@code path} is the Docker daemon's socket: {@code /var/run/docker.sock},
     * {@code /run/docker.sock}, or a rootless one such as {@code $XDG_RUNTIME_DIR/docker.sock}.
     */
    static boolean isSocketPath(String path) {
        String trimmed = path.trim().replaceAll("/+$", "");
        return trimmed.equals("docker.sock") || trimmed.endsWith("/docker.sock");
    }

    private static void report(List<Danger> dangers, FileAnalysis analysis) {
        for (Danger danger : dangers) {
            boolean privileged = danger.ruleId().equals("docker-run-privileged");
            analysis.add(Finding.builder(danger.ruleId(), privileged ? Card.PRIVILEGED : Card.DOCKER_SOCKET,
                            FindingLocation.of(analysis.file(), danger.offset()))
                    .severity(Severity.HIGH)
                    .message(privileged
                            ? "docker run " + danger.detail() + " gives the container every capability and every host"
                                    + " device: a root process in it is root on the host"
                            : "docker run " + danger.detail() + " mounts the Docker socket: the container controls the"
                                    + " Docker daemon, which is root on the host")
                    .fix(privileged
                            ? "Drop --privileged; add what the container needs one by one: --cap-drop ALL --cap-add"
                                    + " <CAP>, --device <path>, --security-opt no-new-privileges"
                            : "Do not mount the socket: run docker on the host, use docker context over SSH or TLS,"
                                    + " or a buildx docker-container builder")
                    .build());
        }
    }

    private static void scanWorkflowOptions(Line line, FileAnalysis analysis) {
        Matcher options = WORKFLOW_OPTIONS.matcher(line.text());
        if (!options.matches()) {
            return;
        }
        int from = options.start(1);
        Line rest = new Line(line.text().substring(from), Arrays.copyOfRange(line.offsets(), from, line.offsets().length));
        List<Token> tokens = DockerRunShell.tokens(rest);
        if (tokens.size() == 1 && tokens.get(0).quoted()) {
            tokens = DockerRunShell.tokens(tokens.get(0).asLine());
        }
        report(runOptions(tokens, 0), analysis);
    }
}

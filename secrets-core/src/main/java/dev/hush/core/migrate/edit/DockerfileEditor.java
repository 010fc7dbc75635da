package dev.hush.core.migrate.edit;

import dev.hush.core.format.dockerfile.Dockerfile;
import dev.hush.core.format.dockerfile.DockerfileAssignment;
import dev.hush.core.format.dockerfile.DockerfileInstruction;
import dev.hush.core.format.dockerfile.DockerfileParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a Dockerfile so a build argument that carried a secret becomes a BuildKit build
 * secret: the {@code ARG} goes, each {@code RUN} that reads the variable gets
 * {@code --mount=type=secret,id=<name>,env=<KEY>}, and the {@code # syntax} directive asks for
 * Dockerfile 1.10 or newer, where {@code env=} arrived. It rewrites only the unambiguous case:
 * one stage uses the variable, only in shell-form {@code RUN} lines; anything else is left to
 * the user with the reason.
 */
public final class DockerfileEditor {
    public static final String SYNTAX = "docker/dockerfile:1.10";
    private static final Pattern SYNTAX_LINE = Pattern.compile("^#\\s*syntax\\s*=\\s*(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION = Pattern.compile("(?:docker\\.io/)?docker/dockerfile(?:-upstream)?:(\\d+)(?:\\.(\\d+))?.*");

    private DockerfileEditor() {
    }

    /**
     * The rewritten text's edits, or why there are none.
     *
     * @param edits the edits, empty when refused
     * @param defaults the literal defaults the removed {@code ARG} held
     * @param refusal why the Dockerfile is left alone
     */
    public record Rewrite(List<TextEdit> edits, List<String> defaults, Optional<String> refusal) {
        static Rewrite refused(String why) {
            return new Rewrite(List.of(), List.of(), Optional.of(why));
        }
    }

    /** Returns the edits turning build argument {@code key} of {@code text} into the build secret {@code name}. */
    public static Rewrite buildSecret(String text, String key, String name) {
        Dockerfile view = DockerfileParser.parse(text);
        Pattern use = Pattern.compile("\\$(\\{" + Pattern.quote(key) + "[}:?+\\-]|" + Pattern.quote(key)
                + "(?![A-Za-z0-9_]))");
        List<DockerfileInstruction> instructions = view.instructions();
        DockerfileInstruction arg = null;
        int argStage = -1;
        int stage = -1;
        List<DockerfileInstruction> runs = new ArrayList<>();
        List<Integer> useStages = new ArrayList<>();
        for (DockerfileInstruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                stage++;
                if (use.matcher(instruction.arguments()).find()) {
                    return Rewrite.refused("FROM uses " + key);
                }
                continue;
            }
            boolean declares = instruction.keyword().equals("ARG")
                    && instruction.assignments().stream().anyMatch(a -> a.name().equals(key));
            if (declares) {
                if (arg != null) {
                    return Rewrite.refused("ARG " + key + " is declared more than once (several stages?)");
                }
                arg = instruction;
                argStage = stage;
                continue;
            }
            if (!use.matcher(instruction.arguments()).find()) {
                continue;
            }
            if (!instruction.keyword().equals("RUN") || instruction.execForm().isPresent() || !instruction.heredocs().isEmpty()) {
                return Rewrite.refused(instruction.keyword() + " on line " + instruction.line() + " uses " + key
                        + ", so its value would be baked into the image or used at run time");
            }
            runs.add(instruction);
            useStages.add(stage);
        }
        if (arg == null) {
            return Rewrite.refused("no ARG " + key + " was found");
        }
        if (runs.isEmpty()) {
            return Rewrite.refused("no RUN line uses " + key);
        }
        int declared = argStage;
        if (argStage < 0 || useStages.stream().anyMatch(s -> s != declared)) {
            return Rewrite.refused(key + " is declared before FROM or used in several stages");
        }
        List<TextEdit> edits = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        DockerfileAssignment assignment = arg.assignments().stream().filter(a -> a.name().equals(key)).findFirst().orElseThrow();
        assignment.value().ifPresent(defaults::add);
        YamlText lines = new YamlText(text);
        if (arg.assignments().size() == 1) {
            edits.add(lines.deleteLines(arg.start(), arg.end()));
        } else {
            int end = assignment.valueEnd();
            while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
                end++;
            }
            edits.add(TextEdit.delete(assignment.nameStart(), end));
        }
        for (DockerfileInstruction run : runs) {
            edits.add(TextEdit.insert(run.offsetOf(0), "--mount=type=secret,id=" + name + ",env=" + key + " "));
        }
        Optional<String> syntax = Optional.ofNullable(view.directives().get("syntax"));
        if (syntax.isEmpty()) {
            edits.add(TextEdit.insert(0, "# syntax=" + SYNTAX + "\n"));
        } else {
            Matcher version = VERSION.matcher(syntax.get());
            if (!version.matches()) {
                return Rewrite.refused("the # syntax directive names a frontend hush does not know ("
                        + syntax.get() + "); RUN --mount=type=secret,env= needs docker/dockerfile:1.10 or newer");
            }
            int major = Integer.parseInt(version.group(1));
            boolean old = major < 1 || major == 1 && version.group(2) != null && Integer.parseInt(version.group(2)) < 10;
            if (old) {
                int lineStart = 0;
                while (lineStart < text.length()) {
                    Matcher line = SYNTAX_LINE.matcher(lines.line(lineStart));
                    if (line.find()) {
                        edits.add(new TextEdit(lineStart + line.start(1), line.end(1) - line.start(1), SYNTAX));
                        break;
                    }
                    lineStart = lines.nextLineStart(lineStart);
                }
            }
        }
        return new Rewrite(edits, defaults, Optional.empty());
    }
}

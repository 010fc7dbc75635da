package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.dockerfile.DockerIgnore;
import dev.hush.core.format.dockerfile.Dockerfile;
import dev.hush.core.format.dockerfile.DockerfileInstruction;
import dev.hush.core.format.dockerfile.DockerfileParser;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reports {@code dockerfile-context-secrets}: a Dockerfile that copies its whole build context
 * ({@code COPY . .}, {@code COPY ./ /app}, {@code ADD . /srv}, the exec form too, not
 * {@code --from=} another stage) while the context holds a secrets folder ({@code .secrets/},
 * {@code .hush/} backups) or a key or {@code .env} file that its {@code .dockerignore} does not
 * leave out, so the image keeps them in a layer. The context is the Dockerfile's folder, as
 * for {@code docker build .} and {@code build: .}.
 */
final class BuildContextAnalyzer {
    static final String RULE = "dockerfile-context-secrets";
    /** How many leaked paths a message names before it says "and N more". */
    private static final int NAMED = 3;

    private BuildContextAnalyzer() {
    }

    /**
     * Returns the findings of {@code dockerfile}.
     *
     * @param ignore the context's docker-ignore rules
     * @param secrets context-relative secret folders (ending with {@code /}) and secret files in the context
     */
    static List<Finding> analyze(SourceFile dockerfile, DockerIgnore ignore, List<String> secrets) {
        List<String> leaked = new ArrayList<>();
        for (String secret : secrets) {
            boolean folder = secret.endsWith("/");
            String path = folder ? secret.substring(0, secret.length() - 1) : secret;
            if (!(folder ? ignore.excludesAllOf(path) : ignore.excludes(path))) {
                leaked.add(secret);
            }
        }
        List<Finding> findings = new ArrayList<>();
        if (leaked.isEmpty()) {
            return findings;
        }
        Dockerfile parsed = DockerfileParser.parse(dockerfile.text());
        for (DockerfileInstruction instruction : parsed.instructions()) {
            DockerfileInstruction checked = instruction.trigger().orElse(instruction);
            Optional<Integer> offset = wholesaleSource(checked);
            if (offset.isEmpty()) {
                continue;
            }
            String named = String.join(", ", leaked.subList(0, Math.min(NAMED, leaked.size())))
                    + (leaked.size() > NAMED ? " and " + (leaked.size() - NAMED) + " more" : "");
            findings.add(Finding.builder(RULE, Card.TRACKED_SECRET_FILE, FindingLocation.of(dockerfile, offset.get()))
                    .severity(Severity.HIGH)
                    .message(checked.keyword() + " copies the whole build context into the image, and " + named
                            + " in it " + (leaked.size() == 1 ? "is" : "are") + " not in .dockerignore: every layer"
                            + " and every copy of the image keeps " + (leaked.size() == 1 ? "it" : "them"))
                    .fix("Add " + String.join(", ", leaked) + " to the context's .dockerignore (hush migrate does),"
                            + " or copy only what the image needs")
                    .build());
        }
        return findings;
    }

    /** Returns the offset of a source that is the whole context, for a COPY or ADD from the context. */
    private static Optional<Integer> wholesaleSource(DockerfileInstruction instruction) {
        if (!instruction.keyword().equals("COPY") && !instruction.keyword().equals("ADD")) {
            return Optional.empty();
        }
        if (instruction.flags().stream().anyMatch(flag -> flag.text().startsWith("--from"))) {
            return Optional.empty();
        }
        Optional<List<String>> exec = instruction.execForm();
        if (exec.isPresent()) {
            List<String> strings = exec.get();
            for (int i = 0; i < strings.size() - 1; i++) {
                if (isWholeContext(strings.get(i))) {
                    return Optional.of(instruction.offsetOf(0));
                }
            }
            return Optional.empty();
        }
        List<DockerfileInstruction.Word> words = instruction.words();
        for (int i = instruction.flags().size(); i < words.size() - 1; i++) {
            if (isWholeContext(words.get(i).text())) {
                return Optional.of(words.get(i).start());
            }
        }
        return Optional.empty();
    }

    /** Returns whether a COPY source names the context root: {@code .}, {@code ./}, {@code /}, {@code ./.}. */
    private static boolean isWholeContext(String source) {
        return source.replace('\\', '/').replaceAll("(^|/)\\.(?=/|$)", "").replace("/", "").isEmpty();
    }
}

package dev.hush.core.detect;

import dev.hush.core.rules.RuleIds;
import dev.hush.core.format.dockerfile.Dockerfile;
import dev.hush.core.format.dockerfile.DockerfileAssignment;
import dev.hush.core.format.dockerfile.DockerfileInstruction;
import dev.hush.core.format.dockerfile.DockerfileParser;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what a Dockerfile bakes into its image or lets its build do.
 *
 * <ul>
 *   <li>{@code dockerfile-env-secret}: {@code ENV} of a secret-like name with a literal value
 *       ({@code ENV A=b}, {@code ENV A="b c" B=d}, legacy {@code ENV A b}).
 *   <li>{@code dockerfile-arg-secret}: {@code ARG} of a secret-like name with a literal default.
 *       An {@code ARG} without default is a build argument from outside and is fine.
 *   <li>{@code dockerfile-copy-secret-file}: {@code COPY}/{@code ADD} of a key, credentials or
 *       {@code .env} file. {@code COPY . .} is not reported here: what the build context holds is
 *       the {@code .dockerignore}'s business.
 *   <li>{@code dockerfile-run-insecure}: {@code RUN --security=insecure}.
 * </ul>
 *
 * <p>Secret-like names and connection-string names with a literal password in their URL
 * ({@code ENV DATABASE_URL=postgres://app:pw@db/app}) are read as in dotenv files, by
 * {@link DotenvAnalyzer#literalSecret}. A value made only of references ({@code $VAR},
 * {@code ${VAR}}) is not a literal;
 * {@code ${VAR:-literal}} writes its default into the file and is one. A weak word such as
 * {@code changeme} is reported with low severity; a template ({@code your-api-key-here},
 * {@code FAKE_TO_GENERATE_WARNING_OUTPUT}) is no secret. {@code ONBUILD} triggers are checked like instructions.
 *
 * <p>Who owns what: this analyzer reports only the rules above. A {@code docker run
 * --privileged} or a {@code -v /var/run/docker.sock} inside a {@code RUN} line or a
 * {@code RUN} here-document is reported by {@link DockerRunAnalyzer}, which the engine also
 * runs on Dockerfiles; this analyzer never looks at what a {@code RUN} command does.
 */
final class DockerfileAnalyzer implements Analyzer {
    private static final Set<String> SECRET_FILE_NAMES = Set.of(
            "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".npmrc", ".pypirc", ".netrc", ".git-credentials",
            "credentials.json", ".htpasswd");
    private static final List<String> SECRET_FILE_ENDINGS = List.of(".pem", ".key", ".p12", ".pfx");
    private static final Set<String> SECRET_FOLDERS = Set.of(".aws", ".ssh", ".gnupg");
    /** Words in a key or certificate file name that say it is public: {@code ca.pem}, {@code apt.key}. */
    private static final Set<String> PUBLIC_WORDS = Set.of(
            "CA", "CACERT", "CERT", "CERTS", "CERTIFICATE", "CHAIN", "FULLCHAIN", "BUNDLE", "PUB", "PUBLIC", "ROOT",
            "GPG", "APT", "KEYRING", "ARMOR", "ASC");

    /**
     * Returns whether {@code path} names a Dockerfile or Containerfile, in any case. A scan asks it
     * of every file, several times (the analyzers' choice, the build contexts): an ASCII name is
     * compared in place, where cutting and lower-casing it cost two copies each time.
     */
    static boolean appliesTo(String path) {
        int start = path.lastIndexOf('/') + 1;
        for (int i = start; i < path.length(); i++) {
            if (path.charAt(i) >= 0x80) {
                // Lower-casing a name that is not ASCII may change its length or make ASCII of it (the Kelvin
                // sign), which a comparison ignoring case does not follow (it takes a dotless i for an i).
                return namesDockerfile(path.substring(start).toLowerCase(Locale.ROOT), 0, false);
            }
        }
        return namesDockerfile(path, start, true);
    }

    /** Returns whether the name that starts at {@code start} of {@code path} is a Dockerfile's. */
    private static boolean namesDockerfile(String path, int start, boolean ignoreCase) {
        int length = path.length() - start;
        return length == 10 && starts(path, start, "dockerfile", ignoreCase)
                || length == 13 && starts(path, start, "containerfile", ignoreCase)
                || starts(path, start, "dockerfile.", ignoreCase) || ends(path, start, ".dockerfile", ignoreCase)
                || starts(path, start, "containerfile.", ignoreCase) || ends(path, start, ".containerfile", ignoreCase);
    }

    private static boolean starts(String path, int start, String prefix, boolean ignoreCase) {
        return path.regionMatches(ignoreCase, start, prefix, 0, prefix.length());
    }

    private static boolean ends(String path, int start, String suffix, boolean ignoreCase) {
        int from = path.length() - suffix.length();
        return from >= start && path.regionMatches(ignoreCase, from, suffix, 0, suffix.length());
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        Dockerfile dockerfile = DockerfileParser.parse(analysis.file().text());
        for (Dockerfile.Problem problem : dockerfile.problems()) {
            analysis.error(problem.line(), problem.message());
        }
        for (DockerfileInstruction instruction : dockerfile.instructions()) {
            check(instruction.trigger().orElse(instruction), analysis);
        }
    }

    private static void check(DockerfileInstruction instruction, FileAnalysis analysis) {
        switch (instruction.keyword()) {
            case "ENV", "ARG" -> checkAssignments(instruction, analysis);
            case "COPY", "ADD" -> checkCopy(instruction, analysis);
            case "RUN" -> checkRunFlags(instruction, analysis);
            default -> {
                // Other instructions cannot carry one of these dangers.
            }
        }
    }

    private static void checkAssignments(DockerfileInstruction instruction, FileAnalysis analysis) {
        boolean env = instruction.keyword().equals("ENV");
        for (DockerfileAssignment assignment : instruction.assignments()) {
            if (assignment.value().isEmpty()) {
                continue;
            }
            Optional<DotenvAnalyzer.Literal> literal =
                    DotenvAnalyzer.literalSecret(assignment.name(), assignment.value().get(), !assignment.literal());
            if (literal.isEmpty()) {
                continue;
            }
            boolean placeholder = literal.get().placeholder();
            String name = assignment.name();
            String secretName = name.toLowerCase(Locale.ROOT);
            analysis.add(Finding.builder(env ? RuleIds.DOCKERFILE_ENV_SECRET : RuleIds.DOCKERFILE_ARG_SECRET, Card.INLINE_SECRET,
                            FindingLocation.of(analysis.file(), assignment.nameStart()))
                    .severity(placeholder ? Severity.LOW : Severity.HIGH)
                    .key(name)
                    .secret(literal.get().secret())
                    .message(env
                            ? "ENV " + name + " holds a literal " + (placeholder ? "placeholder for a secret" : "secret")
                                    + "; ENV values are baked into every image layer and shown by docker history"
                                    + " and docker inspect"
                            : "ARG " + name + " has a literal " + (placeholder ? "placeholder for a secret" : "secret")
                                    + " as default; build argument values stay visible in docker history")
                    .fix(env
                            ? "Remove the ENV; read the secret at build time with RUN --mount=type=secret,id="
                                    + secretName + ",env=" + name + " or at run time from /run/secrets/" + secretName
                            : "Remove the default and use a build secret: RUN --mount=type=secret,id=" + secretName
                                    + ",env=" + name + " with build.secrets in compose")
                    .build());
        }
    }

    private static void checkCopy(DockerfileInstruction instruction, FileAnalysis analysis) {
        List<Source> sources = sources(instruction);
        for (Source source : sources) {
            if (!isSecretFile(source.path())) {
                continue;
            }
            String file = source.path().replaceAll("/+$", "");
            String id = file.substring(file.lastIndexOf('/') + 1).replaceAll("^\\.+", "").replaceAll("[^A-Za-z0-9]+", "_")
                    .toLowerCase(Locale.ROOT);
            analysis.add(Finding.builder("dockerfile-copy-secret-file", Card.INLINE_SECRET,
                            FindingLocation.of(analysis.file(), source.offset()))
                    .severity(Severity.HIGH)
                    .message(instruction.keyword() + " puts " + file + " into the image, where every layer and"
                            + " every copy of the image keeps it")
                    .fix("Mount it only for the step that needs it: RUN --mount=type=secret,id=" + id
                            + ",target=<path> ..., and add " + file + " to .dockerignore")
                    .build());
        }
    }

    /** Names one source of a COPY or ADD with the offset to report it at. */
    private record Source(String path, int offset) {
    }

    private static List<Source> sources(DockerfileInstruction instruction) {
        List<Source> sources = new ArrayList<>();
        Optional<List<String>> exec = instruction.execForm();
        if (exec.isPresent()) {
            List<String> strings = exec.get();
            for (int i = 0; i < strings.size() - 1; i++) {
                sources.add(new Source(strings.get(i), instruction.offsetOf(0)));
            }
            return sources;
        }
        List<DockerfileInstruction.Word> words = instruction.words();
        int first = instruction.flags().size();
        for (int i = first; i < words.size() - 1; i++) {
            sources.add(new Source(words.get(i).text(), words.get(i).start()));
        }
        return sources;
    }

    /** Returns whether a COPY source names a file that holds keys or credentials. */
    static boolean isSecretFile(String source) {
        String path = source.replace('\\', '/');
        if (path.contains("://") || path.startsWith("git@")) {
            // ADD of a URL downloads public files such as a repository's signing key.
            return false;
        }
        String trimmed = path.replaceAll("/+$", "");
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        if (name.endsWith(".pub") || name.equals("known_hosts")) {
            return false;
        }
        for (String segment : lower.split("/")) {
            if (SECRET_FOLDERS.contains(segment)) {
                return true;
            }
        }
        if (lower.endsWith(".docker/config.json") || SECRET_FILE_NAMES.contains(name)) {
            return true;
        }
        if (name.equals(".env") || name.startsWith(".env.") && !DotenvAnalyzer.isExample(name)) {
            return true;
        }
        for (String ending : SECRET_FILE_ENDINGS) {
            if (name.endsWith(ending)) {
                return SecretKeys.words(name.substring(0, name.length() - ending.length())).stream()
                        .noneMatch(PUBLIC_WORDS::contains);
            }
        }
        return false;
    }

    private static void checkRunFlags(DockerfileInstruction instruction, FileAnalysis analysis) {
        for (DockerfileInstruction.Word flag : instruction.flags()) {
            if (!flag.text().equals("--security=insecure")) {
                continue;
            }
            analysis.add(Finding.builder("dockerfile-run-insecure", Card.PRIVILEGED,
                            FindingLocation.of(analysis.file(), flag.start()))
                    .severity(Severity.HIGH)
                    .message("RUN --security=insecure runs this build step without the sandbox, like a privileged"
                            + " container with the security.insecure entitlement")
                    .fix("Drop --security=insecure; if the step needs a device or a capability, do that work"
                            + " outside the build or in a container with only that capability")
                    .build());
        }
    }
}

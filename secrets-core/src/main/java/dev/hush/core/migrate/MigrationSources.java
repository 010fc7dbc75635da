package dev.hush.core.migrate;

import dev.hush.core.detect.ComposeAnalyzer;
import dev.hush.core.detect.DotenvAnalyzer;
import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.compose.Interpolation;
import dev.hush.core.format.dockerfile.Dockerfile;
import dev.hush.core.format.dockerfile.DockerfileAssignment;
import dev.hush.core.format.dockerfile.DockerfileInstruction;
import dev.hush.core.format.dockerfile.DockerfileParser;
import dev.hush.core.format.dotenv.DotenvEntry;
import dev.hush.core.format.dotenv.DotenvParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Exposes, read-only, what the migration planner needs of the scanner's parsers: the compose
 * model with the text position of every node it edits, dotenv entries and Dockerfile
 * instructions with their offsets, and the scanner's own answers to "is this a literal?",
 * so that migrate moves exactly what scan reports. Offsets count characters of the text
 * without a byte order mark; ends are exclusive. The parsers themselves stay package-private.
 */
public final class MigrationSources {
    private MigrationSources() {
    }

    // ---------------------------------------------------------------- compose

    /**
     * Returns the compose model of {@code text}, the file at {@code path} (relative to the
     * project root); a file that is not compose gives a model without documents.
     */
    public static Compose compose(String path, String text) {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(text, "text == null");
        ComposeFile file = ComposeFile.parse(new SourceFile(path, text));
        List<String> problems = file.problems().stream()
                .map(problem -> (problem.line() > 0 ? "line " + problem.line() + ": " : "") + problem.message())
                .toList();
        return new Compose(file.documents().stream().map(MigrationSources::document).toList(), problems);
    }

    /**
     * A parsed compose file.
     *
     * @param documents the documents with a {@code services} map
     * @param problems what kept the file from being read fully, never quoting a value
     */
    public record Compose(List<Document> documents, List<String> problems) {
        /** Copies the lists. */
        public Compose {
            documents = List.copyOf(documents);
            problems = List.copyOf(problems);
        }
    }

    /**
     * A range of a text.
     *
     * @param start the first character's offset
     * @param end the offset after the last character
     */
    public record Span(int start, int end) {
    }

    /**
     * A scalar as YAML reads it.
     *
     * @param text the value after unquoting
     * @param span where it is written, quotes included
     * @param contentStart where {@code text} is written character for character, or -1 when escapes or folding differ
     * @param quoted whether it is quoted or a block scalar
     */
    public record Scalar(String text, Span span, int contentStart, boolean quoted) {
    }

    /**
     * Where an entry is written, seen from the service that uses it.
     *
     * @param home the service or top-level key (such as an {@code x-} extension) the text is in
     * @param homeIsService whether {@code home} is a service
     * @param inherited whether the service got the entry through an alias or a merge
     * @param anchor the innermost anchor around the entry, when inherited
     */
    public record Origin(String home, boolean homeIsService, boolean inherited, Optional<String> anchor) {
    }

    /**
     * An {@code environment} entry or a build arg.
     *
     * @param name the variable
     * @param key where the name is written
     * @param value the value, empty when taken from the shell
     * @param listForm whether written {@code - KEY=value} rather than {@code KEY: value}
     * @param entry the whole entry: the list item, or the key through the end of the value
     * @param origin where it is written
     */
    public record Variable(String name, Scalar key, Optional<Scalar> value, boolean listForm, Span entry,
            Origin origin) {
    }

    /**
     * A block such as {@code environment:} or {@code secrets:}.
     *
     * @param key where the key is written
     * @param value where the value is written
     * @param flow whether the value is written in flow style
     * @param origin where it is written
     */
    public record Block(Span key, Span value, boolean flow, Origin origin) {
    }

    /**
     * An entry of a {@code secrets} list.
     *
     * @param source the secret's name
     * @param longSyntax whether written as {@code - source: name}
     * @param entry the whole entry
     * @param origin where it is written
     */
    public record SecretUse(String source, boolean longSyntax, Span entry, Origin origin) {
    }

    /**
     * A top-level secret.
     *
     * @param name its name
     * @param key where the name is written
     * @param file its {@code file:}, when given
     */
    public record SecretDefinition(String name, Span key, Optional<String> file) {
    }

    /**
     * A scalar setting such as {@code privileged}.
     *
     * @param value the value as written
     * @param origin where it is written
     */
    public record Setting(Scalar value, Origin origin) {
    }

    /**
     * A service's {@code build}.
     *
     * @param block the {@code build} key and value
     * @param context the context folder as written, relative to the compose file
     * @param dockerfile the {@code dockerfile} as written, relative to the context
     * @param secrets its {@code build.secrets}
     * @param secretsBlock the {@code build.secrets} block
     */
    public record Build(Block block, Optional<Scalar> context, Optional<Scalar> dockerfile, List<SecretUse> secrets,
            Optional<Block> secretsBlock) {
        /** Copies the list. */
        public Build {
            secrets = List.copyOf(secrets);
        }
    }

    /**
     * One service.
     *
     * @param name its name
     * @param key where the name is written
     * @param body where its map is written
     * @param image its {@code image}
     * @param environment its {@code environment} entries
     * @param environmentBlock its {@code environment} block
     * @param buildArgs its {@code build.args} entries
     * @param buildArgsBlock its {@code build.args} block
     * @param build its {@code build}
     * @param privileged its {@code privileged} setting
     * @param socketMounts its volumes that mount the Docker socket, by their source
     * @param envFiles the paths of its {@code env_file} entries as written
     * @param secrets its {@code secrets}
     * @param secretsBlock its {@code secrets} block
     */
    public record Service(String name, Span key, Span body, Optional<Scalar> image, List<Variable> environment,
            Optional<Block> environmentBlock, List<Variable> buildArgs, Optional<Block> buildArgsBlock,
            Optional<Build> build, Optional<Setting> privileged, List<Setting> socketMounts, List<Scalar> envFiles,
            List<SecretUse> secrets, Optional<Block> secretsBlock) {
        /** Copies the lists. */
        public Service {
            environment = List.copyOf(environment);
            buildArgs = List.copyOf(buildArgs);
            socketMounts = List.copyOf(socketMounts);
            envFiles = List.copyOf(envFiles);
            secrets = List.copyOf(secrets);
        }
    }

    /**
     * A document with a {@code services} map.
     *
     * @param root where its top-level map is written
     * @param services its services
     * @param secrets its top-level secrets
     * @param secretsBlock its top-level {@code secrets} block
     */
    public record Document(Span root, List<Service> services, List<SecretDefinition> secrets,
            Optional<Block> secretsBlock) {
        /** Copies the lists. */
        public Document {
            services = List.copyOf(services);
            secrets = List.copyOf(secrets);
        }
    }

    /**
     * A value that is one variable reference and nothing else: {@code $VAR}, {@code ${VAR}},
     * {@code ${VAR:-default}}.
     *
     * @param variable the variable
     * @param literalDefault the default used when the variable is unset, when it is a literal
     * @param hasOtherArgument whether the reference has an argument that is not a literal default
     */
    public record Reference(String variable, Optional<String> literalDefault, boolean hasOtherArgument) {
    }

    /** Returns {@code value} when it holds no variable reference, with {@code $$} read as {@code $}. */
    public static Optional<String> literal(String value) {
        Interpolation.Expansion expansion = Interpolation.unset(value);
        if (!expansion.isLiteral() || expansion.usesDefault()) {
            return Optional.empty();
        }
        return Optional.of(expansion.text());
    }

    /** Returns the reference {@code value} consists of, when it is exactly one reference. */
    public static Optional<Reference> soleReference(String value) {
        List<Interpolation.Part> parts = Interpolation.parse(value);
        if (parts.size() != 1 || !(parts.get(0) instanceof Interpolation.Reference reference)) {
            return Optional.empty();
        }
        Optional<String> literalDefault = Optional.empty();
        boolean other = false;
        if (reference.hasDefault()) {
            StringBuilder text = new StringBuilder();
            for (Interpolation.Part part : reference.argument()) {
                if (part instanceof Interpolation.Literal literal) {
                    text.append(literal.text());
                } else {
                    other = true;
                }
            }
            if (!other) {
                literalDefault = Optional.of(text.toString());
            }
        } else if (!reference.argument().isEmpty()) {
            other = true;
        }
        return Optional.of(new Reference(reference.variable(), literalDefault, other));
    }

    /**
     * Returns {@code relative}, written in the compose file at {@code composePath}, as a path
     * relative to the project root; empty when it is absolute or leaves the root.
     */
    public static Optional<String> resolve(String composePath, String relative) {
        return ComposeAnalyzer.resolve(composePath, relative);
    }

    /** Returns whether {@code name} is a file name Docker Compose loads by convention. */
    public static boolean isComposeName(String name) {
        return ComposeFile.isComposeName(name);
    }

    private static Document document(ComposeFile.Document document) {
        return new Document(span(document.root()), document.services().stream().map(MigrationSources::service).toList(),
                document.secrets().stream()
                        .map(secret -> new SecretDefinition(secret.name(), span(secret.key()), secret.file()))
                        .toList(),
                document.secretsBlock().map(MigrationSources::block));
    }

    private static Service service(ComposeFile.Service service) {
        List<Setting> sockets = new ArrayList<>();
        for (ComposeFile.Volume volume : service.volumes()) {
            if (volume.source().isPresent()
                    && ComposeAnalyzer.isDockerSocket(Interpolation.unset(volume.source().get().text()).text())) {
                sockets.add(new Setting(scalar(volume.source().get()), origin(volume.origin())));
            }
        }
        return new Service(service.name(), span(service.key()), span(service.body()),
                service.image().map(MigrationSources::scalar),
                service.environment().stream().map(MigrationSources::variable).toList(),
                service.environmentBlock().map(MigrationSources::block),
                service.buildArgs().stream().map(MigrationSources::variable).toList(),
                service.buildArgsBlock().map(MigrationSources::block),
                service.build().map(build -> new Build(block(build.block()), build.context().map(MigrationSources::scalar),
                        build.dockerfile().map(MigrationSources::scalar),
                        build.secrets().stream().map(MigrationSources::secretUse).toList(),
                        build.secretsBlock().map(MigrationSources::block))),
                service.privileged().map(setting -> new Setting(scalar(setting.value()), origin(setting.origin()))),
                sockets,
                service.envFiles().stream().map(envFile -> scalar(envFile.path())).toList(),
                service.secrets().stream().map(MigrationSources::secretUse).toList(),
                service.secretsBlock().map(MigrationSources::block));
    }

    private static Variable variable(ComposeFile.Variable variable) {
        return new Variable(variable.name(), scalar(variable.key()), variable.value().map(MigrationSources::scalar),
                variable.form() == ComposeFile.Form.LIST, span(variable.entry()), origin(variable.origin()));
    }

    private static SecretUse secretUse(ComposeFile.SecretUse use) {
        return new SecretUse(use.source(), use.longSyntax(), span(use.entry()), origin(use.origin()));
    }

    private static Block block(ComposeFile.Block block) {
        return new Block(span(block.key()), span(block.value()), block.flow(), origin(block.origin()));
    }

    private static Scalar scalar(ComposeFile.Scalar scalar) {
        return new Scalar(scalar.text(), span(scalar.span()), scalar.contentStart(), scalar.quoted());
    }

    private static Origin origin(ComposeFile.Origin origin) {
        return new Origin(origin.home(), origin.homeIsService(), origin.inherited(), origin.anchor());
    }

    private static Span span(ComposeFile.Span span) {
        return new Span(span.start(), span.end());
    }

    // ---------------------------------------------------------------- dotenv

    /**
     * One {@code KEY=value} line of a dotenv file.
     *
     * @param key the variable
     * @param value the value after quotes and escapes; empty for a bare {@code KEY}
     * @param interpolated whether compose expands references in it (not single-quoted)
     * @param start where the statement starts, at {@code export} when there is one
     * @param end where the statement ends, before an inline comment
     * @param keyStart where the key starts
     * @param valueStart where the written value starts
     * @param valueEnd where the written value ends
     * @param secret the secret the scanner sees in it: the value, or a whole connection URL; empty for none
     */
    public record DotenvEntry(String key, Optional<String> value, boolean interpolated, int start, int end, int keyStart,
            int valueStart, int valueEnd, Optional<String> secret) {
    }

    /** Returns the entries of the dotenv {@code text}, in file order. */
    public static List<DotenvEntry> dotenv(String text) {
        Objects.requireNonNull(text, "text == null");
        List<DotenvEntry> entries = new ArrayList<>();
        for (dev.hush.core.format.dotenv.DotenvEntry entry : DotenvParser.parse(text).entries()) {
            Optional<String> secret = entry.value().flatMap(value ->
                    DotenvAnalyzer.literalSecret(entry.key(), value, entry.interpolated()))
                    .map(DotenvAnalyzer.Literal::secret);
            entries.add(new DotenvEntry(entry.key(), entry.value(), entry.interpolated(), entry.start(), entry.end(),
                    entry.keyStart(), entry.valueStart(), entry.valueEnd(), secret));
        }
        return entries;
    }

    /** Returns whether {@code path} names an example dotenv file such as {@code .env.example}. */
    public static boolean isExampleDotenv(String path) {
        return DotenvAnalyzer.isExample(path);
    }

    // ---------------------------------------------------------------- Dockerfile

    /**
     * A parsed Dockerfile.
     *
     * @param directives the parser directives at the top, by lower-case name
     * @param instructions its instructions in order
     */
    public record DockerfileView(Map<String, String> directives, List<Instruction> instructions) {
        /** Copies the parts. */
        public DockerfileView {
            directives = Map.copyOf(directives);
            instructions = List.copyOf(instructions);
        }
    }

    /**
     * One Dockerfile instruction.
     *
     * @param keyword the keyword in upper case
     * @param line its 1-based first line
     * @param start where it starts
     * @param end where it ends, after continuations and here-documents
     * @param argumentsStart where its arguments start
     * @param arguments the arguments with continuations joined
     * @param execForm whether the arguments are a JSON array
     * @param hasHeredoc whether here-documents follow it
     * @param assignments the {@code NAME=value} of an {@code ENV} or {@code ARG}
     */
    public record Instruction(String keyword, int line, int start, int end, int argumentsStart, String arguments,
            boolean execForm, boolean hasHeredoc, List<Assignment> assignments) {
        /** Copies the list. */
        public Instruction {
            assignments = List.copyOf(assignments);
        }
    }

    /**
     * One {@code NAME=value} of an {@code ENV} or {@code ARG}.
     *
     * @param name the variable
     * @param value the value, empty for an {@code ARG} without default
     * @param nameStart where the name starts
     * @param valueEnd where the written value ends
     * @param secret the secret the scanner sees in it, empty for none
     */
    public record Assignment(String name, Optional<String> value, int nameStart, int valueEnd, Optional<String> secret) {
    }

    /** Returns the Dockerfile {@code text} parsed as BuildKit reads it. */
    public static DockerfileView dockerfile(String text) {
        Dockerfile dockerfile = DockerfileParser.parse(Objects.requireNonNull(text, "text == null"));
        List<Instruction> instructions = new ArrayList<>();
        for (DockerfileInstruction instruction : dockerfile.instructions()) {
            List<Assignment> assignments = new ArrayList<>();
            for (DockerfileAssignment assignment : instruction.assignments()) {
                Optional<String> secret = assignment.value().flatMap(value ->
                        DotenvAnalyzer.literalSecret(assignment.name(), value, !assignment.literal()))
                        .map(DotenvAnalyzer.Literal::secret);
                assignments.add(new Assignment(assignment.name(), assignment.value(), assignment.nameStart(),
                        assignment.valueEnd(), secret));
            }
            instructions.add(new Instruction(instruction.keyword(), instruction.line(), instruction.start(),
                    instruction.end(), instruction.offsetOf(0), instruction.arguments(),
                    instruction.execForm().isPresent(), !instruction.heredocs().isEmpty(), assignments));
        }
        return new DockerfileView(dockerfile.directives(), instructions);
    }
}

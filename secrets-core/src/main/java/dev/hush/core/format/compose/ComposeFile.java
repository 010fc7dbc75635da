package dev.hush.core.format.compose;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.yaml.YamlProblems;
import java.util.Deque;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Holds what a compose file says about its services, parsed from YAML with the position of
 * every value: environment entries, build args, volumes, {@code env_file}, secrets and the
 * settings that grant privileges. The analyzer turns it into findings; the migration edits
 * the file's text at these positions, so nothing is ever re-serialized.
 *
 * <p>Entries that a service gets through an alias or a {@code <<} merge keep the position of
 * the anchored definition, and their {@link Origin} says where that is and which anchor led
 * there. Parsing never throws: malformed YAML, duplicate keys and exceeded limits become
 * {@link Problem}s.
 */
public final class ComposeFile {
    /**
     * Entries read into the model per file: aliased services each get their own copy of
     * what they share, so a few hundred aliases of one huge service would multiply it.
     */
    public static final int MAX_ENTRIES = 100_000;

    private static final Pattern COMPOSE_NAME =
            Pattern.compile("(docker-)?compose([.\\-_][^/]*)?\\.ya?ml", Pattern.CASE_INSENSITIVE);

    private final SourceFile source;
    private final List<Document> documents;
    private final List<Problem> problems;

    private ComposeFile(SourceFile source, List<Document> documents, List<Problem> problems) {
        this.source = source;
        this.documents = List.copyOf(documents);
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns whether {@code name} is one that Docker Compose loads by convention:
     * {@code compose.yaml}, {@code docker-compose.yml}, {@code compose.prod.yaml}, ...
     */
    public static boolean isComposeName(String name) {
        return COMPOSE_NAME.matcher(name).matches();
    }

    /**
     * Parses {@code file}. A file with a compose name must be a mapping with a {@code services}
     * map, or a problem says why not; any other file is simply not compose when it is not one.
     */
    public static ComposeFile parse(SourceFile file) {
        Objects.requireNonNull(file, "file == null");
        return new Reader(file, isComposeName(file.name())).read();
    }

    /** Returns the file that was parsed. */
    SourceFile source() {
        return source;
    }

    /** Returns the documents that have a top-level {@code services} map, in file order. */
    public List<Document> documents() {
        return documents;
    }

    /** Returns the services of every document, in file order. */
    public List<Service> services() {
        return documents.stream().flatMap(document -> document.services().stream()).toList();
    }

    /** Returns what kept the file from being read fully; empty for a well-formed file. */
    public List<Problem> problems() {
        return problems;
    }

    /** Returns whether any document of the file is a compose project. */
    boolean isCompose() {
        return !documents.isEmpty();
    }

    /**
     * A range of the file's text.
     *
     * @param start offset of the first character, in chars of {@link SourceFile#text()}
     * @param end offset just after the last character
     * @param line 1-based line of {@code start}
     * @param column 1-based column of {@code start}
     */
    public record Span(int start, int end, int line, int column) {
        /** Returns whether {@code offset} lies in this span. */
        boolean contains(int offset) {
            return offset >= start && offset < end;
        }
    }

    /**
     * A scalar as YAML reads it, with where it is written.
     *
     * @param text the value after YAML unquoting and folding
     * @param span where the scalar is written, quotes included
     * @param contentStart offset where {@code text} is written character for character, or
     *     {@code -1} when escapes, folding or a block style make the text differ from the source
     * @param quoted whether the scalar is quoted or a block scalar
     */
    public record Scalar(String text, Span span, int contentStart, boolean quoted) {
        /** Returns the file offset of character {@code index} of the text, or the scalar's start when unknown. */
        public int offsetOf(int index) {
            return contentStart >= 0 ? contentStart + index : span.start();
        }
    }

    /**
     * Tells where an entry is defined, as seen from the service that uses it.
     *
     * @param home the service the entry is written in, or the top-level key (such as an
     *     {@code x-} extension) that holds it
     * @param homeIsService whether {@code home} is a service name
     * @param inherited whether the service got the entry through an alias or a merge, so that
     *     its text is in {@code home}, not in the service
     * @param anchor the innermost anchor around the entry's definition, when inherited
     */
    public record Origin(String home, boolean homeIsService, boolean inherited, Optional<String> anchor) {
    }

    /** Tells how an {@code environment} or {@code args} entry is written. */
    public enum Form {
        /** {@code KEY: value}. */
        MAP,
        /** {@code - KEY=value}. */
        LIST
    }

    /**
     * An {@code environment} entry or a build arg.
     *
     * @param name the variable name
     * @param key where the name is written
     * @param value the value; empty when the entry takes it from the shell ({@code - KEY}, {@code KEY:})
     * @param form map or list syntax
     * @param entry the whole entry: the list item, or the key through the end of the value
     * @param origin where the entry is defined
     */
    public record Variable(String name, Scalar key, Optional<Scalar> value, Form form, Span entry, Origin origin) {
    }

    /**
     * A scalar setting such as {@code privileged} or {@code use_api_socket}, or one item of a list setting.
     *
     * @param value the value as written
     * @param origin where it is defined
     */
    public record Setting(Scalar value, Origin origin) {
    }

    /**
     * A {@code volumes} entry of a service.
     *
     * @param source the host path or volume name; for the short syntax, the part before the first {@code :}
     * @param target the path in the container, when given
     * @param readOnly whether it is mounted read-only ({@code :ro}, {@code read_only: true})
     * @param longSyntax whether it is a map ({@code type:, source:, target:}) rather than a string
     * @param entry the whole entry
     * @param origin where it is defined
     */
    public record Volume(Optional<Scalar> source, Optional<String> target, boolean readOnly, boolean longSyntax, Span entry,
            Origin origin) {
    }

    /**
     * An {@code env_file} entry.
     *
     * @param path the path as written, relative to the compose file's folder
     * @param required whether Compose fails when the file is missing
     * @param origin where it is defined
     */
    public record EnvFile(Scalar path, boolean required, Origin origin) {
    }

    /**
     * A service's use of a secret, in its {@code secrets} list.
     *
     * @param source the top-level secret's name
     * @param longSyntax whether it is a map ({@code source:, target:}) rather than a name
     * @param entry the whole entry
     * @param origin where it is defined
     */
    public record SecretUse(String source, boolean longSyntax, Span entry, Origin origin) {
    }

    /**
     * A top-level secret definition.
     *
     * @param name the secret's name
     * @param key where the name is written
     * @param entry the key through the end of its definition
     * @param file the {@code file:} it reads, when given
     * @param environment the {@code environment:} variable it reads, when given
     */
    public record SecretDefinition(String name, Span key, Span entry, Optional<String> file, Optional<String> environment) {
    }

    /**
     * A top-level config definition that writes its file inline.
     *
     * @param name the config's name
     * @param content the {@code content:} scalar, the text Compose writes into the container's file
     */
    public record ConfigDefinition(String name, Scalar content) {
    }

    /**
     * A block such as {@code environment:} or {@code secrets:}: where its value is written.
     *
     * @param key where the block's key is written
     * @param value where its value is written
     * @param flow whether the value is in flow style ({@code [a, b]}, {@code {k: v}})
     * @param origin where it is defined
     */
    public record Block(Span key, Span value, boolean flow, Origin origin) {
    }

    /**
     * One service.
     *
     * @param name the service name
     * @param key where the name is written
     * @param body where the service's map is written (the anchored definition for an aliased service)
     * @param environment its {@code environment} entries
     * @param environmentBlock the {@code environment} block, when present
     * @param buildArgs its {@code build.args} entries
     * @param buildArgsBlock the {@code build.args} block, when present
     * @param privileged {@code privileged}, when set
     * @param buildPrivileged {@code build.privileged}, when set
     * @param entitlements the items of {@code build.entitlements}
     * @param useApiSocket {@code use_api_socket}, when set
     * @param volumes its {@code volumes}
     * @param envFiles its {@code env_file} entries
     * @param secrets its {@code secrets} entries
     * @param secretsBlock the service's {@code secrets} block, when present
     * @param image its {@code image}, when set
     * @param build its {@code build}, when set
     * @param commands the strings of its {@code healthcheck.test}, {@code command} and {@code entrypoint}
     */
    public record Service(
            String name,
            Span key,
            Span body,
            List<Variable> environment,
            Optional<Block> environmentBlock,
            List<Variable> buildArgs,
            Optional<Block> buildArgsBlock,
            Optional<Setting> privileged,
            Optional<Setting> buildPrivileged,
            List<Setting> entitlements,
            Optional<Setting> useApiSocket,
            List<Volume> volumes,
            List<EnvFile> envFiles,
            List<SecretUse> secrets,
            Optional<Block> secretsBlock,
            Optional<Scalar> image,
            Optional<Build> build,
            List<Command> commands) {
    }

    /**
     * One string of a service's {@code healthcheck.test}, {@code command} or {@code entrypoint}.
     *
     * @param setting {@code healthcheck.test}, {@code command} or {@code entrypoint}
     * @param index the item's position in the setting's list, or {@code -1} for the string form
     * @param value the string as written
     * @param shell whether a shell runs the string as a script: the string form and the
     *     {@code CMD-SHELL} item of {@code healthcheck.test}, and the script after {@code -c} of a
     *     list that starts with {@code sh}, {@code bash} or {@code ash} (by path or not); a
     *     {@code command} or {@code entrypoint} string is split into words without a shell
     * @param origin where it is defined
     */
    public record Command(String setting, int index, Scalar value, boolean shell, Origin origin) {
    }

    /**
     * A service's {@code build}, in its short ({@code build: ./dir}) or long form.
     *
     * @param block the {@code build} key and its value
     * @param context the context folder as written, relative to the compose file; empty when not given
     * @param dockerfile the {@code dockerfile} as written, relative to the context; empty for the default
     * @param secrets the {@code build.secrets} entries
     * @param secretsBlock the {@code build.secrets} block, when present
     */
    public record Build(Block block, Optional<Scalar> context, Optional<Scalar> dockerfile, List<SecretUse> secrets,
            Optional<Block> secretsBlock) {
    }

    /**
     * One YAML document with a {@code services} map.
     *
     * @param index the 0-based position of the document in the file
     * @param root where the document's top-level map is written
     * @param services its services, in file order
     * @param secrets its top-level secret definitions
     * @param secretsBlock the top-level {@code secrets} block, when present
     * @param configs its top-level configs with inline {@code content:}
     */
    public record Document(int index, Span root, List<Service> services, List<SecretDefinition> secrets,
            Optional<Block> secretsBlock, List<ConfigDefinition> configs) {
    }

    /**
     * Something that kept the file from being read fully.
     *
     * @param line the 1-based line, or 0 for the whole file
     * @param message what is wrong and what to do, never a value from the file
     */
    public record Problem(int line, String message) {
    }

    /** Reads one file; holds the state of one parse. */
    private static final class Reader {
        private final SourceFile file;
        private final String text;
        private final boolean strict;
        private final List<Document> documents = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private int entries;
        /** Code point index to char offset, only built when the text has surrogate pairs. */
        private int[] charOffsets;

        // Per document.
        private final List<Span> anchorSpans = new ArrayList<>();
        private final List<String> anchorNames = new ArrayList<>();
        private final List<Home> homes = new ArrayList<>();

        Reader(SourceFile file, boolean strict) {
            this.file = file;
            this.text = file.text();
            this.strict = strict;
        }

        ComposeFile read() {
            if (text.length() > ComposeYaml.CODE_POINT_LIMIT
                    && text.codePointCount(0, text.length()) > ComposeYaml.CODE_POINT_LIMIT) {
                problems.add(new Problem(0, "the file has more than " + ComposeYaml.CODE_POINT_LIMIT
                        + " characters, more than any compose file needs; it was not parsed, check it by hand"));
                return result();
            }
            if (text.length() != text.codePointCount(0, text.length())) {
                charOffsets = charOffsets(text);
            }
            int index = 0;
            ComposeYaml.Documents roots = ComposeYaml.documents(text);
            try {
                while (roots.hasNext()) {
                    readDocument(index++, roots.next());
                }
            } catch (TooManyEntries e) {
                problems.add(new Problem(e.line, "more than " + MAX_ENTRIES + " environment entries, volumes and"
                        + " other settings once aliases are followed: reading stopped here; no compose file needs"
                        + " that many"));
            } catch (MarkedYamlEngineException e) {
                problems.add(new Problem(lineOf(e.getProblemMark().or(e::getContextMark)), describe(e)));
            } catch (YamlEngineException e) {
                // Limits without a position: the alias limit (placed where the reading stopped) and the size limit.
                String message = String.valueOf(e.getMessage());
                if (message.contains("aliases")) {
                    problems.add(new Problem(lineOf(roots.lastStart()), "more than " + ComposeYaml.MAX_ALIASES
                            + " aliases of maps and lists: reading stopped here to stay safe from alias bombs;"
                            + " no compose file needs that many"));
                } else {
                    problems.add(new Problem(0, "the YAML could not be read: " + message));
                }
            } catch (RuntimeException e) {
                // A parser bug must not stop the scan of the other files.
                problems.add(new Problem(0, "the YAML could not be read (" + e.getClass().getSimpleName()
                        + "); check that docker compose config accepts the file"));
            }
            return result();
        }

        private ComposeFile result() {
            return new ComposeFile(file, documents, problems);
        }

        private static String describe(MarkedYamlEngineException e) {
            StringBuilder message = new StringBuilder("invalid YAML: ");
            message.append(YamlProblems.of(e));
            if (e.getContext() != null && !e.getContext().isEmpty()) {
                message.append(" (").append(e.getContext()).append(')');
            }
            return message.append("; docker compose cannot read this file either, fix the YAML").toString();
        }

        private void readDocument(int index, Node root) {
            anchorSpans.clear();
            anchorNames.clear();
            homes.clear();
            if (!(root instanceof MappingNode rootMap)) {
                if (strict) {
                    problems.add(new Problem(lineOf(root.getStartMark()),
                            "the document is not a map of top-level keys, so it is not a compose file;"
                                    + " a compose file starts with keys such as services:"));
                }
                return;
            }
            inspect(root, Collections.newSetFromMap(new IdentityHashMap<>()));
            Span rootSpan = span(root);
            Optional<NodeTuple> servicesTuple = own(rootMap, "services");
            if (servicesTuple.isEmpty()) {
                return;
            }
            Node servicesNode = servicesTuple.get().getValueNode();
            if (!(servicesNode instanceof MappingNode) && !isNull(servicesNode)) {
                if (strict) {
                    problems.add(new Problem(lineOf(servicesNode.getStartMark()),
                            "services: is not a map of service names, so docker compose cannot read this file"));
                }
                return;
            }
            findHomes(rootMap, servicesNode);
            List<Service> services = new ArrayList<>();
            if (servicesNode instanceof MappingNode servicesMap) {
                for (NodeTuple tuple : servicesMap.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode name
                            && tuple.getValueNode() instanceof MappingNode body) {
                        services.add(readService(name, body));
                    }
                }
            }
            List<SecretDefinition> secrets = new ArrayList<>();
            Optional<Block> secretsBlock = Optional.empty();
            Optional<NodeTuple> secretsTuple = own(rootMap, "secrets");
            if (secretsTuple.isPresent()) {
                secretsBlock = Optional.of(block(secretsTuple.get(), null));
                if (secretsTuple.get().getValueNode() instanceof MappingNode secretsMap) {
                    for (NodeTuple tuple : secretsMap.getValue()) {
                        if (tuple.getKeyNode() instanceof ScalarNode name) {
                            secrets.add(new SecretDefinition(name.getValue(), span(name),
                                    span(offset(name.getStartMark()), end(tuple.getValueNode())),
                                    text(tuple.getValueNode(), "file"), text(tuple.getValueNode(), "environment")));
                        }
                    }
                }
            }
            List<ConfigDefinition> configs = new ArrayList<>();
            Optional<NodeTuple> configsTuple = own(rootMap, "configs");
            if (configsTuple.isPresent() && configsTuple.get().getValueNode() instanceof MappingNode configsMap) {
                for (NodeTuple tuple : configsMap.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode name && tuple.getValueNode() instanceof MappingNode body
                            && get(body, "content").map(NodeTuple::getValueNode).orElse(null) instanceof ScalarNode content) {
                        configs.add(new ConfigDefinition(name.getValue(), scalar(content)));
                    }
                }
            }
            documents.add(new Document(index, rootSpan, services, secrets, secretsBlock, List.copyOf(configs)));
        }

        /**
         * Visits every node once, however many aliases point at it: collects anchors and
         * reports duplicate keys, which snakeyaml's composer lets through.
         */
        private void inspect(Node node, Set<Node> seen) {
            if (!seen.add(node)) {
                return;
            }
            if (node.getAnchor().isPresent()) {
                anchorSpans.add(span(node));
                anchorNames.add(node.getAnchor().get().getValue());
            }
            if (node instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    inspect(item, seen);
                }
            } else if (node instanceof MappingNode mapping) {
                Span own = span(mapping);
                Map<String, Integer> keys = new HashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    Node key = tuple.getKeyNode();
                    int keyOffset = offset(key.getStartMark());
                    // Merged keys come from the anchored map and are checked there.
                    if (key instanceof ScalarNode scalar && own.contains(keyOffset)) {
                        Integer first = keys.putIfAbsent(scalar.getValue(), keyOffset);
                        if (first != null) {
                            problems.add(new Problem(file.lineOf(keyOffset), "duplicate key " + scalar.getValue()
                                    + " (first on line " + file.lineOf(first) + "): docker compose refuses the file;"
                                    + " keep one of them"));
                        }
                    }
                    inspect(key, seen);
                    inspect(tuple.getValueNode(), seen);
                }
            }
        }

        /** Records which service or top-level key each range of the document belongs to. */
        private void findHomes(MappingNode root, Node servicesNode) {
            if (servicesNode instanceof MappingNode services) {
                for (NodeTuple tuple : services.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode name && isOwn(services, tuple)) {
                        homes.add(new Home(name.getValue(), true, span(tuple.getValueNode())));
                    }
                }
            }
            for (NodeTuple tuple : root.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode name && isOwn(root, tuple)
                        && tuple.getValueNode() != servicesNode) {
                    homes.add(new Home(name.getValue(), false, span(tuple.getValueNode())));
                }
            }
        }

        private Origin origin(String service, Node node) {
            int offset = offset(node.getStartMark());
            // Every model entry asks for its origin once: the natural place to count them.
            if (++entries > MAX_ENTRIES) {
                throw new TooManyEntries(file.lineOf(offset));
            }
            Home home = homes.stream().filter(h -> h.span().contains(offset)).findFirst()
                    .orElse(new Home(service, true, null));
            boolean inherited = !(home.service() && home.name().equals(service));
            Optional<String> anchor = Optional.empty();
            if (inherited) {
                Span innermost = null;
                for (int i = 0; i < anchorSpans.size(); i++) {
                    Span candidate = anchorSpans.get(i);
                    if (candidate.contains(offset)
                            && (innermost == null || candidate.end() - candidate.start() < innermost.end() - innermost.start())) {
                        innermost = candidate;
                        anchor = Optional.of(anchorNames.get(i));
                    }
                }
            }
            return new Origin(home.name(), home.service(), inherited, anchor);
        }

        private Service readService(ScalarNode name, MappingNode body) {
            String service = name.getValue();
            List<Variable> environment = new ArrayList<>();
            Optional<Block> environmentBlock = Optional.empty();
            Optional<NodeTuple> environmentTuple = get(body, "environment");
            if (environmentTuple.isPresent()) {
                environmentBlock = Optional.of(block(environmentTuple.get(), service));
                readVariables(service, environmentTuple.get().getValueNode(), environment);
            }
            List<Variable> buildArgs = new ArrayList<>();
            Optional<Block> buildArgsBlock = Optional.empty();
            Optional<Setting> buildPrivileged = Optional.empty();
            List<Setting> entitlements = new ArrayList<>();
            Optional<Node> build = value(body, "build");
            if (build.isPresent() && build.get() instanceof MappingNode buildMap) {
                Optional<NodeTuple> argsTuple = get(buildMap, "args");
                if (argsTuple.isPresent()) {
                    buildArgsBlock = Optional.of(block(argsTuple.get(), service));
                    readVariables(service, argsTuple.get().getValueNode(), buildArgs);
                }
                buildPrivileged = setting(service, buildMap, "privileged");
                if (value(buildMap, "entitlements").orElse(null) instanceof SequenceNode items) {
                    for (Node item : items.getValue()) {
                        if (item instanceof ScalarNode scalar) {
                            entitlements.add(new Setting(scalar(scalar), origin(service, scalar)));
                        }
                    }
                }
            }
            List<Volume> volumes = new ArrayList<>();
            if (value(body, "volumes").orElse(null) instanceof SequenceNode items) {
                for (Node item : items.getValue()) {
                    readVolume(service, item).ifPresent(volumes::add);
                }
            }
            List<EnvFile> envFiles = new ArrayList<>();
            Node envFile = value(body, "env_file").orElse(null);
            if (envFile instanceof ScalarNode path && !isNull(path)) {
                envFiles.add(new EnvFile(scalar(path), true, origin(service, path)));
            } else if (envFile instanceof SequenceNode items) {
                for (Node item : items.getValue()) {
                    if (item instanceof ScalarNode path && !isNull(path)) {
                        envFiles.add(new EnvFile(scalar(path), true, origin(service, path)));
                    } else if (item instanceof MappingNode map
                            && value(map, "path").orElse(null) instanceof ScalarNode path && !isNull(path)) {
                        boolean required = !(value(map, "required").orElse(null) instanceof ScalarNode flag
                                && flag.getValue().equalsIgnoreCase("false"));
                        envFiles.add(new EnvFile(scalar(path), required, origin(service, path)));
                    }
                }
            }
            List<SecretUse> secrets = new ArrayList<>();
            Optional<Block> secretsBlock = readSecretUses(service, body, secrets);
            Optional<Scalar> image = value(body, "image").orElse(null) instanceof ScalarNode imageNode
                    && !isNull(imageNode) ? Optional.of(scalar(imageNode)) : Optional.empty();
            Optional<Build> buildModel = Optional.empty();
            Optional<NodeTuple> buildTuple = get(body, "build");
            if (buildTuple.isPresent()) {
                Node buildNode = buildTuple.get().getValueNode();
                Optional<Scalar> context = Optional.empty();
                Optional<Scalar> dockerfile = Optional.empty();
                List<SecretUse> buildSecrets = new ArrayList<>();
                Optional<Block> buildSecretsBlock = Optional.empty();
                if (buildNode instanceof ScalarNode contextNode && !isNull(contextNode)) {
                    context = Optional.of(scalar(contextNode));
                } else if (buildNode instanceof MappingNode buildMap) {
                    context = value(buildMap, "context").orElse(null) instanceof ScalarNode c && !isNull(c)
                            ? Optional.of(scalar(c)) : Optional.empty();
                    dockerfile = value(buildMap, "dockerfile").orElse(null) instanceof ScalarNode d && !isNull(d)
                            ? Optional.of(scalar(d)) : Optional.empty();
                    buildSecretsBlock = readSecretUses(service, buildMap, buildSecrets);
                }
                buildModel = Optional.of(new Build(block(buildTuple.get(), service), context, dockerfile,
                        buildSecrets, buildSecretsBlock));
            }
            List<Command> commands = new ArrayList<>();
            if (value(body, "healthcheck").orElse(null) instanceof MappingNode healthcheck) {
                readCommand(service, "healthcheck.test", value(healthcheck, "test").orElse(null), commands);
            }
            readCommand(service, "command", value(body, "command").orElse(null), commands);
            readCommand(service, "entrypoint", value(body, "entrypoint").orElse(null), commands);
            return new Service(service, span(name), span(body), environment, environmentBlock, buildArgs,
                    buildArgsBlock, setting(service, body, "privileged"), buildPrivileged, entitlements,
                    setting(service, body, "use_api_socket"), volumes, envFiles, secrets, secretsBlock, image,
                    buildModel, commands);
        }

        /** The shells whose {@code -c} argument is a script, by the last segment of their path. */
        private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh");

        private void readCommand(String service, String setting, Node node, List<Command> into) {
            boolean healthcheck = setting.equals("healthcheck.test");
            if (node instanceof ScalarNode string && !isNull(string)) {
                into.add(new Command(setting, -1, scalar(string), healthcheck, origin(service, string)));
            } else if (node instanceof SequenceNode list) {
                List<Node> items = list.getValue();
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof ScalarNode item) || isNull(item)) {
                        continue;
                    }
                    String first = items.get(0) instanceof ScalarNode head ? head.getValue() : "";
                    boolean shell = healthcheck
                            ? i == 1 && first.equals("CMD-SHELL")
                            : i == 2 && SHELLS.contains(first.substring(first.lastIndexOf('/') + 1))
                                    && items.get(1) instanceof ScalarNode flag && flag.getValue().equals("-c");
                    into.add(new Command(setting, i, scalar(item), shell, origin(service, item)));
                }
            }
        }

        /** Reads the {@code secrets} list of a service or of its {@code build} into {@code into}; returns its block. */
        private Optional<Block> readSecretUses(String service, MappingNode map, List<SecretUse> into) {
            Optional<NodeTuple> secretsTuple = get(map, "secrets");
            if (secretsTuple.isEmpty()) {
                return Optional.empty();
            }
            if (secretsTuple.get().getValueNode() instanceof SequenceNode items) {
                for (Node item : items.getValue()) {
                    if (item instanceof ScalarNode use) {
                        into.add(new SecretUse(use.getValue(), false, span(use), origin(service, use)));
                    } else if (item instanceof MappingNode use
                            && value(use, "source").orElse(null) instanceof ScalarNode source) {
                        into.add(new SecretUse(source.getValue(), true, span(use), origin(service, use)));
                    }
                }
            }
            return Optional.of(block(secretsTuple.get(), service));
        }

        private void readVariables(String service, Node node, List<Variable> into) {
            if (node instanceof MappingNode map) {
                for (NodeTuple tuple : map.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)
                            || !(tuple.getValueNode() instanceof ScalarNode valueNode)) {
                        continue;
                    }
                    Optional<Scalar> value = isNull(valueNode) ? Optional.empty() : Optional.of(scalar(valueNode));
                    into.add(new Variable(keyNode.getValue(), scalar(keyNode), value, Form.MAP,
                            span(offset(keyNode.getStartMark()), end(valueNode)), origin(service, keyNode)));
                }
            } else if (node instanceof SequenceNode list) {
                for (Node item : list.getValue()) {
                    if (!(item instanceof ScalarNode itemNode) || isNull(itemNode)) {
                        continue;
                    }
                    Scalar whole = scalar(itemNode);
                    int equals = whole.text().indexOf('=');
                    Scalar key = equals < 0 ? whole : slice(whole, 0, equals);
                    Optional<Scalar> value = equals < 0
                            ? Optional.empty()
                            : Optional.of(slice(whole, equals + 1, whole.text().length()));
                    into.add(new Variable(key.text(), key, value, Form.LIST, whole.span(), origin(service, itemNode)));
                }
            }
        }

        private Optional<Volume> readVolume(String service, Node item) {
            if (item instanceof ScalarNode entry && !isNull(entry)) {
                Scalar whole = scalar(entry);
                List<Integer> colons = separators(whole.text());
                Scalar source = colons.isEmpty() ? whole : slice(whole, 0, colons.get(0));
                Optional<String> target = colons.isEmpty()
                        ? Optional.empty()
                        : Optional.of(whole.text().substring(colons.get(0) + 1,
                                colons.size() > 1 ? colons.get(1) : whole.text().length()));
                boolean readOnly = colons.size() > 1
                        && List.of(whole.text().substring(colons.get(1) + 1).split(",")).contains("ro");
                return Optional.of(new Volume(Optional.of(source), target, readOnly, false, whole.span(),
                        origin(service, entry)));
            }
            if (item instanceof MappingNode entry) {
                Optional<Scalar> source = value(entry, "source").orElse(null) instanceof ScalarNode s && !isNull(s)
                        ? Optional.of(scalar(s))
                        : Optional.empty();
                Optional<String> target = value(entry, "target").orElse(null) instanceof ScalarNode t
                        ? Optional.of(t.getValue())
                        : Optional.empty();
                boolean readOnly = value(entry, "read_only").orElse(null) instanceof ScalarNode r
                        && r.getValue().equalsIgnoreCase("true");
                return Optional.of(new Volume(source, target, readOnly, true, span(entry), origin(service, entry)));
            }
            return Optional.empty();
        }

        /**
         * Returns the offsets of the {@code :} that separate a short volume's parts: not those
         * inside {@code ${...}}, nor a Windows drive's ({@code C:\data:/data}).
         */
        private static List<Integer> separators(String volume) {
            List<Integer> colons = new ArrayList<>();
            for (Interpolation.Part part : Interpolation.parse(volume)) {
                if (!(part instanceof Interpolation.Literal)) {
                    continue;
                }
                for (int i = part.start(); i < part.end(); i++) {
                    if (volume.charAt(i) != ':') {
                        continue;
                    }
                    boolean drive = i == 1 && Character.isLetter(volume.charAt(0)) && volume.length() > 2
                            && (volume.charAt(2) == '\\' || volume.charAt(2) == '/');
                    if (!drive) {
                        colons.add(i);
                    }
                }
            }
            return colons;
        }

        private Optional<Setting> setting(String service, MappingNode map, String key) {
            if (value(map, key).orElse(null) instanceof ScalarNode node && !isNull(node)) {
                return Optional.of(new Setting(scalar(node), origin(service, node)));
            }
            return Optional.empty();
        }

        private Block block(NodeTuple tuple, String service) {
            Node value = tuple.getValueNode();
            boolean flow = value instanceof MappingNode map && map.getFlowStyle() == FlowStyle.FLOW
                    || value instanceof SequenceNode list && list.getFlowStyle() == FlowStyle.FLOW;
            Origin origin = service == null
                    ? new Origin("", false, false, Optional.empty())
                    : origin(service, tuple.getKeyNode());
            return new Block(span(tuple.getKeyNode()), span(value), flow, origin);
        }

        private Optional<String> text(Node map, String key) {
            if (map instanceof MappingNode mapping && value(mapping, key).orElse(null) instanceof ScalarNode scalar
                    && !isNull(scalar)) {
                return Optional.of(scalar.getValue());
            }
            return Optional.empty();
        }

        private Scalar scalar(ScalarNode node) {
            Span span = span(node);
            String raw = text.substring(span.start(), span.end());
            String value = node.getValue();
            ScalarStyle style = node.getScalarStyle();
            int contentStart = -1;
            if (style == ScalarStyle.PLAIN && raw.equals(value)) {
                contentStart = span.start();
            } else if ((style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED)
                    && raw.length() >= 2 && raw.substring(1, raw.length() - 1).equals(value)) {
                contentStart = span.start() + 1;
            }
            return new Scalar(value, span, contentStart, style != ScalarStyle.PLAIN);
        }

        /** Returns characters {@code [from, to)} of a scalar's text as a scalar of their own. */
        private Scalar slice(Scalar whole, int from, int to) {
            String part = whole.text().substring(from, to);
            if (whole.contentStart() < 0) {
                return new Scalar(part, whole.span(), -1, whole.quoted());
            }
            return new Scalar(part, span(whole.contentStart() + from, whole.contentStart() + to),
                    whole.contentStart() + from, whole.quoted());
        }

        private Span span(Node node) {
            return span(offset(node.getStartMark()), end(node));
        }

        private int end(Node node) {
            return offset(node.getEndMark());
        }

        private Span span(int start, int end) {
            return new Span(start, end, file.lineOf(start), file.columnOf(start));
        }

        private int offset(Optional<Mark> mark) {
            int index = mark.map(Mark::getIndex).orElse(0);
            if (charOffsets == null) {
                return Math.min(index, text.length());
            }
            return charOffsets[Math.min(index, charOffsets.length - 1)];
        }

        private int lineOf(Optional<Mark> mark) {
            return mark.isPresent() ? file.lineOf(offset(mark)) : 0;
        }

        private static int[] charOffsets(String text) {
            int[] offsets = new int[text.codePointCount(0, text.length()) + 1];
            int index = 0;
            for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
                offsets[index++] = i;
            }
            offsets[index] = text.length();
            return offsets;
        }

        private static boolean isOwn(MappingNode map, NodeTuple tuple) {
            int mapStart = map.getStartMark().map(Mark::getIndex).orElse(0);
            int mapEnd = map.getEndMark().map(Mark::getIndex).orElse(Integer.MAX_VALUE);
            int key = tuple.getKeyNode().getStartMark().map(Mark::getIndex).orElse(0);
            return key >= mapStart && key < mapEnd;
        }

        private static Optional<NodeTuple> own(MappingNode map, String key) {
            return map.getValue().stream()
                    .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key))
                    .filter(tuple -> isOwn(map, tuple))
                    .findFirst();
        }

        /** Returns the first entry for {@code key}, written in the map or merged into it. */
        private static Optional<NodeTuple> get(MappingNode map, String key) {
            return map.getValue().stream()
                    .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key))
                    .findFirst();
        }

        private static Optional<Node> value(MappingNode map, String key) {
            return get(map, key).map(NodeTuple::getValueNode);
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
        }
    }

    /** Stops reading a file whose aliases multiply its entries beyond {@link #MAX_ENTRIES}. */
    private static final class TooManyEntries extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        TooManyEntries(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    /** A service or top-level key and the range of its value. */
    private record Home(String name, boolean service, Span span) {
    }

    @Override
    public String toString() {
        return "ComposeFile[" + source.path() + ", " + documents.size() + " documents, "
                + services().size() + " services, " + problems.size() + " problems]";
    }

    /**
     * Returns {@code relative}, written in the compose file at {@code composePath}, as a path
     * relative to the scanned root; empty when it is absolute or leaves the root.
     */
    public static Optional<String> resolve(String composePath, String relative) {
        String path = relative.trim().replace('\\', '/');
        if (path.isEmpty() || path.startsWith("/") || path.startsWith("~")
                || path.length() > 1 && path.charAt(1) == ':') {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        int folderEnd = composePath.lastIndexOf('/');
        if (folderEnd > 0) {
            for (String segment : composePath.substring(0, folderEnd).split("/")) {
                segments.addLast(segment);
            }
        }
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return segments.isEmpty() ? Optional.empty() : Optional.of(String.join("/", segments));
    }
}

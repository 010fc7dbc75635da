package dev.hush.core.rules;

import dev.hush.core.format.yaml.BoundedYaml;
import dev.hush.core.config.HushConfig;
import dev.hush.core.format.yaml.YamlProblems;
import dev.hush.core.model.Card;
import dev.hush.core.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Holds the detection rules: the built-in catalogue shipped as {@code rules.yaml}, plus the
 * rules a project adds in its {@code .hush.yaml}. Immutable; every change returns a new
 * catalogue.
 *
 * <p>A regex may use {@code %ASSIGN%}, which stands for the rest of a key name and an
 * assignment ({@code _API_KEY = "}, {@code Key: }, {@code token => '}), so that context
 * rules read as {@code (?i)datadog%ASSIGN%([a-f0-9]{32})}.
 */
public final class RuleCatalogue {
    /**
     * What {@code %ASSIGN%} stands for in a rule's regex: the rest of the key, a closing quote and
     * bracket ({@code $config['key'] = }), then the operator: {@code =}, {@code :}, {@code =>},
     * Make's {@code ?=}, {@code :=}, {@code ::=} and {@code :::=}, R's {@code <-}, an XML element's
     * {@code >} ({@code <datadogApiKey>...}) or an argument's {@code ,} ({@code define('KEY', '...')}).
     */
    static final String ASSIGN = "[\\w.-]{0,40}?[\"']?\\]?[ \\t]{0,3}(?:=>|:{1,3}=|\\?=|<-|=|:|>|,)[ \\t]{0,3}[\"'`]?";

    /** The built-in catalogue's source, a resource beside this class. */
    static final String RESOURCE = "rules.yaml";
    /** What error messages and {@link Rule#origin()} call the built-in catalogue. */
    static final String ORIGIN = "built-in " + RESOURCE;

    /** The longest rule file read, in characters: the built-in catalogue is under 100 KB. */
    private static final int MAX_TEXT_LENGTH = 1024 * 1024;
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Set<String> ANALYZERS = Set.of("compose", "dockerfile", "dotenv", "docker-run", "assignment",
            "log-leak", "credential-file");
    private static final Set<String> RULE_FIELDS = Set.of(
            "id", "description", "card", "severity", "analyzer", "regex", "secretGroup", "keyGroup", "keywords",
            "entropy", "paths", "allow", "stopwords", "multiline", "anchored", "placeholders", "fallback", "secretKey", "verify",
            "fix", "rotation", "samples");

    private final List<Rule> rules;
    private final Map<String, Rule> byId;

    /** Returns the constant of {@code values} whose id is {@code text}: how rule files name a card, severity or check. */
    static <E extends Enum<E>> Optional<E> byId(E[] values, Function<E, String> id, String text) {
        // A loop, not a stream: rules.bin asks three times per rule at every start.
        for (E value : values) {
            if (id.apply(value).equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private RuleCatalogue(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Map<String, Rule> index = new LinkedHashMap<>();
        for (Rule rule : this.rules) {
            index.put(rule.id(), rule);
        }
        this.byId = index;
    }

    /** Returns the built-in catalogue, loaded once from the {@code rules.yaml} resource. */
    public static RuleCatalogue builtIn() {
        return BuiltIn.CATALOGUE;
    }

    /**
     * Starts reading the built-in catalogue on a background thread, so that a scan whose detector
     * is built later (once the command line is parsed and git's index is open) finds it read: a
     * pre-commit scan's rules thread otherwise starts it last. What reading throws is left for
     * {@link #builtIn()}'s next caller to meet.
     */
    public static void prepareBuiltIn() {
        Thread thread = new Thread(() -> {
            try {
                builtIn();
            } catch (RuntimeException | LinkageError e) {
                // The detector's thread meets it when it asks for the rules, and reports it.
            }
        }, "hush-rules-read");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads the built-in catalogue anew, not the one kept: the tests see which of its regexes a scan compiles. */
    static RuleCatalogue loadBuiltIn() {
        return BuiltIn.load();
    }

    /**
     * Returns the rules listed under {@code rules:} in {@code yaml}; other top-level keys are
     * left to their readers.
     *
     * @param origin the file name that error messages and {@link Rule#origin()} name
     * @throws RuleFormatException naming {@code origin} and the line when a rule is unusable
     */
    public static RuleCatalogue parse(String yaml, String origin) {
        Objects.requireNonNull(yaml, "yaml == null");
        Objects.requireNonNull(origin, "origin == null");
        return new RuleCatalogue(new Parser(origin).parse(yaml));
    }

    /**
     * Returns the rules a project scans with: the built-in ones, plus the extra rules of its
     * settings and of its {@code .gitleaks.toml} (replacing built-ins of the same id), minus the
     * rules it disabled.
     *
     * @throws RuleFormatException when an extra rule is unusable
     */
    public static RuleCatalogue forProject(HushConfig config) {
        Objects.requireNonNull(config, "config == null");
        RuleCatalogue catalogue = config.rules()
                .map(source -> builtIn().withRules(parse(source.yaml(), source.origin()).rules()))
                .orElseGet(RuleCatalogue::builtIn);
        // A .gitleaks.toml's rules come after .hush.yaml's, which win on a shared id.
        List<Rule> gitleaks = config.gitleaks()
                .map(source -> GitleaksConfig.parse(source.yaml(), source.origin()).rules()).orElse(List.of())
                .stream().filter(rule -> catalogue.find(rule.id()).map(r -> r.origin().startsWith(ORIGIN)).orElse(true))
                .toList();
        return catalogue.withRules(gitleaks).without(config.disabledRules());
    }

    /** Returns an empty catalogue. */
    public static RuleCatalogue empty() {
        return new RuleCatalogue(List.of());
    }

    /** Returns every rule, in catalogue order. */
    public List<Rule> rules() {
        return rules;
    }

    /** Returns the rules that carry a regex, which the provider-rule analyzer runs. */
    public List<Rule> regexRules() {
        return rules.stream().filter(Rule::hasRegex).toList();
    }

    /** Returns the rule with {@code id}, if there is one. */
    public Optional<Rule> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Returns this catalogue plus {@code added}; an added rule replaces a rule of the same id in place. */
    public RuleCatalogue withRules(List<Rule> added) {
        Map<String, Rule> merged = new LinkedHashMap<>(byId);
        for (Rule rule : added) {
            merged.put(rule.id(), rule);
        }
        return new RuleCatalogue(new ArrayList<>(merged.values()));
    }

    /** Returns this catalogue without the rules whose ids are in {@code disabledIds}. */
    public RuleCatalogue without(Set<String> disabledIds) {
        return new RuleCatalogue(rules.stream().filter(rule -> !disabledIds.contains(rule.id())).toList());
    }

    @Override
    public String toString() {
        return "RuleCatalogue[" + rules.size() + " rules]";
    }

    /** Returns the bytes of the resource {@code name} beside this class, if it is there. */
    static Optional<byte[]> resource(String name) {
        try (InputStream in = RuleCatalogue.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class BuiltIn {
        static final RuleCatalogue CATALOGUE = load();

        /**
         * Reads the binary form written from rules.yaml, or parses rules.yaml when that form is stale.
         * From a jar, the YAML's checksum is its entry's, and the YAML is read only to be parsed.
         */
        private static RuleCatalogue load() {
            URL url = RuleCatalogue.class.getResource(RESOURCE);
            if (url == null) {
                throw new IllegalStateException("missing resource dev/hush/core/rules/" + RESOURCE);
            }
            long checksum = CompiledCatalogue.checksumInJar(url).orElseGet(() -> CompiledCatalogue.checksum(yaml()));
            return CompiledCatalogue.read(resource(CompiledCatalogue.RESOURCE).orElse(null), checksum)
                    .map(RuleCatalogue::new)
                    .orElseGet(() -> parse(new String(yaml(), StandardCharsets.UTF_8), ORIGIN));
        }

        private static byte[] yaml() {
            return resource(RESOURCE).orElseThrow(
                    () -> new IllegalStateException("missing resource dev/hush/core/rules/" + RESOURCE));
        }
    }

    /** Reads rules from the node tree, so every error can name its line. */
    private static final class Parser {
        private final String origin;

        Parser(String origin) {
            this.origin = origin;
        }

        List<Rule> parse(String yaml) {
            Optional<Node> root;
            try {
                root = BoundedYaml.compose(yaml, origin, MAX_TEXT_LENGTH);
            } catch (MarkedYamlEngineException e) {
                int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(0);
                throw new RuleFormatException(origin, line, "not valid YAML: " + YamlProblems.of(e));
            } catch (YamlEngineException e) {
                throw new RuleFormatException(origin, 0, "not valid YAML: " + e.getMessage());
            }
            if (root.isEmpty()) {
                return List.of();
            }
            Map<String, NodeTuple> top = mapping(root.get(), "the top level");
            NodeTuple rulesEntry = top.get("rules");
            if (rulesEntry == null) {
                return List.of();
            }
            if (!(rulesEntry.getValueNode() instanceof SequenceNode sequence)) {
                throw error(rulesEntry.getValueNode(), "'rules' must be a list of rules");
            }
            List<Rule> rules = new ArrayList<>();
            Map<String, Node> seen = new HashMap<>();
            for (Node node : sequence.getValue()) {
                Rule rule = rule(node);
                Node previous = seen.putIfAbsent(rule.id(), node);
                if (previous != null) {
                    throw error(node, "duplicate rule id '" + rule.id() + "', first defined at line " + line(previous)
                            + "; give each rule its own id");
                }
                rules.add(rule);
            }
            return rules;
        }

        private Rule rule(Node node) {
            Map<String, NodeTuple> fields = mapping(node, "a rule");
            for (Map.Entry<String, NodeTuple> field : fields.entrySet()) {
                if (!RULE_FIELDS.contains(field.getKey())) {
                    throw error(field.getValue().getKeyNode(), "unknown rule field '" + field.getKey()
                            + "'; known fields are " + new java.util.TreeSet<>(RULE_FIELDS));
                }
            }
            String id = requiredText(fields, "id", node);
            if (!ID.matcher(id).matches()) {
                throw error(fields.get("id").getValueNode(), "rule id '" + id + "' must be kebab-case, e.g. acme-api-token");
            }
            Rule.Builder rule = Rule.builder(id, origin + ":" + line(node));
            rule.description(requiredText(fields, "description", node));
            rule.card(choice(fields, "card", Card.values(), Card::id, Card.INLINE_SECRET));
            rule.severity(choice(fields, "severity", Severity.values(), Severity::id, Severity.HIGH));
            Optional<String> analyzer = text(fields, "analyzer");
            Optional<String> regex = text(fields, "regex");
            if (analyzer.isPresent() == regex.isPresent()) {
                throw error(node, "rule '" + id + "' needs exactly one of 'regex' (a provider rule) or 'analyzer' "
                        + "(a structured rule emitted by " + ANALYZERS + ")");
            }
            analyzer.ifPresent(name -> {
                if (!ANALYZERS.contains(name)) {
                    throw error(fields.get("analyzer").getValueNode(), "unknown analyzer '" + name + "'; use one of " + ANALYZERS);
                }
                rule.analyzer(name);
            });
            if (regex.isPresent()) {
                regexPart(rule, id, regex.get(), fields, node);
            }
            Optional<RotationHint> rotation = rotation(fields);
            rotation.ifPresent(rule::rotation);
            rule.fix(text(fields, "fix").orElseGet(() -> defaultFix(rotation)));
            rule.samples(samples(fields, regex.isPresent()));
            return rule.build();
        }

        private void regexPart(Rule.Builder rule, String id, String source, Map<String, NodeTuple> fields, Node node) {
            Node regexNode = fields.get("regex").getValueNode();
            Pattern pattern;
            try {
                pattern = Pattern.compile(source.replace("%ASSIGN%", ASSIGN));
            } catch (PatternSyntaxException e) {
                throw error(regexNode, "rule '" + id + "' has a regex that does not compile: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
            int groups = pattern.matcher("").groupCount();
            int secretGroup = integer(fields, "secretGroup").orElse(groups > 0 ? 1 : 0);
            if (secretGroup < 0 || secretGroup > groups) {
                throw error(fields.get("secretGroup").getValueNode(), "rule '" + id + "' names secretGroup " + secretGroup
                        + " but its regex has " + groups + " group(s)");
            }
            int keyGroup = integer(fields, "keyGroup").orElse(0);
            if (keyGroup < 0 || keyGroup > groups) {
                throw error(fields.get("keyGroup").getValueNode(), "rule '" + id + "' names keyGroup " + keyGroup
                        + " but its regex has " + groups + " group(s)");
            }
            List<String> keywords = list(fields, "keywords");
            if (keywords.isEmpty()) {
                throw error(node, "rule '" + id + "' has a regex but no 'keywords'; list lower-case literals of "
                        + "which one must occur wherever the regex can match");
            }
            for (String keyword : keywords) {
                if (keyword.isEmpty() || !keyword.equals(keyword.toLowerCase(Locale.ROOT))
                        || !keyword.chars().allMatch(c -> c >= ' ' && c < 127)) {
                    throw error(fields.get("keywords").getValueNode(), "rule '" + id + "' has keyword '" + keyword
                            + "'; keywords must be lower-case printable ASCII");
                }
            }
            List<Rule.LazyPattern> allow = new ArrayList<>();
            for (String allowed : list(fields, "allow")) {
                try {
                    allow.add(Rule.LazyPattern.of(Pattern.compile(allowed)));
                } catch (PatternSyntaxException e) {
                    throw error(fields.get("allow").getValueNode(), "rule '" + id + "' has an allow pattern that does "
                            + "not compile: " + e.getDescription());
                }
            }
            OptionalDouble entropy = OptionalDouble.empty();
            Optional<String> entropyText = text(fields, "entropy");
            if (entropyText.isPresent()) {
                try {
                    entropy = OptionalDouble.of(Double.parseDouble(entropyText.get()));
                } catch (NumberFormatException e) {
                    throw error(fields.get("entropy").getValueNode(), "entropy must be a number of bits per character, e.g. 3.5");
                }
            }
            boolean secretKey = flag(fields, "secretKey");
            if (secretKey && keyGroup == 0) {
                throw error(fields.get("secretKey").getValueNode(), "rule '" + id + "' sets secretKey but no keyGroup");
            }
            String placeholders = text(fields, "placeholders").orElse("low");
            if (!placeholders.equals("low") && !placeholders.equals("skip")) {
                throw error(fields.get("placeholders").getValueNode(), "placeholders must be 'low' or 'skip'");
            }
            if (flag(fields, "multiline") && flag(fields, "anchored")) {
                throw error(fields.get("anchored").getValueNode(), "rule '" + id + "' cannot be both multiline and anchored");
            }
            rule.regex(Rule.LazyPattern.of(pattern), secretGroup, keyGroup)
                    .keywords(keywords)
                    .entropy(entropy)
                    .paths(list(fields, "paths"))
                    .allow(allow)
                    .stopwords(list(fields, "stopwords").stream().map(w -> w.toLowerCase(Locale.ROOT)).toList())
                    .multiline(flag(fields, "multiline"))
                    .anchored(flag(fields, "anchored"))
                    .placeholders(placeholders.equals("low") ? PlaceholderPolicy.LOW : PlaceholderPolicy.SKIP)
                    .fallback(flag(fields, "fallback"))
                    .secretKeyRequired(secretKey)
                    .verification(choice(fields, "verify", Verification.values(), Verification::id, Verification.NONE));
        }

        private static String defaultFix(Optional<RotationHint> rotation) {
            return rotation
                    .map(hint -> "Revoke it at " + hint.provider() + " (" + hint.revoke()
                            + "), then keep the new one out of the file: a Compose secret or your secret manager.")
                    .orElse("Revoke it where it was issued, then keep the new one out of the file: a Compose secret "
                            + "or your secret manager.");
        }

        /**
         * Returns the constant of {@code values} whose id is the text of field {@code name}, or
         * {@code absent} when the rule has no such field.
         */
        private <E extends Enum<E>> E choice(Map<String, NodeTuple> fields, String name, E[] values,
                Function<E, String> id, E absent) {
            Optional<String> value = text(fields, name);
            if (value.isEmpty()) {
                return absent;
            }
            return byId(values, id, value.get()).orElseThrow(() -> error(fields.get(name).getValueNode(), "unknown " + name
                    + " '" + value.get() + "'; use one of " + Arrays.stream(values).map(id).toList()));
        }

        private Optional<RotationHint> rotation(Map<String, NodeTuple> fields) {
            NodeTuple entry = fields.get("rotation");
            if (entry == null) {
                return Optional.empty();
            }
            Map<String, NodeTuple> hint = mapping(entry.getValueNode(), "'rotation'");
            return Optional.of(new RotationHint(
                    requiredText(hint, "provider", entry.getValueNode()), requiredText(hint, "revoke", entry.getValueNode())));
        }

        private Samples samples(Map<String, NodeTuple> fields, boolean regexRule) {
            NodeTuple entry = fields.get("samples");
            if (entry == null) {
                return new Samples(Optional.empty(), List.of(), List.of());
            }
            Map<String, NodeTuple> samples = mapping(entry.getValueNode(), "'samples'");
            for (String key : samples.keySet()) {
                if (!Set.of("path", "true", "false").contains(key)) {
                    throw error(samples.get(key).getKeyNode(), "unknown samples field '" + key + "'; use path, true and false");
                }
            }
            List<Sample> positives = new ArrayList<>();
            NodeTuple trueEntry = samples.get("true");
            if (trueEntry != null) {
                for (Node item : sequence(trueEntry.getValueNode(), "'true' samples")) {
                    if (item instanceof ScalarNode scalar) {
                        String text = scalar.getValue();
                        positives.add(new Sample(text, regexRule ? Optional.of(text.strip()) : Optional.empty()));
                    } else {
                        Map<String, NodeTuple> sample = mapping(item, "a sample");
                        String text = requiredText(sample, "text", item);
                        Optional<String> secret = text(sample, "secret");
                        positives.add(new Sample(text, secret.or(() -> regexRule ? Optional.of(text.strip()) : Optional.empty())));
                    }
                }
            }
            return new Samples(text(samples, "path"), positives, list(samples, "false"));
        }

        private Map<String, NodeTuple> mapping(Node node, String what) {
            if (!(node instanceof MappingNode mapping)) {
                throw error(node, what + " must be a mapping of keys to values");
            }
            Map<String, NodeTuple> fields = new LinkedHashMap<>();
            Set<String> keys = new HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw error(tuple.getKeyNode(), "keys in " + what + " must be plain words");
                }
                if (!keys.add(key.getValue())) {
                    throw error(key, "key '" + key.getValue() + "' appears twice in " + what);
                }
                fields.put(key.getValue(), tuple);
            }
            return fields;
        }

        private List<Node> sequence(Node node, String what) {
            if (!(node instanceof SequenceNode sequence)) {
                throw error(node, what + " must be a list");
            }
            return sequence.getValue();
        }

        private Optional<String> text(Map<String, NodeTuple> fields, String name) {
            NodeTuple entry = fields.get(name);
            if (entry == null) {
                return Optional.empty();
            }
            if (!(entry.getValueNode() instanceof ScalarNode scalar)) {
                throw error(entry.getValueNode(), "'" + name + "' must be a single value");
            }
            return Optional.of(scalar.getValue());
        }

        private String requiredText(Map<String, NodeTuple> fields, String name, Node owner) {
            return text(fields, name).filter(value -> !value.isBlank())
                    .orElseThrow(() -> error(owner, "missing '" + name + "'"));
        }

        private Optional<Integer> integer(Map<String, NodeTuple> fields, String name) {
            return text(fields, name).map(value -> {
                try {
                    return Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw error(fields.get(name).getValueNode(), "'" + name + "' must be a group number");
                }
            });
        }

        private boolean flag(Map<String, NodeTuple> fields, String name) {
            Optional<String> value = text(fields, name);
            if (value.isEmpty()) {
                return false;
            }
            if (!value.get().equals("true") && !value.get().equals("false")) {
                throw error(fields.get(name).getValueNode(), "'" + name + "' must be true or false");
            }
            return value.get().equals("true");
        }

        private List<String> list(Map<String, NodeTuple> fields, String name) {
            NodeTuple entry = fields.get(name);
            if (entry == null) {
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (Node item : sequence(entry.getValueNode(), "'" + name + "'")) {
                if (!(item instanceof ScalarNode scalar)) {
                    throw error(item, "each item of '" + name + "' must be a single value");
                }
                values.add(scalar.getValue());
            }
            return values;
        }

        private RuleFormatException error(Node node, String problem) {
            return new RuleFormatException(origin, line(node), problem);
        }

        private static int line(Node node) {
            return node.getStartMark().map(Mark::getLine).map(line -> line + 1).orElse(0);
        }
    }
}

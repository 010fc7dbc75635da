package dev.hush.core.rules;

import dev.hush.core.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Reads a project's {@code .gitleaks.toml}, so that a team moving from gitleaks keeps its
 * custom rules and allowlists: {@code [[rules]]} become extra rules of the catalogue, the global
 * {@code [allowlist]} (and {@code [[allowlists]]}) suppress findings like hush's own allow
 * settings. What hush cannot honour is named in {@link #warnings()}, each with its line; the
 * rest of the file is used. docs/gitleaks.md lists the mapping field by field.
 */
public final class GitleaksConfig {
    /** The name of gitleaks' settings file at a project's root. */
    public static final String FILE_NAME = ".gitleaks.toml";

    private static final TomlMapper TOML = new TomlMapper();
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Set<String> RULE_FIELDS = Set.of("id", "description", "regex", "secretGroup", "keywords",
            "entropy", "path", "tags", "allowlist", "allowlists");
    private static final Set<String> ALLOWLIST_FIELDS = Set.of("description", "paths", "regexes", "stopwords", "commits",
            "regexTarget", "condition", "targetRules");

    private final List<Rule> rules;
    private final Allowlist allowlist;
    private final List<Warning> warnings;

    /**
     * Tells what in the file hush does not honour, and what it does instead.
     *
     * @param line the 1-based line of the field, or 0 when it is not known
     * @param message the field and what hush does, in one sentence
     */
    public record Warning(int line, String message) {
    }

    /**
     * Holds the global allowlist: findings in a matching path, or whose secret matches a regex
     * or contains a stopword, are not reported.
     */
    public static final class Allowlist {
        private final List<Pattern> paths;
        private final List<Pattern> regexes;
        private final List<String> stopwords;

        Allowlist(List<Pattern> paths, List<Pattern> regexes, List<String> stopwords) {
            this.paths = List.copyOf(paths);
            this.regexes = List.copyOf(regexes);
            this.stopwords = List.copyOf(stopwords);
        }

        /** Returns whether a finding in {@code path} (relative, {@code /} separators) is allowed. */
        public boolean allowsPath(String path) {
            return paths.stream().anyMatch(p -> p.matcher(path).find());
        }

        /** Returns whether the secret {@code value} is allowed wherever it is. */
        public boolean allowsValue(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            return regexes.stream().anyMatch(p -> p.matcher(value).find()) || stopwords.stream().anyMatch(lower::contains);
        }

        /** Returns whether the allowlist lets nothing through. */
        public boolean isEmpty() {
            return paths.isEmpty() && regexes.isEmpty() && stopwords.isEmpty();
        }
    }

    private GitleaksConfig(List<Rule> rules, Allowlist allowlist, List<Warning> warnings) {
        this.rules = List.copyOf(rules);
        this.allowlist = allowlist;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Parses the TOML text of a {@code .gitleaks.toml}; {@code origin} names it in rule origins.
     *
     * @throws RuleFormatException naming the file when it is not TOML
     */
    public static GitleaksConfig parse(String toml, String origin) {
        Objects.requireNonNull(toml, "toml == null");
        Objects.requireNonNull(origin, "origin == null");
        JsonNode root;
        try {
            root = TOML.readTree(toml);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new RuleFormatException(origin, line, "not valid TOML: " + e.getOriginalMessage());
        }
        return new Reader(toml, origin).read(root == null ? TOML.createObjectNode() : root);
    }

    /** Returns the rules of {@code [[rules]]} that hush can run, as catalogue rules. */
    public List<Rule> rules() {
        return rules;
    }

    /** Returns the global allowlist. */
    public Allowlist allowlist() {
        return allowlist;
    }

    /** Returns what hush does not honour, in file order. */
    public List<Warning> warnings() {
        return warnings;
    }

    /** Walks the tree, keeping what maps and warning about the rest. */
    private static final class Reader {
        private final String text;
        private final String origin;
        private final List<Warning> warnings = new ArrayList<>();

        Reader(String text, String origin) {
            this.text = text;
            this.origin = origin;
        }

        GitleaksConfig read(JsonNode root) {
            JsonNode extend = root.path("extend");
            if (extend.isObject()) {
                for (String field : extend.propertyNames()) {
                    if (!field.equals("useDefault")) {
                        warn(field, "[extend] " + field + " is not supported: hush uses its own built-in rules and"
                                + " this file's rules; list rules to turn off under 'disable:' in .hush.yaml");
                    }
                }
            }
            if (!extend.path("useDefault").asBoolean(false)) {
                warnings.add(new Warning(0, "without [extend] useDefault = true gitleaks runs only this file's rules;"
                        + " hush runs its built-in rules too (turn them off with 'disable:' in .hush.yaml)"));
            }
            List<Rule> rules = new ArrayList<>();
            for (JsonNode rule : root.path("rules").values()) {
                rule(rule).ifPresent(rules::add);
            }
            List<Pattern> paths = new ArrayList<>();
            List<Pattern> regexes = new ArrayList<>();
            List<String> stopwords = new ArrayList<>();
            for (JsonNode allowlist : allowlists(root)) {
                checkAllowlist(allowlist, "[allowlist]", true);
                paths.addAll(patterns(allowlist.path("paths"), "[allowlist] paths"));
                regexes.addAll(patterns(allowlist.path("regexes"), "[allowlist] regexes"));
                allowlist.path("stopwords").values().forEach(w -> stopwords.add(w.asString().toLowerCase(Locale.ROOT)));
            }
            for (String field : root.propertyNames()) {
                if (!Set.of("title", "extend", "rules", "allowlist", "allowlists").contains(field)) {
                    warn(field, "'" + field + "' is not a gitleaks setting hush knows; it is ignored");
                }
            }
            return new GitleaksConfig(rules, new Allowlist(paths, regexes, stopwords), warnings);
        }

        private Optional<Rule> rule(JsonNode node) {
            String id = node.path("id").asString("");
            String name = "rule '" + id + "'";
            for (String field : node.propertyNames()) {
                if (!RULE_FIELDS.contains(field)) {
                    warn(field, name + ": field '" + field + "' is not supported and is ignored");
                }
            }
            if (!ID.matcher(id).matches()) {
                warn("id = \"" + id, name + ": hush needs a kebab-case id (lower-case letters, digits and dashes);"
                        + " the rule is not used");
                return Optional.empty();
            }
            String regex = node.path("regex").asString("");
            if (regex.isEmpty()) {
                warn("id = \"" + id, name + ": a rule without 'regex' (a path-only rule) is not supported; the rule is"
                        + " not used");
                return Optional.empty();
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                warn("id = \"" + id, name + ": its regex does not compile in Java (" + e.getDescription()
                        + "); the rule is not used");
                return Optional.empty();
            }
            List<String> keywords = new ArrayList<>();
            node.path("keywords").values().forEach(k -> keywords.add(k.asString().toLowerCase(Locale.ROOT)));
            keywords.removeIf(k -> k.isEmpty() || !k.chars().allMatch(c -> c >= ' ' && c < 127));
            if (keywords.isEmpty()) {
                warn("id = \"" + id, name + ": hush runs a rule only where one of its keywords occurs, and this one"
                        + " has no ASCII keywords; add keywords = [...] to use it");
                return Optional.empty();
            }
            if (node.has("path")) {
                warn("id = \"" + id, name + ": 'path' is not supported; the rule runs on every file");
            }
            int groups = pattern.matcher("").groupCount();
            int secretGroup = node.path("secretGroup").asInt(groups > 0 ? 1 : 0);
            if (secretGroup < 0 || secretGroup > groups) {
                warn("id = \"" + id, name + ": secretGroup " + secretGroup + " is not a group of its regex; the whole"
                        + " match is reported");
                secretGroup = 0;
            }
            List<Rule.LazyPattern> allow = new ArrayList<>();
            List<String> stopwords = new ArrayList<>();
            for (JsonNode allowlist : allowlists(node)) {
                checkAllowlist(allowlist, name + " allowlist", false);
                patterns(allowlist.path("regexes"), name + " allowlist regexes").forEach(p -> allow.add(Rule.LazyPattern.of(p)));
                allowlist.path("stopwords").values().forEach(w -> stopwords.add(w.asString().toLowerCase(Locale.ROOT)));
            }
            Rule.Builder rule = Rule.builder(id, origin + ":" + lineOf("id = \"" + id))
                    .description(node.path("description").asString(id))
                    .severity(Severity.HIGH)
                    .regex(Rule.LazyPattern.of(pattern), secretGroup, 0)
                    .keywords(keywords)
                    .allow(allow)
                    .stopwords(stopwords)
                    .fix("Revoke it where it was issued, then keep the new one out of the file (rule from "
                            + GitleaksConfig.FILE_NAME + ").");
            if (node.has("entropy")) {
                rule.entropy(OptionalDouble.of(node.path("entropy").asDouble()));
            }
            return Optional.of(rule.build());
        }

        /** Returns the allowlists of {@code parent}: the older single {@code allowlist} table and the {@code allowlists} array. */
        private static List<JsonNode> allowlists(JsonNode parent) {
            List<JsonNode> allowlists = new ArrayList<>();
            if (parent.path("allowlist").isObject()) {
                allowlists.add(parent.path("allowlist"));
            }
            parent.path("allowlists").values().forEach(allowlists::add);
            return allowlists;
        }

        private void checkAllowlist(JsonNode allowlist, String name, boolean global) {
            for (Map.Entry<String, JsonNode> field : allowlist.properties()) {
                String key = field.getKey();
                if (!ALLOWLIST_FIELDS.contains(key)) {
                    warn(key, name + ": field '" + key + "' is not supported and is ignored");
                } else if (key.equals("commits")) {
                    warn(key, name + ": 'commits' is not supported (hush has no commit allowlist); accept what a"
                            + " commit introduced with 'hush baseline' instead");
                } else if (key.equals("paths") && !global) {
                    warn(key, name + ": 'paths' of a rule's allowlist is not supported; move them to the global"
                            + " [allowlist], which hush honours for every rule");
                } else if (key.equals("regexTarget") && !field.getValue().asString("secret").equals("secret")) {
                    warn(key, name + ": regexTarget '" + field.getValue().asString() + "' is not supported; the"
                            + " regexes are matched against the secret");
                } else if (key.equals("condition") && field.getValue().asString("OR").equalsIgnoreCase("AND")) {
                    warn(key, name + ": condition 'AND' is not supported; each entry allows on its own (OR)");
                } else if (key.equals("targetRules")) {
                    warn(key, name + ": 'targetRules' is not supported; the allowlist applies to every rule");
                }
            }
        }

        private List<Pattern> patterns(JsonNode list, String name) {
            List<Pattern> patterns = new ArrayList<>();
            for (JsonNode item : list.values()) {
                try {
                    patterns.add(Pattern.compile(item.asString()));
                } catch (PatternSyntaxException e) {
                    warn(item.asString(), name + ": '" + item.asString() + "' does not compile in Java ("
                            + e.getDescription() + ") and is ignored");
                }
            }
            return patterns;
        }

        private void warn(String near, String message) {
            warnings.add(new Warning(lineOf(near), message));
        }

        /** Returns the first line holding {@code near}, or 0: the tree keeps no lines. */
        private int lineOf(String near) {
            int at = text.indexOf(near);
            if (at < 0) {
                return 0;
            }
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }
}

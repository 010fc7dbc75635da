package dev.hush.core.config;

import dev.hush.core.format.yaml.BoundedYaml;
import dev.hush.core.format.yaml.YamlProblems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Holds a project's settings from {@code .hush.yaml}: extra rules, disabled rules, paths
 * and values to allow, the file size limit, and whether vendored dependencies are scanned.
 *
 * <pre>
 * rules:            # extra rules, in the catalogue's format
 *   - id: acme-token
 *     ...
 * disable: [generic-secret-assignment]
 * allow:
 *   paths: ["test/fixtures/**"]
 *   values: ["^sk_test_"]
 * maxFileSize: 10485760
 * scanVendored: false   # node_modules, vendor/github.com, site-packages... (VendoredFolders)
 * </pre>
 */
public final class HushConfig {
    /** The name of the settings file at a project's root. */
    public static final String FILE_NAME = ".hush.yaml";
    /** The name of gitleaks' settings file, read beside {@code .hush.yaml}. */
    public static final String GITLEAKS_FILE_NAME = ".gitleaks.toml";

    private static final long DEFAULT_MAX_FILE_SIZE = 10L * 1024 * 1024;

    /** The longest settings file read, in bytes and in characters; real ones are a few KB. */
    static final int MAX_FILE_LENGTH = 1024 * 1024;

    private final Set<String> disabledRules;
    private final List<String> allowedPathGlobs;
    private final List<PathMatcher> allowedPaths;
    private final List<Pattern> allowedValues;
    private final long maxFileSize;
    private final boolean scanVendored;
    private final Optional<Source> rules;
    private final Optional<Source> gitleaks;

    /** The text of the {@code rules:} part and where it came from, for the rule catalogue to parse. */
    public record Source(String yaml, String origin) {
    }

    private HushConfig(Set<String> disabledRules, List<String> allowedPathGlobs, List<Pattern> allowedValues,
            long maxFileSize, boolean scanVendored, Optional<Source> rules, Optional<Source> gitleaks) {
        this.disabledRules = Set.copyOf(disabledRules);
        this.allowedPathGlobs = List.copyOf(allowedPathGlobs);
        this.allowedPaths = allowedPathGlobs.stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
                .toList();
        this.allowedValues = List.copyOf(allowedValues);
        this.maxFileSize = maxFileSize;
        this.scanVendored = scanVendored;
        this.rules = rules;
        this.gitleaks = gitleaks;
    }

    /** Returns the settings used when a project has no {@code .hush.yaml}. */
    public static HushConfig defaults() {
        return new HushConfig(Set.of(), List.of(), List.of(), DEFAULT_MAX_FILE_SIZE, false, Optional.empty(),
                Optional.empty());
    }

    /**
     * Reads {@code root/.hush.yaml}, or returns the defaults when there is none, with the text of
     * {@code root/.gitleaks.toml} when the project has one (its rules and allowlists apply too).
     */
    public static HushConfig forProject(Path root) throws IOException {
        Path file = root.resolve(FILE_NAME);
        HushConfig config = Files.isRegularFile(file) ? read(file) : defaults();
        Path gitleaks = root.resolve(GITLEAKS_FILE_NAME);
        return Files.isRegularFile(gitleaks) && Files.size(gitleaks) <= MAX_FILE_LENGTH
                ? config.withGitleaks(new Source(Files.readString(gitleaks), gitleaks.toString()))
                : config;
    }

    /** Returns these settings with the text of a {@code .gitleaks.toml} whose rules and allowlists apply too. */
    public HushConfig withGitleaks(Source toml) {
        return new HushConfig(disabledRules, allowedPathGlobs, allowedValues, maxFileSize, scanVendored, rules,
                Optional.of(toml));
    }

    /** Returns these settings with vendored dependencies scanned, as {@code --include-vendored} asks. */
    public HushConfig withVendoredScanned() {
        return new HushConfig(disabledRules, allowedPathGlobs, allowedValues, maxFileSize, true, rules, gitleaks);
    }

    /** Returns the text of the project's {@code .gitleaks.toml}, when it has one. */
    public Optional<Source> gitleaks() {
        return gitleaks;
    }

    /**
     * Reads a settings file.
     *
     * @throws ConfigException when the file is not valid, naming the file, line and setting
     */
    public static HushConfig read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": is a folder; give the settings file, such as "
                    + file.resolve(".hush.yaml"));
        }
        if (Files.size(file) > MAX_FILE_LENGTH) {
            throw new ConfigException(file + ": larger than " + MAX_FILE_LENGTH + " bytes, more than any settings file"
                    + " needs; it was not read");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text; save it as UTF-8");
        }
        return parse(text, file.toString());
    }

    /**
     * Parses settings from {@code yaml}; {@code origin} names the file in error messages.
     *
     * @throws ConfigException when the text is not valid, naming the origin, line and setting
     */
    public static HushConfig parse(String yaml, String origin) {
        Object root;
        try {
            root = BoundedYaml.load(yaml, origin, MAX_FILE_LENGTH);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(origin + ":" + line + ": not valid YAML: " + YamlProblems.of(e));
        } catch (YamlEngineException e) {
            throw new ConfigException(origin + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            return defaults();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(origin + ": expected a map of settings at the top");
        }
        Set<String> known = Set.of("rules", "disable", "allow", "maxFileSize", "scanVendored");
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new ConfigException(origin + ": unknown setting '" + key + "'; known settings: " + new TreeSet<>(known));
            }
        }
        Set<String> disabled = new TreeSet<>(strings(map.get("disable"), origin, "disable"));
        List<String> paths = new ArrayList<>();
        List<Pattern> values = new ArrayList<>();
        Object allow = map.get("allow");
        if (allow != null) {
            if (!(allow instanceof Map<?, ?> allowMap)) {
                throw new ConfigException(origin + ": 'allow' must be a map with 'paths' and 'values'");
            }
            paths.addAll(strings(allowMap.get("paths"), origin, "allow.paths"));
            for (String value : strings(allowMap.get("values"), origin, "allow.values")) {
                try {
                    values.add(Pattern.compile(value));
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(origin + ": 'allow.values' holds an invalid regex: " + e.getDescription());
                }
            }
        }
        long maxFileSize = DEFAULT_MAX_FILE_SIZE;
        Object max = map.get("maxFileSize");
        if (max != null) {
            if (!(max instanceof Number number) || number.longValue() <= 0) {
                throw new ConfigException(origin + ": 'maxFileSize' must be a positive number of bytes");
            }
            maxFileSize = number.longValue();
        }
        Object vendored = map.containsKey("scanVendored") ? map.get("scanVendored") : Boolean.FALSE;
        if (!(vendored instanceof Boolean scanVendored)) {
            throw new ConfigException(origin + ": 'scanVendored' must be true or false");
        }
        Optional<Source> rules = map.containsKey("rules") ? Optional.of(new Source(yaml, origin)) : Optional.empty();
        return new HushConfig(disabled, paths, values, maxFileSize, scanVendored, rules, Optional.empty());
    }

    private static List<String> strings(Object value, String origin, String setting) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(item -> !(item instanceof String))) {
            throw new ConfigException(origin + ": '" + setting + "' must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** Returns the ids of the rules the project turned off. */
    public Set<String> disabledRules() {
        return disabledRules;
    }

    /** Returns whether findings in {@code path} (relative to the root) are allowed. */
    public boolean allowsPath(String path) {
        Path candidate = Path.of(path);
        return allowedPaths.stream().anyMatch(matcher -> matcher.matches(candidate));
    }

    /** Returns whether the secret {@code value} is allowed wherever it is. */
    public boolean allowsValue(String value) {
        return allowedValues.stream().anyMatch(pattern -> pattern.matcher(value).find());
    }

    /** Returns the largest file a scan reads, in bytes. */
    public long maxFileSize() {
        return maxFileSize;
    }

    /**
     * Returns whether scans read the folders package managers fill ({@code node_modules},
     * {@code vendor/github.com}, {@code site-packages}: {@code dev.hush.core.git.VendoredFolders});
     * by default they are left out, each listed as skipped.
     */
    public boolean scansVendored() {
        return scanVendored;
    }

    /** Returns the project's extra rules, when it has any. */
    public Optional<Source> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return "HushConfig[disabled=" + disabledRules + ", allowedPaths=" + allowedPathGlobs
                + ", allowedValues=" + allowedValues.size() + ", maxFileSize=" + maxFileSize
                + ", scanVendored=" + scanVendored + "]";
    }
}

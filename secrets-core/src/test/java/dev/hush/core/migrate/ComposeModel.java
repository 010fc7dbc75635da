package dev.hush.core.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads a compose project the way {@code docker compose} would, independently of hush's own
 * parsers, for the migration's property tests: snakeyaml-engine for the YAML, {@code <<} merges,
 * {@code .env} interpolation of {@code $$}, {@code ${VAR}}, {@code ${VAR:-default}}, and
 * {@code env_file}; only as much of compose as {@link ComposeGenerator} writes.
 */
final class ComposeModel {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}");

    private final Path root;
    private final String composePath;
    private final Map<String, Object> document;
    private final Map<String, String> dotenv;

    private ComposeModel(Path root, String composePath) throws IOException {
        this.root = root;
        this.composePath = composePath;
        Object loaded = new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(root.resolve(composePath), StandardCharsets.UTF_8));
        this.document = map(loaded);
        Path env = root.resolve(".env");
        this.dotenv = Files.isRegularFile(env) ? dotenv(Files.readString(env, StandardCharsets.UTF_8)) : Map.of();
    }

    /** Reads {@code composePath} under {@code root}. */
    static ComposeModel read(Path root, String composePath) throws IOException {
        return new ComposeModel(root, composePath);
    }

    /** Returns the loaded document, merges not applied. */
    Map<String, Object> document() {
        return document;
    }

    /** Returns the service names in file order. */
    List<String> services() {
        return List.copyOf(map(document.get("services")).keySet());
    }

    /** Returns a service's settings with {@code <<} merges applied, environment included. */
    Map<String, Object> service(String name) {
        return merged(map(map(document.get("services")).get(name)));
    }

    /** Returns the environment a service's container gets: {@code env_file}, then {@code environment}, interpolated. */
    Map<String, String> environment(String name) throws IOException {
        Map<String, Object> service = service(name);
        Map<String, String> environment = new LinkedHashMap<>();
        Object envFile = service.get("env_file");
        List<?> envFiles = envFile == null ? List.of() : envFile instanceof List<?> list ? list : List.of(envFile);
        for (Object file : envFiles) {
            Path path = root.resolve(composePath).getParent().resolve(String.valueOf(file)).normalize();
            environment.putAll(dotenv(Files.readString(path, StandardCharsets.UTF_8)));
        }
        Object block = service.get("environment");
        if (block instanceof List<?> list) {
            for (Object item : list) {
                String text = interpolate(String.valueOf(item));
                int equals = text.indexOf('=');
                environment.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : text.substring(equals + 1));
            }
        } else if (block != null) {
            merged(map(block)).forEach((key, value) -> environment.put(key, value == null ? null : interpolate(scalar(value))));
        }
        return environment;
    }

    /** Returns the secrets a service mounts: name to the bytes of the file its top-level definition names. */
    Map<String, String> mountedSecrets(String name) throws IOException {
        Map<String, String> mounted = new LinkedHashMap<>();
        Object uses = service(name).get("secrets");
        if (!(uses instanceof List<?> list)) {
            return mounted;
        }
        for (Object use : list) {
            String source = use instanceof Map<?, ?> longSyntax ? String.valueOf(longSyntax.get("source")) : String.valueOf(use);
            Optional<String> file = definedFile(source);
            mounted.put(source, file.isPresent() ? read(file.get()) : null);
        }
        return mounted;
    }

    /** Returns the file the top-level secret {@code name} reads, as written. */
    Optional<String> definedFile(String name) {
        Object secrets = document.get("secrets");
        if (!(secrets instanceof Map<?, ?> map) || !(map.get(name) instanceof Map<?, ?> definition)) {
            return Optional.empty();
        }
        return Optional.ofNullable(definition.get("file")).map(String::valueOf);
    }

    private String read(String file) throws IOException {
        Path path = root.resolve(composePath).getParent().resolve(file).normalize();
        return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
    }

    /** Replaces {@code $$}, {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR-default}} as compose does. */
    String interpolate(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else {
                String set = dotenv.get(matcher.group(1));
                String operator = matcher.group(2);
                if (operator == null) {
                    replacement = set == null ? "" : set;
                } else if (operator.equals(":-")) {
                    replacement = set == null || set.isEmpty() ? matcher.group(3) : set;
                } else {
                    replacement = set == null ? matcher.group(3) : set;
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Reads the dotenv lines {@link ComposeGenerator} writes: comments, blank lines, {@code export},
     * unquoted values ending at {@code " #"}, {@code 'literal'} and {@code "escaped"} values.
     */
    static Map<String, String> dotenv(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            String key = line.substring(0, equals);
            String rest = line.substring(equals + 1);
            String value;
            if (rest.startsWith("'")) {
                value = rest.substring(1, rest.indexOf('\'', 1));
            } else if (rest.startsWith("\"")) {
                StringBuilder out = new StringBuilder();
                for (int i = 1; i < rest.length() && rest.charAt(i) != '"'; i++) {
                    char c = rest.charAt(i);
                    if (c == '\\' && i + 1 < rest.length()) {
                        char next = rest.charAt(++i);
                        out.append(next == 'n' ? '\n' : next);
                    } else {
                        out.append(c);
                    }
                }
                value = out.toString();
            } else {
                int comment = rest.indexOf(" #");
                value = (comment < 0 ? rest : rest.substring(0, comment)).strip();
            }
            values.put(key, value);
        }
        return values;
    }

    private static Map<String, Object> merged(Map<String, Object> map) {
        if (!map.containsKey("<<")) {
            return map;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Object merge = map.get("<<");
        for (Object source : merge instanceof List<?> list ? list : List.of(merge)) {
            map(source).forEach(result::putIfAbsent);
        }
        map.forEach((key, value) -> {
            if (!key.equals("<<")) {
                result.put(key, value);
            }
        });
        return result;
    }

    private static String scalar(Object value) {
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) value).forEach((key, v) -> out.put(String.valueOf(key), v));
        return out;
    }
}

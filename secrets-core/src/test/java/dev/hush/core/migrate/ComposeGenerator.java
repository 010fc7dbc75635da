package dev.hush.core.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates random but realistic compose projects from a seed, for the migration's property
 * tests: 1–5 services, official images that read {@code _FILE} variables and others, map and
 * list {@code environment}, secret-like and plain keys, every YAML quoting style, {@code $$}
 * escapes, {@code ${VAR}} and {@code ${VAR:-default}} references, comments, blank lines, an
 * anchored {@code x-} block merged into services, existing secrets, CRLF, a missing final line
 * break, and a {@code .env} that compose interpolates or services load with {@code env_file}.
 *
 * <p>The generator also returns what each service's environment is meant to be once compose
 * has interpolated and merged it, so the tests can check their own reading of the files.
 */
final class ComposeGenerator {
    /** A generated project: files by relative path, and each service's intended environment. */
    record Project(long seed, Map<String, String> files, Map<String, Map<String, String>> environments) {
        /** Returns every file, for an assertion message that lets a failure be reproduced by hand. */
        String dump() {
            StringBuilder out = new StringBuilder("seed ").append(seed).append('\n');
            files.forEach((path, text) -> out.append("----- ").append(path).append(" -----\n")
                    .append(text.replace("\r", "\\r")).append(text.endsWith("\n") ? "" : "\u23CE(no final newline)\n"));
            return out.toString();
        }
    }

    /** Images whose entrypoint reads {@code <KEY>_FILE}, with the secret keys they read that way. */
    private static final Map<String, List<String>> FILE_IMAGES = Map.of(
            "postgres:16", List.of("POSTGRES_PASSWORD"),
            "mysql:8.4", List.of("MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD"),
            "mariadb:11", List.of("MARIADB_ROOT_PASSWORD", "MARIADB_PASSWORD", "MYSQL_PASSWORD"),
            "mongo:7", List.of("MONGO_INITDB_ROOT_PASSWORD"),
            "wordpress:6", List.of("WORDPRESS_DB_PASSWORD", "WORDPRESS_AUTH_KEY"),
            "grafana/grafana:11.0.0", List.of("GF_SECURITY_ADMIN_PASSWORD"),
            "docker.io/library/postgres:15-alpine", List.of("POSTGRES_PASSWORD"));
    private static final List<String> OTHER_IMAGES = List.of("example/api:1.2", "node:20-alpine", "redis:7",
            "ghcr.io/acme/worker:latest", "nginx:1.27", "registry.example.test:5000/shop/web");
    private static final List<String> SECRET_KEYS = List.of("DB_PASSWORD", "API_TOKEN", "JWT_SECRET",
            "SESSION_SECRET", "STRIPE_API_KEY", "REDIS_PASSWORD", "SMTP_PASSWORD", "OAUTH_CLIENT_SECRET",
            "SIGNING_KEY", "ADMIN_PASS");
    private static final List<String> PLAIN_KEYS = List.of("NODE_ENV", "LOG_LEVEL", "PORT", "DB_HOST", "DB_USER",
            "TZ", "APP_NAME", "FEATURE_FLAGS", "POSTGRES_USER", "POSTGRES_DB", "CACHE_TTL");
    private static final List<String> NAMES = List.of("web", "db", "api", "worker", "cache", "proxy", "admin",
            "billing", "queue", "search");
    private static final List<String> WORDS = List.of("keep", "this", "local", "todo", "owned", "by", "ops",
            "see", "wiki", "rotate", "later", "staging", "prod");
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final long seed;
    private final Random random;
    private final String newline;
    private final int unit;
    private final boolean indentLists;
    private final Map<String, String> dotenv = new LinkedHashMap<>();
    private final List<String> dotenvLines = new ArrayList<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    /** Per service: whether it loads .env, the anchored entries it merges, its own entries. */
    private final Map<String, Object[]> serviceTruths = new LinkedHashMap<>();
    /** Variables a reference decided to leave unset in .env, so no later entry sets them. */
    private final Set<String> unsetVariables = new LinkedHashSet<>();

    private ComposeGenerator(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        this.newline = random.nextInt(6) == 0 ? "\r\n" : "\n";
        this.unit = random.nextInt(4) == 0 ? 4 : 2;
        this.indentLists = random.nextInt(3) != 0;
    }

    /** Returns the project of {@code seed}: a compose file, maybe a {@code .env} and existing secret files. */
    static Project compose(long seed) {
        return new ComposeGenerator(seed).project(false);
    }

    /**
     * Returns a project of {@code seed} centred on its {@code .env}: most secrets live there, and
     * the compose file loads them with {@code env_file} or interpolates them.
     */
    static Project dotenv(long seed) {
        return new ComposeGenerator(seed).project(true);
    }

    // ---------------------------------------------------------------- the project

    /** One entry written in an environment block. */
    private record Entry(String key, String written, String value, boolean secret) {
    }

    private Project project(boolean dotenvFocus) {
        boolean hasDotenv = dotenvFocus || random.nextInt(2) == 0;
        if (hasDotenv) {
            int count = (dotenvFocus ? 2 : 0) + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                boolean secret = random.nextInt(3) != 0;
                String key = secret ? pick(SECRET_KEYS) : pick(PLAIN_KEYS);
                if (!dotenv.containsKey(key)) {
                    addDotenv(key, secret ? dotenvValue() : plainValue(false));
                }
            }
        }
        int services = 1 + random.nextInt(5);
        List<String> names = new ArrayList<>();
        while (names.size() < services) {
            String name = pick(NAMES) + (random.nextInt(4) == 0 ? "-" + (1 + random.nextInt(3)) : "");
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        // The anchored block, shared through <<: by some services with map environments.
        Map<String, Entry> anchored = new LinkedHashMap<>();
        String anchor = "x-" + pick(List.of("common-env", "db-credentials", "shared"));
        if (random.nextInt(3) == 0) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                boolean secret = random.nextBoolean();
                String key = secret ? pick(List.of("POSTGRES_PASSWORD", "DB_PASSWORD", "API_TOKEN")) : pick(PLAIN_KEYS);
                if (!anchored.containsKey(key)) {
                    anchored.put(key, mapEntry(key, secret));
                }
            }
        }
        // Values shared across services: the same key and value (one secret) or another value (a clash).
        Map<String, String> shared = new LinkedHashMap<>();

        StringBuilder yaml = new StringBuilder();
        if (random.nextInt(3) == 0) {
            line(yaml, 0, "# " + words(4));
        }
        if (random.nextInt(5) == 0) {
            line(yaml, 0, "name: " + pick(List.of("shop", "demo-app", "acme")));
        }
        if (!anchored.isEmpty()) {
            line(yaml, 0, anchor + ": &" + anchor.substring(2));
            for (Entry entry : anchored.values()) {
                line(yaml, unit, entry.written());
            }
            blank(yaml, true);
        }
        line(yaml, 0, "services:");
        boolean existingSecret = random.nextInt(4) == 0;
        boolean longSyntax = random.nextBoolean();
        for (String name : names) {
            service(yaml, name, anchored, anchor.substring(2), shared, existingSecret && random.nextBoolean(), longSyntax);
        }
        if (random.nextInt(3) == 0) {
            blank(yaml, random.nextBoolean());
            line(yaml, 0, "volumes:");
            line(yaml, unit, "data:");
        }
        if (existingSecret) {
            blank(yaml, random.nextBoolean());
            line(yaml, 0, "secrets:");
            line(yaml, unit, "tls_cert:");
            line(yaml, unit * 2, "file: ./certs/tls_cert.pem");
            files.put("certs/tls_cert.pem", "-----BEGIN CERTIFICATE-----\nnot a real certificate\n-----END CERTIFICATE-----\n");
        }
        if (random.nextInt(6) == 0) {
            line(yaml, 0, "# " + words(3));
        }
        String compose = yaml.toString();
        if (random.nextInt(5) == 0) {
            compose = compose.substring(0, compose.length() - newline.length());
        }
        files.put(pick(List.of("compose.yaml", "compose.yaml", "docker-compose.yml")), compose);
        if (!dotenvLines.isEmpty() || hasDotenv && random.nextBoolean()) {
            files.put(".env", dotenvText());
        }
        // The truth is known once .env is complete: env_file loads all of it.
        serviceTruths.forEach((name, parts) -> {
            Map<String, String> truth = new LinkedHashMap<>();
            if ((Boolean) parts[0]) {
                truth.putAll(dotenv);
            }
            @SuppressWarnings("unchecked")
            Map<String, Entry> merged = (Map<String, Entry>) parts[1];
            merged.forEach((key, entry) -> truth.put(key, entry.value()));
            @SuppressWarnings("unchecked")
            List<Entry> own = (List<Entry>) parts[2];
            own.forEach(entry -> truth.put(entry.key(), entry.value()));
            environments.put(name, truth);
        });
        return new Project(seed, files, environments);
    }

    private void service(StringBuilder yaml, String name, Map<String, Entry> anchored, String anchorName,
            Map<String, String> shared, boolean existingSecret, boolean longSyntax) {
        boolean fileImage = random.nextInt(2) == 0;
        String image = fileImage ? pick(List.copyOf(FILE_IMAGES.keySet())) : pick(OTHER_IMAGES);
        boolean merges = !anchored.isEmpty() && random.nextInt(3) != 0;
        boolean listForm = !merges && random.nextInt(3) == 0;
        boolean flow = !merges && random.nextInt(10) == 0;
        boolean envFile = !dotenv.isEmpty() && random.nextInt(3) == 0;
        List<Entry> own = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        int count = random.nextInt(merges ? 3 : 5) + (merges || envFile ? 0 : 1);
        List<String> secretKeys = new ArrayList<>(SECRET_KEYS);
        if (fileImage) {
            secretKeys.addAll(FILE_IMAGES.get(image));
            secretKeys.addAll(FILE_IMAGES.get(image));
        }
        for (int i = 0; i < count; i++) {
            boolean secret = random.nextInt(3) != 0;
            String key = secret ? pick(secretKeys) : pick(PLAIN_KEYS);
            if (merges && anchored.containsKey(key) && random.nextInt(3) != 0) {
                continue;
            }
            if (!keys.add(key)) {
                continue;
            }
            Entry entry;
            if (secret && shared.containsKey(key) && random.nextBoolean()) {
                String value = random.nextInt(3) == 0 ? secretValue(listForm) : shared.get(key);
                entry = listForm ? listEntry(key, value) : mapEntry(key, value);
            } else if (random.nextInt(4) == 0) {
                entry = reference(key, listForm, secret);
            } else {
                entry = listForm ? listEntry(key, secret ? secretValue(true) : plainValue(true)) : mapEntry(key, secret);
            }
            if (secret && entry.value() != null) {
                shared.putIfAbsent(key, entry.value());
            }
            own.add(entry);
        }
        serviceTruths.put(name, new Object[] {envFile, merges ? anchored : Map.of(), own});

        blank(yaml, random.nextInt(3) == 0);
        if (random.nextInt(5) == 0) {
            line(yaml, unit, "# " + words(3));
        }
        line(yaml, unit, name + ":");
        int body = unit * 2;
        List<Runnable> parts = new ArrayList<>();
        parts.add(() -> line(yaml, body, "image: " + image));
        if (envFile) {
            parts.add(() -> {
                if (random.nextBoolean()) {
                    line(yaml, body, "env_file: .env");
                } else {
                    line(yaml, body, "env_file:");
                    line(yaml, body + (indentLists ? unit : 0), "- .env");
                }
            });
        }
        if (merges || !own.isEmpty()) {
            parts.add(() -> environment(yaml, body, own, merges ? anchorName : null, listForm, flow));
        }
        if (existingSecret) {
            parts.add(() -> {
                line(yaml, body, "secrets:");
                int item = body + (indentLists ? unit : 0);
                if (longSyntax) {
                    line(yaml, item, "- source: tls_cert");
                    line(yaml, item + 2, "target: /etc/ssl/tls_cert.pem");
                } else {
                    line(yaml, item, "- tls_cert");
                }
            });
        }
        if (random.nextInt(3) == 0) {
            parts.add(() -> {
                line(yaml, body, "ports:");
                line(yaml, body + (indentLists ? unit : 0), "- \"" + (8000 + random.nextInt(999)) + ":80\"");
            });
        }
        if (random.nextInt(3) == 0) {
            parts.add(() -> line(yaml, body, "restart: unless-stopped"));
        }
        // Keys in another order now and then: secrets before environment, image last.
        if (random.nextInt(4) == 0) {
            java.util.Collections.shuffle(parts, random);
        }
        parts.forEach(Runnable::run);
    }

    private void environment(StringBuilder yaml, int column, List<Entry> own, String anchor, boolean listForm,
            boolean flow) {
        if (flow && !own.isEmpty()) {
            List<String> items = new ArrayList<>();
            for (Entry entry : own) {
                items.add(entry.written().startsWith("- ") ? entry.written().substring(2) : entry.written());
            }
            boolean safe = items.stream().map(item -> listForm ? item : item.substring(item.indexOf(": ") + 2))
                    .noneMatch(tail -> tail.matches(".*[#,\\[\\]{}:].*"));
            if (safe) {
                line(yaml, column, "environment: " + (listForm ? "[" : "{") + String.join(", ", items)
                        + (listForm ? "]" : "}"));
                return;
            }
        }
        line(yaml, column, "environment:" + (random.nextInt(8) == 0 ? "  # " + words(2) : ""));
        int item = column + (listForm && !indentLists ? 0 : unit);
        if (anchor != null) {
            line(yaml, item, "<<: *" + anchor);
        }
        for (Entry entry : own) {
            if (random.nextInt(6) == 0) {
                line(yaml, random.nextInt(4) == 0 ? 0 : item, "# " + words(3));
            }
            if (random.nextInt(10) == 0) {
                blank(yaml, true);
            }
            String comment = random.nextInt(5) == 0 ? "  # " + words(2) : "";
            line(yaml, item, entry.written() + comment);
        }
    }

    // ---------------------------------------------------------------- entries

    private Entry mapEntry(String key, boolean secret) {
        return mapEntry(key, secret ? secretValue(false) : plainValue(false));
    }

    private Entry mapEntry(String key, String value) {
        String writtenKey = random.nextInt(12) == 0 ? "\"" + key + "\"" : key;
        return new Entry(key, writtenKey + ": " + yamlScalar(value, false), value, SECRET_KEYS.contains(key));
    }

    private Entry listEntry(String key, String value) {
        String item = key + "=" + value.replace("$", "$$");
        int style = random.nextInt(3);
        boolean plainSafe = value.matches("[A-Za-z0-9_./+=@%$-]*") && !value.isEmpty();
        if (style == 0 && plainSafe) {
            return new Entry(key, "- " + item, value, true);
        }
        if (style == 1 && !value.contains("'")) {
            return new Entry(key, "- '" + item + "'", value, true);
        }
        return new Entry(key, "- \"" + item.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", value, true);
    }

    /** Returns an entry whose value refers to a variable: {@code ${VAR}} or {@code ${VAR:-default}}. */
    private Entry reference(String key, boolean listForm, boolean secret) {
        String variable = random.nextInt(3) == 0 ? pick(List.of("PG_PASS", "APP_SECRET", "TOKEN_VALUE", "LEVEL")) : key;
        boolean defaulted = random.nextBoolean();
        // No $ in a default: whether compose unescapes $$ there is not what these tests are about.
        String fallback = defaulted ? (secret ? secretValue(true).replace('$', 'D') : plainValue(true)) : null;
        if (!dotenv.containsKey(variable) && !unsetVariables.contains(variable) && random.nextBoolean()) {
            addDotenv(variable, secret ? dotenvValue() : plainValue(false));
        } else if (!dotenv.containsKey(variable)) {
            unsetVariables.add(variable);
        }
        String written = defaulted ? "${" + variable + ":-" + fallback + "}" : "${" + variable + "}";
        String set = dotenv.get(variable);
        String value = set != null && !set.isEmpty() ? set : defaulted ? fallback : "";
        if (listForm) {
            return new Entry(key, "- " + key + "=" + written, value, secret);
        }
        return new Entry(key, key + ": " + (random.nextBoolean() ? written : "\"" + written + "\""), value, secret);
    }

    /** Writes {@code value} as a YAML scalar in a random style that means exactly it, {@code $} escaped. */
    private String yamlScalar(String value, boolean forcePlain) {
        String escaped = value.replace("$", "$$");
        boolean plainSafe = value.matches("[A-Za-z][A-Za-z0-9_./+=@%$#:-]*") && !value.contains(": ")
                && !value.endsWith(":") && !value.contains(" #");
        int style = forcePlain ? 0 : random.nextInt(3);
        if (style == 0 && plainSafe) {
            return escaped;
        }
        if (style == 1 || style == 0) {
            return "'" + escaped.replace("'", "''") + "'";
        }
        return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String secretValue(boolean compact) {
        StringBuilder value = new StringBuilder(pick(List.of("hushGen", "pw", "tok", "s3cr", "Kx")));
        value.append(pick(List.of("-", "_", ".", "")));
        int length = 10 + random.nextInt(18);
        for (int i = 0; i < length; i++) {
            value.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
            int special = random.nextInt(40);
            if (special == 0) {
                value.append('#');
            } else if (special == 1) {
                value.append(':');
            } else if (special == 2) {
                value.append('$');
            } else if (special == 3 && !compact) {
                value.append(' ');
            } else if (special == 4 && !compact) {
                value.append(": ");
            } else if (special == 5 && !compact) {
                value.append(" #");
            } else if (special == 6) {
                value.append('/');
            }
        }
        if (random.nextInt(25) == 0) {
            return "ghp_" + randomAlnum(36);
        }
        return value.toString();
    }

    /** Returns a secret for .env, without {@code $}: compose would interpolate it there. */
    private String dotenvValue() {
        return secretValue(false).replace('$', 'S');
    }

    private String plainValue(boolean compact) {
        return switch (random.nextInt(6)) {
            case 0 -> "production";
            case 1 -> "info";
            case 2 -> "db.internal";
            case 3 -> compact ? "Europe/Paris" : "Shop for " + pick(WORDS);
            case 4 -> "app_" + randomAlnum(4).toLowerCase();
            default -> "v" + random.nextInt(9) + "." + random.nextInt(20);
        };
    }

    // ---------------------------------------------------------------- .env

    private void addDotenv(String key, String value) {
        dotenv.put(key, value);
        StringBuilder line = new StringBuilder();
        if (random.nextInt(6) == 0) {
            dotenvLines.add("# " + words(3));
        }
        if (random.nextInt(8) == 0) {
            dotenvLines.add("");
        }
        if (random.nextInt(8) == 0) {
            line.append("export ");
        }
        line.append(key).append('=');
        boolean unquotedSafe = value.matches("[A-Za-z0-9_./+=@%:#-]+") && !value.startsWith("#");
        int style = random.nextInt(3);
        if (style == 0 && unquotedSafe) {
            line.append(value);
        } else if (style == 1 && !value.contains("'")) {
            line.append('\'').append(value).append('\'');
        } else {
            line.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        if (random.nextInt(6) == 0) {
            line.append(" # ").append(words(2));
        }
        dotenvLines.add(line.toString());
    }

    private String dotenvText() {
        StringBuilder text = new StringBuilder();
        if (random.nextInt(3) == 0) {
            text.append("# ").append(words(4)).append(newline);
        }
        for (String line : dotenvLines) {
            text.append(line).append(newline);
        }
        String result = text.toString();
        if (!result.isEmpty() && random.nextInt(5) == 0) {
            result = result.substring(0, result.length() - newline.length());
        }
        return result;
    }

    // ---------------------------------------------------------------- text

    private void line(StringBuilder yaml, int column, String text) {
        yaml.append(" ".repeat(column)).append(text).append(newline);
    }

    private void blank(StringBuilder yaml, boolean yes) {
        if (yes) {
            yaml.append(newline);
        }
    }

    private String words(int count) {
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(pick(WORDS));
        }
        return String.join(" ", chosen);
    }

    private String randomAlnum(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return out.toString();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    @Override
    public String toString() {
        return "ComposeGenerator[seed=" + seed + "]";
    }
}

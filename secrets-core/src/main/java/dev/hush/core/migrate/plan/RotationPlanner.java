package dev.hush.core.migrate.plan;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.UrlPassword;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.dotenv.Dotenv;
import dev.hush.core.format.dotenv.DotenvEntry;
import dev.hush.core.format.dotenv.DotenvParser;
import dev.hush.core.git.WorkTree;
import dev.hush.core.migrate.FileEdit;
import dev.hush.core.migrate.MigrationPlan;
import dev.hush.core.migrate.PlannedRotation;
import dev.hush.core.migrate.ProjectPaths;
import dev.hush.core.migrate.RotatableSecret;
import dev.hush.core.migrate.SecretDelivery;
import dev.hush.core.migrate.SecretDelivery.Kind;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.model.SecretValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds where each migrated secret is delivered, from what the project holds now (never from a
 * record that could go stale): the secret files of the secrets folder, the compose files'
 * {@code secrets:} wiring, the git-ignored env files their {@code env_file:} entries load from the
 * secrets folder, and the URLs in those files whose password is a secret's value. Then plans a
 * rotation: the new value in the secret file, in every env-file entry that holds the old value,
 * and, percent-encoded, in the password part of every such URL. Only files inside the secrets
 * folder are written, so a new value never lands in a file git would commit.
 */
public final class RotationPlanner {
    private final Path root;
    private final String secretsDir;

    /** Creates a planner for the project at {@code root} whose secret files are in {@code secretsDir}. */
    public RotationPlanner(Path root, String secretsDir) {
        this.root = Objects.requireNonNull(root, "root == null");
        this.secretsDir = ProjectPaths.checkRelative(Objects.requireNonNull(secretsDir, "secretsDir == null"));
    }

    /** A compose file's service, with the file that defines it. */
    private record Service(String composeFile, String name, boolean build) {
    }

    /** A git-ignored env file, its text and entries, and the services that load it. */
    private record EnvFile(String path, byte[] bytes, String text, List<DotenvEntry> entries, Set<Service> loaders) {
    }

    /** A secret file: its name, its bytes and, when they are UTF-8, its value. */
    private record Secret(SecretName name, String path, byte[] bytes, Optional<String> value) {
    }

    /** A compose file's use of a secret file through {@code secrets:}. */
    private record Use(String secretPath, Kind kind, Service service, Optional<String> variable) {
    }

    /** What the project holds: secret files, env files, the uses of secret files, and what could not be read. */
    private final class Holdings {
        final Map<String, Secret> secrets = new TreeMap<>();
        final Map<String, EnvFile> envFiles = new TreeMap<>();
        final List<Use> uses = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        Holdings() throws IOException {
            Map<String, String> names = new LinkedHashMap<>();
            List<ComposeFile> composes = new ArrayList<>();
            for (String path : ComposePlanning.composeFiles(root)) {
                byte[] bytes = Files.readAllBytes(root.resolve(path));
                ComposeFile compose = ComposeFile.parse(new SourceFile(path, bytes, bytes.length));
                compose.problems().forEach(p -> problems.add(path + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message()));
                composes.add(compose);
                for (ComposeFile.Document document : compose.documents()) {
                    Map<String, String> files = new LinkedHashMap<>();
                    for (ComposeFile.SecretDefinition definition : document.secrets()) {
                        definition.file().flatMap(Values::literal).flatMap(file -> ComposeFile.resolve(path, file))
                                .filter(file -> file.startsWith(secretsDir + "/"))
                                .ifPresent(file -> {
                                    files.put(definition.name(), file);
                                    names.putIfAbsent(file, definition.name());
                                });
                    }
                    for (ComposeFile.Service service : document.services()) {
                        Service who = new Service(path, service.name(), service.build().isPresent());
                        for (ComposeFile.SecretUse use : service.secrets()) {
                            String file = files.get(use.source());
                            if (file != null) {
                                Optional<String> variable = service.environment().stream()
                                        .filter(v -> v.value().flatMap(s -> Values.literal(s.text()))
                                                .filter(("/run/secrets/" + use.source())::equals).isPresent())
                                        .map(ComposeFile.Variable::name).findFirst();
                                uses.add(variable.isPresent() ? new Use(file, Kind.FILE_VARIABLE, who, variable)
                                        : new Use(file, Kind.MOUNTED, who, Optional.of(use.source())));
                            }
                        }
                        for (ComposeFile.SecretUse use : service.build().map(ComposeFile.Build::secrets).orElse(List.of())) {
                            String file = files.get(use.source());
                            if (file != null) {
                                uses.add(new Use(file, Kind.BUILD_SECRET, who, Optional.of(use.source())));
                            }
                        }
                        for (ComposeFile.EnvFile envFile : service.envFiles()) {
                            Optional<String> file = Values.literal(envFile.path().text())
                                    .flatMap(p -> ComposeFile.resolve(path, p))
                                    .filter(p -> p.startsWith(secretsDir + "/"));
                            if (file.isPresent()) {
                                envFile(file.get()).ifPresent(env -> env.loaders().add(who));
                            }
                        }
                    }
                }
            }
            for (String path : secretFiles()) {
                byte[] bytes = Files.readAllBytes(root.resolve(path));
                String stem = path.substring(path.lastIndexOf('/') + 1, path.length() - ".txt".length());
                SecretName name;
                try {
                    name = SecretName.of(names.getOrDefault(path, stem));
                } catch (IllegalArgumentException e) {
                    problems.add(path + ": not a secret name hush writes (" + e.getMessage() + "); left out");
                    continue;
                }
                secrets.put(path, new Secret(name, path, bytes, utf8(bytes)));
            }
        }

        private Optional<EnvFile> envFile(String path) throws IOException {
            EnvFile known = envFiles.get(path);
            if (known != null) {
                return Optional.of(known);
            }
            Path file = root.resolve(path);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            Optional<String> text = utf8(bytes);
            if (text.isEmpty()) {
                problems.add(path + ": not UTF-8 text; its entries were not read");
                return Optional.empty();
            }
            Dotenv dotenv = DotenvParser.parse(text.get());
            dotenv.problems().forEach(p -> problems.add(path + ":" + p.line() + ": " + p.message()));
            EnvFile env = new EnvFile(path, bytes, text.get(), dotenv.entries(), new LinkedHashSet<>());
            envFiles.put(path, env);
            return Optional.of(env);
        }

        /** Returns the {@code .txt} files under the secrets folder, sorted; links are never followed. */
        private List<String> secretFiles() throws IOException {
            List<String> files = new ArrayList<>();
            Path dir = root.resolve(secretsDir);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return files;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && file.getFileName().toString().endsWith(".txt")) {
                        files.add(root.relativize(file).toString().replace('\\', '/'));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            files.sort(null);
            return files;
        }

        /** Returns the deliveries of {@code secret}, in file order: its compose uses, env-file entries, URL parts. */
        List<SecretDelivery> deliveries(Secret secret) {
            List<SecretDelivery> deliveries = new ArrayList<>();
            for (Use use : uses) {
                if (use.secretPath().equals(secret.path())) {
                    deliveries.add(delivery(use.kind(), use.service().composeFile(), use.variable(), Optional.of(use.service())));
                }
            }
            if (secret.value().isEmpty() || secret.value().get().isEmpty()) {
                return deliveries;
            }
            String value = secret.value().get();
            for (EnvFile env : envFiles.values()) {
                for (DotenvEntry entry : env.entries()) {
                    if (entry.value().filter(value::equals).isPresent()) {
                        forEachLoader(env, s -> deliveries.add(delivery(Kind.ENV_FILE, env.path(), Optional.of(entry.key()), s)));
                    } else if (entry.value().filter(v -> !passwords(v, value).isEmpty()).isPresent()) {
                        forEachLoader(env, s -> deliveries.add(delivery(Kind.URL_PART, env.path(), Optional.of(entry.key()), s)));
                    }
                }
            }
            for (Secret other : secrets.values()) {
                if (other == secret || other.value().isEmpty() || passwords(other.value().get(), value).isEmpty()) {
                    continue;
                }
                List<Service> users = uses.stream().filter(u -> u.secretPath().equals(other.path())).map(Use::service)
                        .distinct().toList();
                Optional<String> variable = Optional.of(other.name().value());
                if (users.isEmpty()) {
                    deliveries.add(delivery(Kind.URL_PART, other.path(), variable, Optional.empty()));
                }
                users.forEach(s -> deliveries.add(delivery(Kind.URL_PART, other.path(), variable, Optional.of(s))));
            }
            return deliveries;
        }

        private void forEachLoader(EnvFile env, java.util.function.Consumer<Optional<Service>> add) {
            if (env.loaders().isEmpty()) {
                add.accept(Optional.empty());
            }
            env.loaders().forEach(s -> add.accept(Optional.of(s)));
        }

        RotatableSecret describe(Secret secret) {
            List<SecretDelivery> deliveries = deliveries(secret);
            Set<String> services = new TreeSet<>();
            deliveries.forEach(d -> d.service().ifPresent(services::add));
            return new RotatableSecret(secret.name(), secret.path(), deliveries, List.copyOf(services),
                    restartCommands(deliveries), Optional.empty());
        }
    }

    private static SecretDelivery delivery(Kind kind, String path, Optional<String> variable, Optional<Service> service) {
        return new SecretDelivery(kind, path, variable, service.map(Service::name), service.map(Service::composeFile));
    }

    /**
     * Returns the secrets of the project, sorted by name, with their deliveries.
     *
     * @param problems receives a line per file that could not be read fully
     * @throws IOException when a file cannot be read
     */
    public List<RotatableSecret> secrets(List<String> problems) throws IOException {
        Holdings holdings = new Holdings();
        problems.addAll(holdings.problems);
        List<RotatableSecret> secrets = new ArrayList<>();
        for (Secret secret : holdings.secrets.values()) {
            secrets.add(holdings.describe(secret));
        }
        secrets.sort((a, b) -> a.name().compareTo(b.name()));
        return secrets;
    }

    /**
     * Returns the values of the project's secrets, by name, for a history search; the caller
     * must not print them.
     *
     * @throws IOException when a file cannot be read
     */
    public Map<SecretName, SecretValue> values() throws IOException {
        Map<SecretName, SecretValue> values = new TreeMap<>();
        for (Secret secret : new Holdings().secrets.values()) {
            secret.value().filter(v -> !v.isEmpty()).ifPresent(v -> values.put(secret.name(), SecretValue.of(v)));
        }
        return values;
    }

    /**
     * Returns the secret called {@code name} (its name, the stem of its file, or its file's path).
     *
     * @throws IllegalArgumentException when there is none, naming the secrets there are
     * @throws IOException when a file cannot be read
     */
    public RotatableSecret find(String name) throws IOException {
        Holdings holdings = new Holdings();
        return holdings.describe(secret(holdings, name));
    }

    private Secret secret(Holdings holdings, String name) {
        Objects.requireNonNull(name, "name == null");
        for (Secret secret : holdings.secrets.values()) {
            String stem = secret.path().substring(secret.path().lastIndexOf('/') + 1, secret.path().length() - ".txt".length());
            if (secret.name().value().equals(name) || stem.equals(name) || secret.path().equals(name)) {
                return secret;
            }
        }
        List<String> known = holdings.secrets.values().stream().map(s -> s.name().value()).toList();
        throw new IllegalArgumentException("no secret named '" + name + "' in " + secretsDir + "/ (" + (known.isEmpty()
                ? "it holds no secret file: run hush migrate first" : "there are: " + String.join(", ", known))
                + "); hush rotate --list shows them");
    }

    /**
     * Plans writing {@code value} wherever the secret {@code name} is delivered; reads only.
     *
     * @throws IllegalArgumentException when there is no such secret, or the value is empty, the
     *     old one, or cannot be written where the secret is delivered (naming the file and line)
     * @throws IOException when a file cannot be read
     */
    public PlannedRotation plan(String name, SecretValue value) throws IOException {
        Objects.requireNonNull(value, "value == null");
        Holdings holdings = new Holdings();
        Secret secret = secret(holdings, name);
        RotatableSecret described = holdings.describe(secret);
        String fresh = value.reveal();
        if (fresh.isEmpty()) {
            throw new IllegalArgumentException("the new value of " + secret.name() + " is empty; give a value");
        }
        if (secret.value().filter(fresh::equals).isPresent()) {
            throw new IllegalArgumentException("the new value of " + secret.name() + " is the old one; a rotation needs"
                    + " a new value (hush rotate --generate " + secret.name() + ")");
        }
        String encoded = encodePassword(fresh);
        MigrationPlan.Builder plan = MigrationPlan.builder().keptSecret(value);
        if (!encoded.equals(fresh)) {
            plan.keptSecret(SecretValue.of(encoded));
        }
        List<SecretValue> removed = new ArrayList<>();
        secret.value().ifPresent(old -> {
            removed.add(SecretValue.of(old));
            if (!encodePassword(old).equals(old)) {
                removed.add(SecretValue.of(encodePassword(old)));
            }
        });
        plan.edit(FileEdit.modify(secret.path(), secret.bytes(), fresh.getBytes(StandardCharsets.UTF_8),
                List.of("rotate secret " + secret.name()), removed));
        List<String> notes = new ArrayList<>();
        if (secret.value().isEmpty() || secret.value().get().isEmpty()) {
            notes.add(secret.path() + " held no UTF-8 text, so no env file or URL was searched for its value");
        } else {
            String old = secret.value().get();
            for (EnvFile env : holdings.envFiles.values()) {
                envFileEdit(env, old, fresh, secret.name()).ifPresent(plan::edit);
            }
            for (Secret other : holdings.secrets.values()) {
                if (other == secret || other.value().isEmpty()) {
                    continue;
                }
                String text = other.value().get();
                String rotated = replacePasswords(text, old, encoded);
                if (!rotated.equals(text)) {
                    plan.edit(FileEdit.modify(other.path(), other.bytes(), rotated.getBytes(StandardCharsets.UTF_8),
                            List.of("rotate the password of secret " + secret.name() + " inside the URL of secret " + other.name()),
                            List.of(SecretValue.of(text), SecretValue.of(old))));
                    plan.keptSecret(SecretValue.of(rotated));
                }
                if (text.equals(old)) {
                    notes.add("secret " + other.name() + " (" + other.path() + ") holds the same value but is another"
                            + " secret; rotate it too: hush rotate " + other.name());
                }
            }
        }
        MigrationPlan built = plan.build();
        WorkTree git = WorkTree.of(root);
        if (git.isRepository()) {
            for (FileEdit edit : built.edits()) {
                if (git.isTracked(edit.path()) || !git.isIgnored(edit.path())) {
                    throw new IllegalArgumentException(edit.path() + (git.isTracked(edit.path()) ? " is tracked by git"
                            : " is not ignored by git") + ", so a new value there would be committed; hush writes one only"
                            + " into files git ignores: add " + secretsDir + "/ to .gitignore (hush migrate does)"
                            + (git.isTracked(edit.path()) ? " and git rm --cached " + edit.path() : "")
                            + ", then rotate again");
                }
            }
        }
        return new PlannedRotation(described, built, notes);
    }

    /** Returns the edit of {@code env} writing {@code fresh} in each entry that holds {@code old}, or in its URL. */
    private static Optional<FileEdit> envFileEdit(EnvFile env, String old, String fresh, SecretName name) {
        StringBuilder text = new StringBuilder(env.text());
        List<String> reasons = new ArrayList<>();
        List<SecretValue> removed = new ArrayList<>();
        List<DotenvEntry> entries = new ArrayList<>(env.entries());
        entries.sort((a, b) -> Integer.compare(b.valueStart(), a.valueStart()));
        for (DotenvEntry entry : entries) {
            if (entry.value().isEmpty()) {
                continue;
            }
            String written = entry.value().get();
            String replacement;
            if (written.equals(old)) {
                replacement = fresh;
                reasons.add(0, "rotate " + entry.key() + " (secret " + name + ")");
            } else {
                replacement = replacePasswords(written, old, encodePassword(fresh));
                if (replacement.equals(written)) {
                    continue;
                }
                reasons.add(0, "rotate the password of secret " + name + " inside the URL of " + entry.key());
            }
            Optional<String> unwritable = EnvFiles.unwritable(SecretValue.of(replacement));
            if (unwritable.isPresent()) {
                throw new IllegalArgumentException(env.path() + ":" + entry.valueLine() + ": the new value of " + entry.key()
                        + " " + unwritable.get() + "; choose another value (hush rotate --generate " + name + ")");
            }
            removed.add(SecretValue.of(written));
            text.replace(entry.valueStart(), entry.valueEnd(), "'" + replacement + "'");
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        removed.add(SecretValue.of(old));
        return Optional.of(FileEdit.modify(env.path(), env.bytes(), text.toString().getBytes(StandardCharsets.UTF_8),
                reasons, removed));
    }

    /** Returns the password parts of the URLs in {@code text} that are {@code value}, as written or percent-decoded. */
    static List<UrlPassword> passwords(String text, String value) {
        return UrlPassword.in(text).stream()
                .filter(password -> matches(text.substring(password.start(), password.end()), value)).toList();
    }

    /** Returns {@code text} with every URL password that is {@code old} replaced by {@code encoded}. */
    static String replacePasswords(String text, String old, String encoded) {
        return UrlPassword.replaceIn(text, written -> matches(written, old) ? Optional.of(encoded) : Optional.empty())
                .orElse(text);
    }

    /** Returns whether the URL password {@code written} is {@code value}, as written or percent-decoded. */
    private static boolean matches(String written, String value) {
        return written.equals(value) || decodePassword(written).filter(value::equals).isPresent();
    }

    /**
     * Returns {@code password} percent-encoded for a URL's user info: every byte of its UTF-8 form
     * but the unreserved characters of RFC 3986 ({@code A-Z a-z 0-9 - . _ ~}), so that no
     * URL parser reads a {@code :}, {@code @}, {@code /} or {@code %} in it as structure.
     */
    static String encodePassword(String password) {
        StringBuilder out = new StringBuilder();
        for (byte b : password.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Returns {@code written} percent-decoded as UTF-8; empty when it holds no escape or a broken one. */
    static Optional<String> decodePassword(String written) {
        if (written.indexOf('%') < 0) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '%') {
                if (i + 2 >= written.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(written.charAt(i + 1), 16);
                int low = Character.digit(written.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return utf8(bytes.toByteArray());
    }

    /** The files Compose reads from a folder when no {@code -f} is given, base files first. */
    private static final List<String> DEFAULT_FILES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml",
            "docker-compose.yml");

    /** Returns the restart command of each compose project among {@code deliveries}' services. */
    private List<String> restartCommands(List<SecretDelivery> deliveries) {
        Map<String, Set<String>> services = new TreeMap<>();
        Set<String> rebuild = new TreeSet<>();
        for (SecretDelivery delivery : deliveries) {
            if (delivery.service().isEmpty() || delivery.composeFile().isEmpty()) {
                continue;
            }
            String files = composeOptions(delivery.composeFile().get());
            services.computeIfAbsent(files, f -> new TreeSet<>()).add(delivery.service().get());
            if (delivery.kind() == Kind.BUILD_SECRET) {
                rebuild.add(files);
            }
        }
        List<String> commands = new ArrayList<>();
        services.forEach((files, names) -> commands.add("docker compose" + files + " up -d --force-recreate"
                + (rebuild.contains(files) ? " --build" : "") + " " + String.join(" ", names)));
        return commands;
    }

    /**
     * Returns the {@code -f} options that load {@code composeFile} as Compose would: none for a
     * default file (or its override) at the root; for one in a subfolder, its base file and the
     * override beside it; any other file by itself.
     */
    private String composeOptions(String composeFile) {
        int slash = composeFile.lastIndexOf('/');
        String folder = slash < 0 ? "" : composeFile.substring(0, slash + 1);
        String name = composeFile.substring(slash + 1);
        String base = name.replace(".override.", ".");
        if (!DEFAULT_FILES.contains(base)) {
            return " -f " + composeFile;
        }
        if (folder.isEmpty()) {
            return "";
        }
        StringBuilder options = new StringBuilder(" -f " + folder + base);
        String override = base.substring(0, base.lastIndexOf('.')) + ".override" + base.substring(base.lastIndexOf('.'));
        if (Files.isRegularFile(root.resolve(folder + override))) {
            options.append(" -f ").append(folder).append(override);
        }
        return options.toString();
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}

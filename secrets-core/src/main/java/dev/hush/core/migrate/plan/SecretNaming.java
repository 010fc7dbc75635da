package dev.hush.core.migrate.plan;

import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.migrate.SecretFile;
import dev.hush.core.migrate.SecretName;
import dev.hush.core.migrate.edit.ComposeEditor;
import dev.hush.core.model.Finding;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Names the secrets of a migration: the user's renames first, then the key, a service prefix or
 * a number. One value, one secret: equal values get one name wherever they are written.
 */
final class SecretNaming {
    private final PlanContext c;

    SecretNaming(PlanContext c) {
        this.c = c;
    }

    /**
     * Names every group. Groups with equal values (compared exactly: no trimming, no case
     * folding) share one name, and so one secret file: see {@link #owner} for whose key names it.
     */
    void assign() throws IOException {
        Map<String, List<Group>> byValue = new LinkedHashMap<>();
        for (Group group : c.groups.values()) {
            byValue.computeIfAbsent(group.value.reveal(), v -> new ArrayList<>()).add(group);
        }
        Map<SecretName, SecretValue> taken = new LinkedHashMap<>();
        for (List<Group> shared : byValue.values()) {
            Optional<String> renamed = Optional.empty();
            for (Group group : shared) {
                renamed = renamed.or(() -> renamed(group));
            }
            if (renamed.isPresent()) {
                SecretName name = SecretName.of(renamed.get());
                if (!available(name, shared.get(0).value, taken)) {
                    throw new IllegalArgumentException("secret name " + name + " is already used by another value;"
                            + " choose another one");
                }
                shared.forEach(group -> group.name = name);
                taken.put(name, shared.get(0).value);
            }
        }
        for (List<Group> shared : byValue.values()) {
            if (shared.get(0).name != null) {
                continue;
            }
            Group owner = owner(shared);
            SecretName base = SecretName.fromKey(owner.key);
            List<SecretName> candidates = new ArrayList<>();
            candidates.add(base);
            owner.sites.stream().map(site -> site.service).filter(Objects::nonNull).findFirst()
                    .ifPresent(service -> candidates.add(base.withPrefix(service)));
            for (int i = 2; i < 100; i++) {
                candidates.add(SecretName.of(base.value() + "_" + i));
            }
            for (SecretName candidate : candidates) {
                if (available(candidate, owner.value, taken)) {
                    shared.forEach(group -> group.name = candidate);
                    taken.put(candidate, owner.value);
                    break;
                }
            }
            if (owner.name == null) {
                throw new IllegalStateException("no free secret name for " + owner.key + " (tried " + base + " to "
                        + base + "_99): rename the secret with --rename");
            }
        }
    }

    /**
     * Returns the group whose key names a value that several groups share: the first used by
     * a service whose image is a database (its key, e.g. {@code MYSQL_PASSWORD}, is where the
     * value is defined; the apps are its clients), else the first whose key does not start with
     * the name of a service of the project ({@code JOOMLA_DB_PASSWORD} of service
     * {@code joomla} names one client's view of it), else the first.
     */
    Group owner(List<Group> shared) {
        for (Group group : shared) {
            if (group.sites.stream().anyMatch(this::isDatabase)) {
                return group;
            }
        }
        Set<String> services = new LinkedHashSet<>();
        for (ComposeEditor editor : c.editors.values()) {
            editor.document().services().forEach(s -> services.add(SecretName.fromKey(s.name()).value()));
        }
        for (Group group : shared) {
            String key = SecretName.fromKey(group.key).value();
            if (services.stream().noneMatch(service -> key.startsWith(service + "_"))) {
                return group;
            }
        }
        return shared.get(0);
    }

    private boolean isDatabase(Site site) {
        return site.editor.service(site.service).flatMap(Service::image).flatMap(image -> Values.literal(image.text()))
                .map(SecretNaming::isDatabaseImage).orElse(false);
    }

    /**
     * Returns whether {@code image} is a database server: its repository (without registry and
     * tag) or its last path segment is one of {@link #DATABASES}.
     */
    static boolean isDatabaseImage(String image) {
        String repository = FileVariableImages.repository(image);
        String last = repository.substring(repository.lastIndexOf('/') + 1);
        return DATABASES.contains(repository) || DATABASES.contains(last);
    }

    /** The images whose service owns a password its clients share: database servers and key-value stores. */
    static final Set<String> DATABASES = Set.of("postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha",
            "mysql", "mysql-server", "mariadb", "percona", "percona-server", "mongo", "mongodb",
            "mongodb-community-server", "redis", "redis-stack", "redis-stack-server", "valkey", "keydb", "memcached",
            "couchdb", "cassandra", "scylla", "neo4j", "influxdb", "clickhouse-server", "mssql/server", "cockroach",
            "elasticsearch", "opensearch", "arangodb", "rethinkdb", "questdb", "surrealdb");

    Optional<String> renamed(Group group) {
        String proposed = SecretName.fromKey(group.key).value();
        for (Site site : group.sites) {
            for (Finding finding : site.findings) {
                String byFingerprint = c.options.rename().get(c.fingerprint(finding));
                if (byFingerprint != null) {
                    return Optional.of(byFingerprint);
                }
            }
        }
        for (DotenvSource source : group.dotenv) {
            String byFingerprint = c.options.rename().get(c.fingerprint(source.finding()));
            if (byFingerprint != null) {
                return Optional.of(byFingerprint);
            }
        }
        return Optional.ofNullable(c.options.rename().get(proposed));
    }

    /**
     * Returns whether {@code name} can hold {@code value}: no other value of this plan has it, no
     * secret file holds another value under it, and no compose file defines it otherwise.
     */
    boolean available(SecretName name, SecretValue value, Map<SecretName, SecretValue> taken) throws IOException {
        SecretValue other = taken.get(name);
        if (other != null && !other.equals(value)) {
            return false;
        }
        String path = SecretFile.in(c.options.secretsDir(), name, value).path();
        Path file = c.root.resolve(path);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            byte[] bytes = Files.readAllBytes(file);
            boolean same = Arrays.equals(bytes, value.reveal().getBytes(StandardCharsets.UTF_8));
            Arrays.fill(bytes, (byte) 0);
            if (!same) {
                return false;
            }
        }
        for (ComposeEditor editor : c.editors.values()) {
            Optional<String> defined = editor.definedFile(name.value());
            if (defined.isPresent() && !defined.get().equals(path)) {
                return false;
            }
        }
        return true;
    }
}

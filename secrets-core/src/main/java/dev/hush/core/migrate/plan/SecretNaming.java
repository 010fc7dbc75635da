package dev.hush.core.migrate.plan;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Names the secrets of a migration: the user's renames first, then the key, a service prefix or a number. */
final class SecretNaming {
    private final PlanContext c;

    SecretNaming(PlanContext c) {
        this.c = c;
    }

    void assign() throws IOException {
        Map<SecretName, SecretValue> taken = new LinkedHashMap<>();
        Map<SecretName, String> chosen = new LinkedHashMap<>();
        for (Group group : c.groups.values()) {
            Optional<String> renamed = renamed(group);
            if (renamed.isPresent()) {
                SecretName name = SecretName.of(renamed.get());
                if (!available(name, group.value, taken)) {
                    throw new IllegalArgumentException("secret name " + name + " is already used by another value;"
                            + " choose another one");
                }
                group.name = name;
                taken.put(name, group.value);
                chosen.put(name, group.key);
            }
        }
        for (Group group : c.groups.values()) {
            if (group.name != null) {
                continue;
            }
            SecretName base = SecretName.fromKey(group.key);
            List<SecretName> candidates = new ArrayList<>();
            candidates.add(base);
            group.sites.stream().map(site -> site.service).filter(Objects::nonNull).findFirst()
                    .ifPresent(service -> candidates.add(base.withPrefix(service)));
            for (int i = 2; i < 100; i++) {
                candidates.add(SecretName.of(base.value() + "_" + i));
            }
            for (SecretName candidate : candidates) {
                if (available(candidate, group.value, taken)) {
                    group.name = candidate;
                    taken.put(candidate, group.value);
                    break;
                }
            }
            if (group.name == null) {
                throw new IllegalStateException("no free secret name for " + group.key + " (tried " + base + " to "
                        + base + "_99): rename the secret with --rename");
            }
        }
    }

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

package dev.hush.core.migrate.plan;

import dev.hush.core.format.UrlPassword;
import dev.hush.core.migrate.ChecklistItem;
import dev.hush.core.migrate.SecretName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says which uses share one secret, once the groups are named: the variables of several
 * services that held one value, and the URLs whose password is the value of another secret, so
 * that the plan, the prompt and the checklist tell the user that a rotation changes them together.
 * Names and places only, never a value.
 */
final class SharedSecrets {
    private final Map<SecretName, Set<String>> uses = new LinkedHashMap<>();
    private final Map<SecretName, Set<SecretName>> insideUrls = new LinkedHashMap<>();
    private final Map<SecretName, Set<String>> envFiles = new LinkedHashMap<>();
    private final Map<SecretName, String> secretFiles = new LinkedHashMap<>();

    /** Collects the uses of every named group of {@code groups}. */
    SharedSecrets(Collection<Group> groups) {
        Map<String, SecretName> byValue = new LinkedHashMap<>();
        for (Group group : groups) {
            byValue.putIfAbsent(group.value.reveal(), group.name);
            Set<String> described = uses.computeIfAbsent(group.name, n -> new LinkedHashSet<>());
            for (Site site : group.sites) {
                described.add(use(group, site));
            }
        }
        for (Group group : groups) {
            String value = group.value.reveal();
            for (UrlPassword password : UrlPassword.in(value)) {
                SecretName other = byValue.get(value.substring(password.start(), password.end()));
                if (other != null && !other.equals(group.name)) {
                    insideUrls.computeIfAbsent(other, n -> new LinkedHashSet<>()).add(group.name);
                }
            }
        }
    }

    private static String use(Group group, Site site) {
        return switch (site.kind) {
            case ENVIRONMENT -> site.variable.name() + " of " + (site.editor.users(site.variable).size() == 1
                    ? "service " : "services ") + String.join(", ", site.editor.users(site.variable));
            case ENV_FILE -> site.loadedKey + " of service " + site.service;
            case BUILD_ARG -> "build argument " + group.key + " of service " + site.service;
        };
    }

    /** Records that {@code name}'s value is also written in the ignored env file {@code path}. */
    void envFile(SecretName name, String path) {
        envFiles.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(path);
    }

    /** Records where {@code name}'s secret file is. */
    void secretFile(SecretName name, String path) {
        secretFiles.put(name, path);
    }

    /** Returns the sentence to add to the explanation of a use of {@code name}: whom it shares the value with. */
    String sentence(SecretName name) {
        StringBuilder sentence = new StringBuilder();
        List<String> shared = List.copyOf(uses.getOrDefault(name, Set.of()));
        if (shared.size() > 1) {
            sentence.append(" The secret is shared by ").append(and(shared))
                    .append(", which held one value, so one rotation changes them together.");
        }
        for (Map.Entry<SecretName, Set<SecretName>> inside : insideUrls.entrySet()) {
            if (inside.getValue().contains(name)) {
                sentence.append(" The URL's password is the value of secret ").append(inside.getKey())
                        .append(": rotate them together.");
            }
        }
        Set<SecretName> urls = insideUrls.getOrDefault(name, Set.of());
        if (!urls.isEmpty()) {
            sentence.append(" The URL in secret ").append(and(urls.stream().map(SecretName::value).toList()))
                    .append(" holds the same password: rotate them together.");
        }
        return sentence.toString();
    }

    /** Returns the plan's notes about the {@code written} secrets: one per secret with several uses or inside a URL. */
    List<String> notes(Set<SecretName> written) {
        List<String> notes = new ArrayList<>();
        uses.forEach((name, shared) -> {
            if (shared.size() > 1 && written.contains(name)) {
                notes.add("secret " + name + " is shared by " + and(List.copyOf(shared)) + " (one value)");
            }
        });
        insideUrls.forEach((name, urls) -> {
            if (written.contains(name)) {
                notes.add("the password inside the URL of secret " + and(urls.stream().map(SecretName::value).toList())
                        + " is the value of secret " + name + "; rotate them together");
            }
        });
        return notes;
    }

    /** Returns the checklist sections that say which uses of the {@code written} secrets change together in a rotation. */
    List<ChecklistItem> checklist(Set<SecretName> written) {
        List<ChecklistItem> items = new ArrayList<>();
        Set<SecretName> names = new LinkedHashSet<>();
        uses.forEach((name, shared) -> {
            if (shared.size() > 1) {
                names.add(name);
            }
        });
        names.addAll(insideUrls.keySet());
        names.retainAll(written);
        for (SecretName name : names) {
            List<String> shared = List.copyOf(uses.getOrDefault(name, Set.of()));
            StringBuilder explanation = new StringBuilder();
            if (shared.size() > 1) {
                explanation.append("Secret `").append(name).append("` is shared by ").append(and(shared))
                        .append(": they held one value, so they now read one secret, and a rotation must change"
                                + " them together.");
            }
            Set<SecretName> urls = insideUrls.getOrDefault(name, Set.of());
            if (!urls.isEmpty()) {
                explanation.append(explanation.length() == 0 ? "" : " ").append("The password inside secret ")
                        .append(and(urls.stream().map(s -> "`" + s + "`").toList())).append(" is the value of secret `")
                        .append(name).append("`, so a rotation must change both.");
            }
            List<String> steps = new ArrayList<>();
            // hush rotate finds these places again from the files, and changes them in one transaction.
            List<String> places = new ArrayList<>();
            places.add("`" + secretFiles.getOrDefault(name, name + ".txt") + "`");
            for (String envFile : envFiles.getOrDefault(name, Set.of())) {
                places.add("`" + envFile + "`");
            }
            for (SecretName url : urls) {
                places.add("the password inside the URL of `" + url + "` (" + secretFiles.getOrDefault(url, url + ".txt")
                        + envFiles.getOrDefault(url, Set.of()).stream().map(f -> ", `" + f + "`").reduce("", String::concat)
                        + ")");
            }
            steps.add("Rotate them together: `hush rotate " + name + "` writes one new value in " + and(places) + " at once");
            steps.add("Restart every service that uses it at once");
            items.add(new ChecklistItem.ManualSteps("Secret `" + name + "` is shared", explanation.toString(), steps));
        }
        return items;
    }

    private static String and(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}

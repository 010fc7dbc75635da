package dev.hush.core.migrate.plan;

import dev.hush.core.format.UrlPassword;
import dev.hush.core.migrate.ChecklistItem;
import dev.hush.core.migrate.SecretRotation;
import dev.hush.core.model.Finding;
import dev.hush.core.model.SecretValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Puts generated values in place of the values the user asked to replace: every weak default
 * ({@code changeme}, {@code example}, {@code admin}) with {@code --generate-weak}, or the
 * findings chosen in the prompt. One value, one new value: every group that held it, and the
 * password part of every URL that held it, get the same generated value, so the database and
 * its clients still agree. Runs once the groups are named.
 */
final class WeakDefaults {
    private final PlanContext c;

    WeakDefaults(PlanContext c) {
        this.c = c;
    }

    /** Gives every chosen group, and every group or URL that holds the same value, a generated value. */
    void generate() {
        Map<String, SecretValue> fresh = new LinkedHashMap<>();
        for (Group group : c.groups.values()) {
            if (chosen(group)) {
                fresh.computeIfAbsent(secretPart(group.value.reveal()), v -> SecretRotation.generate());
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        for (Group group : c.groups.values()) {
            String value = group.value.reveal();
            SecretValue whole = fresh.get(value);
            if (whole != null) {
                group.delivered = whole;
                group.generated = true;
                continue;
            }
            // Base64url needs no percent-encoding in the user-info part of a URL.
            Optional<String> url = UrlPassword.replaceIn(value,
                    password -> Optional.ofNullable(fresh.get(password)).map(SecretValue::reveal));
            if (url.isPresent()) {
                group.delivered = SecretValue.of(url.get());
                group.generated = true;
            }
        }
    }

    private boolean chosen(Group group) {
        List<Finding> findings = new ArrayList<>();
        group.sites.forEach(site -> findings.addAll(site.findings));
        group.dotenv.forEach(source -> findings.add(source.finding()));
        for (Finding finding : findings) {
            boolean asked = c.options.generate().contains(c.fingerprint(finding))
                    || finding.key().map(c.options.generate()::contains).orElse(false);
            if (asked || c.options.generateWeak() && PlanContext.isWeakDefault(finding)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether a finding of {@code group} is a weak default. */
    static boolean holdsWeakDefault(Group group) {
        return group.sites.stream().flatMap(site -> site.findings.stream()).anyMatch(PlanContext::isWeakDefault)
                || group.dotenv.stream().map(DotenvSource::finding).anyMatch(PlanContext::isWeakDefault);
    }

    /** Returns the part of {@code value} that a new value replaces: a URL's password, else the whole value. */
    private static String secretPart(String value) {
        List<UrlPassword> passwords = UrlPassword.in(value);
        return passwords.isEmpty() ? value : value.substring(passwords.get(0).start(), passwords.get(0).end());
    }

    /** Returns what the explanation of a use of {@code group} adds: the new value, or how to get one. */
    static String sentence(Group group, Finding finding) {
        if (group.generated) {
            return " A generated value takes its place wherever it is delivered; the checklist says how to change the"
                    + " password the service already stored.";
        }
        if (PlanContext.isWeakDefault(finding)) {
            return " It is a default password anyone can guess, kept as it is so that the service keeps working:"
                    + " hush migrate --generate-weak (or g in the prompt) puts a generated value in its place.";
        }
        return "";
    }

    /** Returns the checklist section that tells the user to change the password a service already stored. */
    static ChecklistItem.ManualSteps storedPassword(Group group, String secretFile, List<String> services) {
        String restart = "docker compose up -d --force-recreate"
                + services.stream().map(s -> " " + s).collect(Collectors.joining());
        return new ChecklistItem.ManualSteps("Secret `" + group.name + "` got a generated value",
                "hush put a generated value in place of the old one in every place the secret is delivered. A"
                        + " service that already stored the old password keeps it: a database initialised with it"
                        + " keeps it in its data volume and then refuses the new one, until it is changed there too.",
                List.of("Change the stored password to the value of `" + secretFile + "` inside the service (for a"
                                + " database: ALTER USER ... PASSWORD, or its admin page), or, for a throwaway"
                                + " database, remove its data volume (`docker compose down -v` deletes its data)",
                        "Restart and verify: `" + restart + "`"));
    }
}

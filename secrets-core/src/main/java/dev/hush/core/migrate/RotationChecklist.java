package dev.hush.core.migrate;

import dev.hush.core.model.Commit;
import dev.hush.core.model.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the Markdown checklist a migration leaves behind ({@code SECRETS-ROTATION.md}): one
 * section per secret, leaked ones first, then privileged services, Docker socket mounts,
 * apps that must read their secret from a file, and steps left to the user. It never holds
 * a secret value. Regenerating it keeps the boxes the user ticked in sections that still exist.
 */
public final class RotationChecklist {
    /** Where the checklist goes unless the user chose another path. */
    public static final String DEFAULT_PATH = "SECRETS-ROTATION.md";

    private static final String TICKED = "- [x] ";
    private static final String OPEN = "- [ ] ";

    private final List<ChecklistItem> items;
    private final Map<String, Exposure> history;

    /**
     * Says where history saw a secret value.
     *
     * @param commit the oldest commit that introduced it
     * @param inHead whether the value is still in the checked-out commit
     * @param pushed whether a remote-tracking ref reaches that commit
     */
    public record Exposure(Commit commit, boolean inHead, boolean pushed) {
        /** Checks that the commit is present. */
        public Exposure {
            Objects.requireNonNull(commit, "commit == null");
        }
    }

    private RotationChecklist(List<ChecklistItem> items, Map<String, Exposure> history) {
        this.items = List.copyOf(items);
        this.history = Map.copyOf(history);
    }

    /**
     * Returns the checklist of {@code items}; {@code history} maps a secret's fingerprint to
     * where history saw it, and may be empty when no history scan ran.
     */
    public static RotationChecklist of(List<ChecklistItem> items, Map<String, Exposure> history) {
        Objects.requireNonNull(items, "items == null");
        Objects.requireNonNull(history, "history == null");
        return new RotationChecklist(items, history);
    }

    /** Returns the checklist as Markdown, every box open. */
    public String render() {
        return render("");
    }

    /**
     * Returns the checklist as Markdown, ticking the boxes that {@code previous} (the file's
     * former text) ticked under the same section heading, and keeping after its own sections
     * those of {@code previous} it does not have: they come from an earlier migration and are
     * still to do.
     */
    public String render(String previous) {
        Set<String> ticked = ticked(Objects.requireNonNull(previous, "previous == null"));
        StringBuilder out = new StringBuilder(2048);
        out.append("# Secrets rotation checklist\n\n")
                .append("Written by `hush migrate`; it never holds a secret value. Tick the boxes as you go:\n")
                .append("`hush migrate` keeps your ticks when it rewrites this file.\n");
        List<ChecklistItem> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingInt(this::urgency).thenComparing(ChecklistItem::heading));
        Set<String> seen = new HashSet<>();
        for (ChecklistItem item : sorted) {
            if (!seen.add(item.heading())) {
                continue;
            }
            Section section = new Section(item.heading(), ticked);
            if (item instanceof ChecklistItem.Rotate rotate) {
                rotate(rotate, section);
            } else if (item instanceof ChecklistItem.Privileged privileged) {
                privileged(privileged, section);
            } else if (item instanceof ChecklistItem.DockerSocket socket) {
                dockerSocket(socket, section);
            } else if (item instanceof ChecklistItem.ReadFromFile read) {
                readFromFile(read, section);
            } else if (item instanceof ChecklistItem.ManualSteps manual) {
                manual(manual, section);
            }
            out.append('\n').append(section.text);
        }
        sections(previous).forEach((heading, text) -> {
            if (!seen.contains(heading)) {
                out.append('\n').append(text.stripTrailing()).append('\n');
            }
        });
        return out.toString();
    }

    /** Returns the sections of a checklist's text by heading, each from its {@code ## } line on. */
    private static Map<String, String> sections(String text) {
        Map<String, String> sections = new LinkedHashMap<>();
        String heading = null;
        StringBuilder section = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.startsWith("## ")) {
                if (heading != null) {
                    sections.put(heading, section.toString());
                }
                heading = line.substring(3).strip();
                section.setLength(0);
            }
            if (heading != null) {
                section.append(line).append('\n');
            }
        }
        if (heading != null) {
            sections.put(heading, section.toString());
        }
        return sections;
    }

    /**
     * Returns the edit that writes this checklist to {@code path} under {@code root}, merged with
     * the file already there, or empty when the file already says exactly this.
     *
     * @throws IOException when the existing file cannot be read
     */
    public Optional<FileEdit> edit(Path root, String path) throws IOException {
        ProjectPaths.checkRelative(path);
        Path file = root.resolve(path);
        byte[] before = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
        String text = render(before == null ? "" : new String(before, StandardCharsets.UTF_8));
        byte[] after = text.getBytes(StandardCharsets.UTF_8);
        String reason = "write the rotation checklist: " + count(ChecklistItem.Rotate.class) + " secrets to rotate";
        if (before == null) {
            return Optional.of(FileEdit.create(path, after, List.of(reason)));
        }
        FileEdit edit = FileEdit.modify(path, before, after, List.of("update the rotation checklist, keeping ticked boxes"), List.of());
        return edit.changes() ? Optional.of(edit) : Optional.empty();
    }

    private long count(Class<? extends ChecklistItem> type) {
        return items.stream().filter(type::isInstance).count();
    }

    /** Ranks sections: pushed secrets, committed ones still in HEAD, committed ones, other secrets, then the rest. */
    private int urgency(ChecklistItem item) {
        if (item instanceof ChecklistItem.Rotate rotate) {
            Optional<Exposure> exposure = exposure(rotate);
            if (exposure.isEmpty()) {
                return 3;
            }
            return exposure.get().pushed() ? 0 : exposure.get().inHead() ? 1 : 2;
        }
        if (item instanceof ChecklistItem.Privileged) {
            return 4;
        }
        if (item instanceof ChecklistItem.DockerSocket) {
            return 5;
        }
        return item instanceof ChecklistItem.ReadFromFile ? 6 : 7;
    }

    private Optional<Exposure> exposure(ChecklistItem.Rotate rotate) {
        return rotate.fingerprint().map(history::get);
    }

    private void rotate(ChecklistItem.Rotate item, Section section) {
        Optional<Exposure> exposure = exposure(item);
        if (exposure.isPresent()) {
            Exposure seen = exposure.get();
            Commit commit = seen.commit();
            section.line("**Leaked: rotate it.** It was committed in " + shortId(commit.id()) + " on "
                    + commit.date().atZone(ZoneOffset.UTC).toLocalDate()
                    + (seen.pushed() ? " and pushed" : ", not pushed as far as this clone knows")
                    + (seen.inHead() ? "; it is still in HEAD" : "; it is no longer in HEAD")
                    + ". A value that was ever committed stays readable in every clone, even after a purge.");
        } else {
            section.line("Not seen in git history" + (history.isEmpty() ? " (no history scan ran: `hush history`)" : "")
                    + ". Rotate it anyway if the files were ever shared.");
        }
        section.blank();
        if (!item.inlineAt().isEmpty()) {
            section.line("- Was inline at: " + item.inlineAt().stream().map(RotationChecklist::where)
                    .distinct().collect(Collectors.joining(", ")));
        }
        if (!item.services().isEmpty()) {
            section.line("- Used by: " + item.services().stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")));
        }
        item.rotateHint().ifPresent(hint -> section.line("- Revoke and rotate: " + hint));
        section.blank();
        section.box("Rotate it: `hush rotate " + item.name() + "` writes a new value (typed hidden, or `--generate`) in `"
                + item.secretFile() + "` and everywhere else it is delivered, with undo");
        section.box("Revoke the old value" + item.rotateHint().map(h -> " at its provider").orElse(""));
        section.box("Restart and verify: `docker compose up -d --force-recreate"
                + item.services().stream().map(s -> " " + s).collect(Collectors.joining()) + "`");
        if (exposure.isPresent()) {
            section.box("Purge it from git history: `hush history --purge-plan`, then force-push and ask every clone to re-clone");
        }
    }

    private static void privileged(ChecklistItem.Privileged item, Section section) {
        section.line("`privileged: true` gives the container every capability and every device of the host.");
        section.line("Replace it with the least privilege the service needs:");
        section.blank();
        section.box("Drop every capability: `cap_drop: [ALL]`, then add back only what fails, one by one, with `cap_add`");
        section.box("Forbid privilege escalation: `security_opt: [no-new-privileges:true]`");
        section.box("For device access, list only the devices it needs under `devices:`");
        section.box("Restart and verify: `docker compose up -d --force-recreate " + item.service() + "`");
    }

    private static void dockerSocket(ChecklistItem.DockerSocket item, Section section) {
        section.line("A container that can reach `/var/run/docker.sock` controls the Docker daemon, which is root on the host.");
        section.line("Alternatives:");
        section.blank();
        section.line("- run the `docker` commands on the host (a script or CI step) instead of in the container;");
        section.line("- talk to a remote daemon with `docker context create NAME --docker host=ssh://user@host` (or TLS);");
        section.line("- for builds, use the buildx docker-container driver: `docker buildx create --driver docker-container --use`.");
        section.blank();
        section.box("Remove the `docker.sock` mount from `" + item.service() + "`");
        section.box("Restart and verify: `docker compose up -d --force-recreate " + item.service() + "`");
    }

    private static void readFromFile(ChecklistItem.ReadFromFile item, Section section) {
        section.line("The secret is mounted into `" + item.service() + "` at `" + item.name().runPath() + "` and `"
                + item.key() + "` is gone from its environment: the app must read the file, which no image"
                + " of the table does for it (docs/file-variable-images.md).");
        section.line(switch (item.language()) {
            case JAVA -> "In Java, with secrets-runtime (docs/runtime.md), it reads the file first, then `" + item.key()
                    + "`:";
            case SHELL -> "The service's entrypoint can read the file first, then `" + item.key() + "`:";
            default -> "In the app (" + item.language().fence() + "), read the file first, then `" + item.key() + "`:";
        });
        section.blank();
        section.line("```" + item.language().fence());
        item.language().snippet(item.name(), item.key()).lines().forEach(section::line);
        section.line("```");
        section.blank();
        section.box("Make the app read `" + item.name().runPath() + "` with the lines above, then rebuild it");
        section.box("Restart and verify: `docker compose up -d --force-recreate " + item.service() + "`");
    }

    private static void manual(ChecklistItem.ManualSteps item, Section section) {
        section.line(item.explanation());
        section.blank();
        item.steps().forEach(section::box);
    }

    private static String where(Location location) {
        return "`" + location.path() + ":" + location.line() + "`";
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }

    /** Returns "heading\nbox text" for every ticked box of {@code previous}. */
    private static Set<String> ticked(String previous) {
        Set<String> ticked = new LinkedHashSet<>();
        String heading = "";
        for (String line : previous.split("\r?\n")) {
            if (line.startsWith("## ")) {
                heading = line.substring(3).strip();
            } else if (line.startsWith("- [x] ") || line.startsWith("- [X] ")) {
                ticked.add(heading + "\n" + line.substring(6).strip());
            }
        }
        return ticked;
    }

    /** Collects one section's text, ticking the boxes the user ticked before. */
    private static final class Section {
        private final String heading;
        private final Set<String> ticked;
        private final StringBuilder text = new StringBuilder(512);

        Section(String heading, Set<String> ticked) {
            this.heading = heading;
            this.ticked = ticked;
            text.append("## ").append(heading).append("\n\n");
        }

        void line(String line) {
            text.append(line).append('\n');
        }

        void blank() {
            text.append('\n');
        }

        void box(String label) {
            text.append(ticked.contains(heading + "\n" + label) ? TICKED : OPEN).append(label).append('\n');
        }
    }
}

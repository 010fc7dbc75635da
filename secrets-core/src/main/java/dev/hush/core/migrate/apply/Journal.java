package dev.hush.core.migrate.apply;

import dev.hush.core.format.yaml.BoundedYaml;
import dev.hush.core.migrate.ProjectPaths;
import dev.hush.core.migrate.edit.IgnoreFileEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Records one migration in {@code .hush/journal/<id>.json}: its state, every file it touches
 * (whether it existed, salted SHA-256 of the bytes before and of the bytes hush wrote, the
 * POSIX mode, owner and group) and the folders it creates. It never holds a value: the hashes
 * are salted per migration, so they cannot be matched against a list of known passwords made
 * in advance. Each journal ends with a {@code mac} from {@link JournalSeal}; one that does not
 * verify is never acted on.
 */
record Journal(String id, State state, String salt, List<Entry> entries, List<String> createdDirs) {
    private static final int VERSION = 2;

    /** The longest journal read, in bytes and characters: one line per file a migration touched. */
    private static final int MAX_LENGTH = 16 * 1024 * 1024;

    /** Where a migration is; {@code started} and {@code undoing} mean an apply or an undo was interrupted. */
    enum State {
        STARTED("started"), COMPLETE("complete"), ROLLED_BACK("rolled-back"), UNDOING("undoing"), UNDONE("undone");

        private final String id;

        State(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        /** Returns whether an apply or an undo stopped in this state before it ended. */
        boolean unfinished() {
            return this == STARTED || this == UNDOING;
        }

        static State of(String id) {
            for (State state : values()) {
                if (state.id.equals(id)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("unknown journal state: " + id);
        }
    }

    /** Says whether an entry is a secret file (deleted only while unchanged) or an edited file. */
    enum Kind {
        SECRET, EDIT
    }

    /**
     * Describes one touched file.
     *
     * @param path relative to the project root
     * @param kind a secret file or an edited file
     * @param existed whether the file existed before; then the backup holds its bytes
     * @param before the salted hash of the bytes before, when it existed
     * @param after the salted hash of the bytes the migration wrote
     * @param mode the POSIX permissions before, e.g. {@code rw-r--r--}, when known
     * @param owner the owner's name before, when known
     * @param group the group's name before, when known
     */
    record Entry(String path, Kind kind, boolean existed, Optional<String> before, String after, Optional<String> mode,
            Optional<String> owner, Optional<String> group) {
        Entry {
            ProjectPaths.checkRelative(path);
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(before, "before == null");
            Objects.requireNonNull(after, "after == null");
            Objects.requireNonNull(mode, "mode == null");
            Objects.requireNonNull(owner, "owner == null");
            Objects.requireNonNull(group, "group == null");
            if (existed != before.isPresent()) {
                throw new IllegalArgumentException("existed != before.isPresent() for " + path);
            }
        }

        /** Returns whether this file holds ignore rules ({@code .gitignore}, {@code .dockerignore}), which guard the secrets. */
        boolean ignoreRules() {
            return kind == Kind.EDIT && isIgnoreRules(path);
        }

        /** Returns the mode, owner and group to restore, {@code rw-r--r--} when no mode was recorded. */
        FileWrites.Attributes attributes() {
            return new FileWrites.Attributes(Optional.of(mode.map(PosixFilePermissions::fromString).orElse(FileWrites.NEW_FILE)),
                    owner, group);
        }
    }

    /** Returns whether {@code path} names a file of ignore rules, which must be in place before secrets are on disk. */
    static boolean isIgnoreRules(String path) {
        return IgnoreFileEdit.isIgnoreFile(path);
    }

    /** Says that a journal does not verify against this user's key for this project: it is never acted on. */
    static final class UntrustedJournalException extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient Journal journal;

        UntrustedJournalException(Path file, Journal journal, boolean unsealed) {
            super(unsealed ? olderHush(file, journal) : file.getFileName() + " in " + file.getParent() + " was not written"
                    + " by hush for this project on this machine (a journal from a cloned or copied repository, from"
                    + " another user, or changed since); hush will not restore anything from it. Inspect it with: cat "
                    + file + " (the originals it names are under .hush/backup/" + journal.id() + "/); then move "
                    + file.getParent().getParent() + " away to go on");
            this.journal = journal;
        }

        /**
         * Says what to do with a version-1 journal: an older hush wrote it without a mac, so it
         * cannot be told from a planted one and is never obeyed, even on the machine that wrote it.
         */
        private static String olderHush(Path file, Journal journal) {
            List<String> paths = journal.entries().stream().map(Entry::path).toList();
            String backup = ".hush/backup/" + journal.id() + "/";
            return file.getFileName() + " in " + file.getParent() + " was written by an older hush (journal version 1,"
                    + " before journals were sealed with a key of this user), so hush cannot tell it from a planted one"
                    + " and will not act on it. It says migration " + journal.id() + " is " + journal.state().id()
                    + " and names " + paths.size() + (paths.size() == 1 ? " file: " : " files: ")
                    + String.join(", ", paths.subList(0, Math.min(paths.size(), 10))) + (paths.size() > 10 ? ", ..." : "")
                    + ". To finish it, run the hush that wrote it (hush migrate --undo, or --yes to roll back an"
                    + " interrupted one), or compare those files with their originals under " + backup + " and restore by"
                    + " hand; then discard it with: mv " + file.getParent().getParent() + " " + file.getParent().getParent()
                    + ".old";
        }

        /** Returns the journal as read, to say what it claims. */
        Journal journal() {
            return journal;
        }
    }

    Journal {
        Objects.requireNonNull(id, "id == null");
        if (!id.matches("\\d{8}T\\d{9}Z")) {
            // The id names the backup folder, so it must never be a path.
            throw new IllegalArgumentException("journal id is not a timestamp: " + id.replaceAll("[^\\w.-]", "?"));
        }
        Objects.requireNonNull(state, "state == null");
        Objects.requireNonNull(salt, "salt == null");
        entries = List.copyOf(entries);
        createdDirs = List.copyOf(createdDirs);
    }

    /** Returns a fresh random salt for a new journal. */
    static String newSalt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    /** Returns the salted SHA-256 of {@code bytes}, in hex. */
    String hash(byte[] bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(HexFormat.of().parseHex(salt));
            return HexFormat.of().formatHex(digest.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Returns this journal in state {@code state}. */
    Journal in(State newState) {
        return new Journal(id, newState, salt, entries, createdDirs);
    }

    /** Returns the journal's file in {@code journalDir}. */
    Path file(Path journalDir) {
        return journalDir.resolve(id + ".json");
    }

    /** Writes the journal sealed with {@code seal}, durably: temp file, fsync, atomic rename. */
    void write(Path journalDir, JournalSeal seal) throws IOException {
        String text = toJson();
        String sealed = text.substring(0, text.length() - "\n}\n".length()) + ",\n  \"mac\": " + quote(seal.mac(text)) + "\n}\n";
        FileWrites.writeAtomically(file(journalDir), sealed.getBytes(StandardCharsets.UTF_8), FileWrites.PRIVATE_FILE);
    }

    /** Returns the files of the journals in {@code journalDir}, newest first (ids sort by time). */
    static List<Path> files(Path journalDir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(journalDir)) {
            return List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(journalDir, "*.json")) {
            stream.forEach(files::add);
        }
        files.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return files;
    }

    /** Returns the newest journal in {@code journalDir}, verified with {@code seal}, if any. */
    static Optional<Journal> newest(Path journalDir, JournalSeal seal) throws IOException {
        List<Path> files = files(journalDir);
        return files.isEmpty() ? Optional.empty() : Optional.of(read(files.get(0), seal));
    }

    /**
     * Reads and verifies a journal; JSON is YAML, so snakeyaml-engine parses it.
     *
     * @throws UntrustedJournalException when its mac is missing or not {@code seal}'s
     * @throws IOException when it is damaged
     */
    static Journal read(Path file, JournalSeal seal) throws IOException {
        Sealed read = read(file);
        if (read.mac().isEmpty() || !seal.verifies(read.journal().toJson(), read.mac().get())) {
            throw new UntrustedJournalException(file, read.journal(), read.mac().isEmpty());
        }
        return read.journal();
    }

    /** A journal as read, with the mac it carried. */
    record Sealed(Journal journal, Optional<String> mac) {
    }

    /** Reads a journal without verifying it; JSON is YAML, so snakeyaml-engine parses it. */
    static Sealed read(Path file) throws IOException {
        if (Files.size(file) > MAX_LENGTH) {
            throw new IOException(file + " is larger than " + MAX_LENGTH + " bytes, more than hush writes; move it away to go on");
        }
        try {
            // A repository may carry a crafted journal: read it within limits, as any YAML hush did not just write.
            Object root = BoundedYaml.load(Files.readString(file, StandardCharsets.UTF_8), file.toString(), MAX_LENGTH);
            Map<?, ?> map = (Map<?, ?>) root;
            Object version = map.get("version");
            if (Objects.equals(version, 1)) {
                // Version 1 had no mac: anyone could have written it.
                return new Sealed(readEntries(map), Optional.empty());
            }
            if (!Objects.equals(version, VERSION)) {
                throw new IOException(file + ": journal version " + version + " is not " + VERSION);
            }
            return new Sealed(readEntries(map), Optional.of((String) Objects.requireNonNull(map.get("mac"), "mac")));
        } catch (YamlEngineException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getClass().getSimpleName()
                    + "); move it away to go on, after restoring by hand from .hush/backup/ if needed", e);
        }
    }

    private static Journal readEntries(Map<?, ?> map) {
        List<Entry> entries = new ArrayList<>();
        for (Object item : (List<?>) map.get("files")) {
            Map<?, ?> entry = (Map<?, ?>) item;
            entries.add(new Entry((String) entry.get("path"), Kind.valueOf(((String) entry.get("kind")).toUpperCase(java.util.Locale.ROOT)),
                    (Boolean) entry.get("existed"), Optional.ofNullable((String) entry.get("before")),
                    (String) entry.get("after"), Optional.ofNullable((String) entry.get("mode")),
                    Optional.ofNullable((String) entry.get("owner")), Optional.ofNullable((String) entry.get("group"))));
        }
        List<String> dirs = new ArrayList<>();
        for (Object dir : (List<?>) map.get("createdDirs")) {
            dirs.add(ProjectPaths.checkRelative((String) dir));
        }
        return new Journal((String) map.get("id"), State.of((String) map.get("state")), (String) map.get("salt"), entries, dirs);
    }

    String toJson() {
        StringBuilder out = new StringBuilder(512);
        out.append("{\n  \"version\": ").append(VERSION)
                .append(",\n  \"id\": ").append(quote(id))
                .append(",\n  \"state\": ").append(quote(state.id()))
                .append(",\n  \"salt\": ").append(quote(salt))
                .append(",\n  \"files\": [");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            out.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"path\": ").append(quote(e.path()))
                    .append(", \"kind\": ").append(quote(e.kind().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(", \"existed\": ").append(e.existed())
                    .append(", \"before\": ").append(e.before().map(Journal::quote).orElse("null"))
                    .append(", \"after\": ").append(quote(e.after()))
                    .append(", \"mode\": ").append(e.mode().map(Journal::quote).orElse("null"))
                    .append(", \"owner\": ").append(e.owner().map(Journal::quote).orElse("null"))
                    .append(", \"group\": ").append(e.group().map(Journal::quote).orElse("null"))
                    .append('}');
        }
        out.append(entries.isEmpty() ? "],\n" : "\n  ],\n").append("  \"createdDirs\": [");
        for (int i = 0; i < createdDirs.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(createdDirs.get(i)));
        }
        return out.append("]\n}\n").toString();
    }

    /** Returns {@code text} as a JSON string, escaping as RFC 8259 requires. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

package dev.hush.core.migrate;

import dev.hush.core.format.yaml.BoundedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * (whether it existed, salted SHA-256 of the bytes before and after, the POSIX mode) and the
 * folders it creates. It never holds a value: the hashes are salted per migration, so they
 * cannot be matched against a list of known passwords made in advance.
 */
record Journal(String id, State state, String salt, List<Entry> entries, List<String> createdDirs) {
    private static final int VERSION = 1;

    /** The longest journal read, in bytes and characters: one line per file a migration touched. */
    private static final int MAX_LENGTH = 16 * 1024 * 1024;

    /** Where a migration is; only {@code started} means it was interrupted. */
    enum State {
        STARTED("started"), COMPLETE("complete"), ROLLED_BACK("rolled-back"), UNDONE("undone");

        private final String id;

        State(String id) {
            this.id = id;
        }

        String id() {
            return id;
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
     */
    record Entry(String path, Kind kind, boolean existed, Optional<String> before, String after, Optional<String> mode) {
        Entry {
            ProjectPaths.checkRelative(path);
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(before, "before == null");
            Objects.requireNonNull(after, "after == null");
            Objects.requireNonNull(mode, "mode == null");
            if (existed != before.isPresent()) {
                throw new IllegalArgumentException("existed != before.isPresent() for " + path);
            }
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

    /** Writes the journal durably: temp file, fsync, atomic rename. */
    void write(Path journalDir) throws IOException {
        FileWrites.writeAtomically(file(journalDir), toJson().getBytes(StandardCharsets.UTF_8), FileWrites.PRIVATE_FILE);
    }

    /** Returns the newest journal in {@code journalDir} (ids sort by time), if any. */
    static Optional<Journal> newest(Path journalDir) throws IOException {
        List<Journal> all = all(journalDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Returns every journal in {@code journalDir}, newest first. */
    static List<Journal> all(Path journalDir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(journalDir)) {
            return List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(journalDir, "*.json")) {
            stream.forEach(files::add);
        }
        files.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        List<Journal> journals = new ArrayList<>();
        for (Path file : files) {
            journals.add(read(file));
        }
        return journals;
    }

    /** Reads a journal; JSON is YAML, so snakeyaml-engine parses it. */
    static Journal read(Path file) throws IOException {
        if (Files.size(file) > MAX_LENGTH) {
            throw new IOException(file + " is larger than " + MAX_LENGTH + " bytes, more than hush writes; move it away to go on");
        }
        try {
            // A repository may carry a crafted journal: read it within limits, as any YAML hush did not just write.
            Object root = BoundedYaml.load(Files.readString(file, StandardCharsets.UTF_8), file.toString(), MAX_LENGTH);
            Map<?, ?> map = (Map<?, ?>) root;
            if (!Objects.equals(map.get("version"), VERSION)) {
                throw new IOException(file + ": journal version " + map.get("version") + " is not " + VERSION);
            }
            List<Entry> entries = new ArrayList<>();
            for (Object item : (List<?>) map.get("files")) {
                Map<?, ?> entry = (Map<?, ?>) item;
                entries.add(new Entry((String) entry.get("path"), Kind.valueOf(((String) entry.get("kind")).toUpperCase(java.util.Locale.ROOT)),
                        (Boolean) entry.get("existed"), Optional.ofNullable((String) entry.get("before")),
                        (String) entry.get("after"), Optional.ofNullable((String) entry.get("mode"))));
            }
            List<String> dirs = new ArrayList<>();
            for (Object dir : (List<?>) map.get("createdDirs")) {
                dirs.add(ProjectPaths.checkRelative((String) dir));
            }
            return new Journal((String) map.get("id"), State.of((String) map.get("state")), (String) map.get("salt"), entries, dirs);
        } catch (YamlEngineException | ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getClass().getSimpleName()
                    + "); move it away to go on, after restoring by hand from .hush/backup/ if needed", e);
        }
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

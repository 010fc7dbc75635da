package dev.hush.core.migrate.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals journals to one user, one machine and one project: an HMAC-SHA256 over the project's
 * real path and the journal's text, keyed by {@code journal.key} in the user's config folder
 * ({@code $XDG_CONFIG_HOME/hush}, else {@code ~/.config/hush}; {@code %APPDATA%\hush} on
 * Windows), which never lies in a repository. A journal that a repository carried, or that was
 * written for another folder, does not verify, so hush never restores from it.
 */
final class JournalSeal {
    /** The system property naming the key's folder, read before {@link #KEY_DIR_ENV}. */
    static final String KEY_DIR_PROPERTY = "hush.keyDir";
    /** The environment variable naming the key's folder. */
    static final String KEY_DIR_ENV = "HUSH_KEY_DIR";
    static final String KEY_FILE = "journal.key";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private final byte[] key;
    private final String project;

    private JournalSeal(byte[] key, String project) {
        this.key = key;
        this.project = project;
    }

    /** Returns the seal for the project whose real root is {@code realRoot}, creating the key on first use. */
    static JournalSeal forProject(Path realRoot) throws IOException {
        return new JournalSeal(loadOrCreate(keyFile()), realRoot.toString());
    }

    /** Returns the seal for {@code realRoot} if the key exists; never writes, so a scan can ask. */
    static Optional<JournalSeal> existing(Path realRoot) throws IOException {
        Path file = keyFile();
        return Files.isRegularFile(file) ? Optional.of(new JournalSeal(read(file), realRoot.toString())) : Optional.empty();
    }

    /** Returns the seal's HMAC of {@code journalText}, in hex. */
    String mac(String journalText) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            // The path is length-prefixed so that no path and text can be shifted into another pair.
            byte[] path = project.getBytes(StandardCharsets.UTF_8);
            mac.update(("hush-journal\n" + path.length + "\n").getBytes(StandardCharsets.UTF_8));
            mac.update(path);
            mac.update(journalText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    /** Returns whether {@code mac} is this seal's HMAC of {@code journalText}, in constant time. */
    boolean verifies(String journalText, String mac) {
        return MessageDigest.isEqual(mac(journalText).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
    }

    /** Returns where the key is kept: the override, else the platform's per-user config folder. */
    static Path keyFile() {
        return keyDir(System.getProperties(), System.getenv()).resolve(KEY_FILE);
    }

    static Path keyDir(Properties properties, Map<String, String> env) {
        String override = properties.getProperty(KEY_DIR_PROPERTY, env.get(KEY_DIR_ENV));
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = properties.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String appData = env.get("APPDATA");
        if (os.startsWith("windows") && appData != null && !appData.isBlank()) {
            return Path.of(appData, "hush");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "hush");
        }
        return Path.of(properties.getProperty("user.home"), ".config", "hush");
    }

    private static byte[] loadOrCreate(Path file) throws IOException {
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            // Created below.
        }
        Path dir = file.getParent();
        Files.createDirectories(dir);
        if (FileWrites.hasPosix(dir) && !Files.isSymbolicLink(dir)) {
            Files.setPosixFilePermissions(dir, FileWrites.PRIVATE_DIR);
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path temp = dir.resolve(KEY_FILE + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temp);
        FileWrites.writeNew(temp, (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII),
                FileWrites.PRIVATE_FILE);
        try {
            // A link never replaces: when two runs create the key at once, both use the first one.
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            // Another run won; read its key below.
        } catch (UnsupportedOperationException | IOException e) {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(temp, file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return read(file);
    }

    private static byte[] read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            byte[] key = HexFormat.of().parseHex(text);
            if (key.length == KEY_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // Reported below.
        }
        throw new IOException(file + " is not a hush journal key (" + KEY_BYTES * 2 + " hex digits); delete it and"
                + " hush makes a new one (journals sealed with the old key are then no longer trusted)");
    }

    @Override
    public String toString() {
        return "JournalSeal[" + Objects.requireNonNull(project) + "]";
    }
}

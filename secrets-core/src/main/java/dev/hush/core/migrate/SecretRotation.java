package dev.hush.core.migrate;

import dev.hush.core.migrate.apply.FileWrites;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Rotates a migrated secret on the spot: replaces the value in its {@code .secrets/<name>.txt}
 * after a migration, atomically and with mode 0600. Because the file then differs from what
 * the migration wrote, {@code hush migrate --undo} keeps it: a new value is never lost.
 */
public final class SecretRotation {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretRotation() {
    }

    /** Returns a new random value: 32 bytes from {@link SecureRandom}, base64url without padding (43 characters). */
    public static SecretValue generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SecretValue.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Replaces the value of the existing secret file {@code name} under {@code root/secretsDir}.
     *
     * @throws MigrationException when the file is missing, a link, or not read back as written
     */
    public static void replace(Path root, String secretsDir, SecretName name, SecretValue value)
            throws IOException, MigrationException {
        Objects.requireNonNull(value, "value == null");
        Path dir = root.resolve(ProjectPaths.checkRelative(secretsDir));
        Path file = dir.resolve(name.value() + ".txt");
        if (Files.isSymbolicLink(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new MigrationException(MigrationException.Problem.UNSAFE_PATH,
                    file + " is missing or a link; run hush migrate first, then rotate");
        }
        byte[] bytes = value.reveal().getBytes(StandardCharsets.UTF_8);
        FileWrites.writeAtomically(file, bytes, FileWrites.PRIVATE_FILE);
        if (!MessageDigest.isEqual(Files.readAllBytes(file), bytes)) {
            throw new MigrationException(MigrationException.Problem.IO_FAILED,
                    file + " did not read back as written; check the disk and run the rotation again");
        }
    }
}

package dev.hush.core.migrate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Writes files so that a crash leaves either the old or the new bytes: a temp file beside the
 * target (so the rename stays on one file system), fsync, atomic rename, fsync of the folder.
 * Where the file system has no POSIX permissions, modes are skipped.
 */
final class FileWrites {
    /** {@code rw-------}: secret files, backups, journals. */
    static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    /** {@code rwx------}: the secrets folder and {@code .hush}. */
    static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    /** {@code rw-r--r--}: a new ordinary file such as {@code .env.example}. */
    static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    /** {@code rwxr-xr-x}: a new ordinary folder. */
    static final Set<PosixFilePermission> NEW_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    private static final String TEMP_SUFFIX = ".hush-tmp";

    private FileWrites() {
    }

    /** Returns the temp file {@code target} is written through; its name is fixed so recovery can remove it. */
    static Path tempFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMP_SUFFIX);
    }

    /** Replaces (or creates) {@code target} with {@code bytes} atomically and durably, with mode {@code mode}. */
    static void writeAtomically(Path target, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        Path temp = tempFor(target);
        Files.deleteIfExists(temp);
        writeNew(temp, bytes, mode);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(target.getParent());
    }

    /** Creates {@code file}, which must not exist, holding {@code bytes} with mode {@code mode}, and fsyncs it. */
    static void writeNew(Path file, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        boolean posix = hasPosix(file);
        // Created private, then widened: the bytes are never readable by others, not even briefly.
        FileAttribute<?>[] attributes = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FILE)}
                : new FileAttribute<?>[0];
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel channel = FileChannel.open(file, options, attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        if (posix) {
            Files.setPosixFilePermissions(file, mode);
        }
    }

    /** Creates the folder {@code dir}, whose parent exists, with mode {@code mode}. */
    static void createFolder(Path dir, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            return;
        }
        if (hasPosix(dir)) {
            Files.setPosixFilePermissions(dir, mode);
        }
        syncFolder(dir.getParent());
    }

    /** Flushes a folder's entries to disk where the platform allows it; a rename is durable only then. */
    static void syncFolder(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a folder; the rename is still atomic, only its durability is weaker.
        }
    }

    /** Returns the bytes of {@code file}, or empty when it does not exist. */
    static Optional<byte[]> readIfExists(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Returns the POSIX permissions of {@code path}, or empty on a file system without them. */
    static Optional<Set<PosixFilePermission>> mode(Path path) throws IOException {
        return hasPosix(path) ? Optional.of(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) : Optional.empty();
    }

    static boolean hasPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

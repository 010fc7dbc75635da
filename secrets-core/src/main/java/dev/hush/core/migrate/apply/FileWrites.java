package dev.hush.core.migrate.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes files so that a crash leaves either the old or the new bytes: a temp file beside the
 * target (so the rename stays on one file system), fsync, atomic rename, fsync of the folder.
 * Where the file system has no POSIX permissions, modes are skipped. Public only for {@link
 * dev.hush.core.migrate.SecretRotation}, which rewrites a secret file outside a transaction.
 */
public final class FileWrites {
    /** {@code rw-------}: secret files, backups, journals. */
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
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

    /**
     * Deletes the temp files that writes under {@code folder} left when the process was killed
     * between writing a temp file and renaming it; only hush writes there, under the project lock.
     */
    static void deleteTemps(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(TEMP_SUFFIX) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Replaces (or creates) {@code target} with {@code bytes} atomically and durably, with mode {@code mode}. */
    public static void writeAtomically(Path target, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        writeAtomically(target, bytes, Attributes.ofMode(mode), tempFor(target));
    }

    /**
     * Replaces (or creates) {@code target} with {@code bytes} through the temp file {@code temp},
     * atomically and durably, with the mode, owner and group of {@code attributes} (owner and
     * group where the user may set them). A temp file in another folder (such as {@code .hush/tmp},
     * which git ignores) is renamed across folders; where that is not atomic, because the folders
     * lie on different file systems, the temp file beside the target is used instead. A failed
     * write removes its temp file, so a full disk leaves nothing behind.
     */
    static void writeAtomically(Path target, byte[] bytes, Attributes attributes, Path temp) throws IOException {
        Files.deleteIfExists(temp);
        try {
            writeNew(temp, bytes, attributes.mode());
            attributes.applyOwnerTo(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Path beside = tempFor(target);
                if (beside.equals(temp)) {
                    throw e;
                }
                Files.deleteIfExists(temp);
                writeAtomically(target, bytes, attributes, beside);
                return;
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
        syncFolder(target.getParent());
    }

    private static void deleteQuietly(Path file, Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException again) {
            cause.addSuppressed(again);
        }
    }

    /**
     * Holds what hush keeps of a file it rewrites besides its bytes: the POSIX mode, owner and
     * group, each empty where the file system has none.
     *
     * @param permissions the mode, e.g. {@code rw-r-----}
     * @param owner the owner's name
     * @param group the group's name
     */
    record Attributes(Optional<Set<PosixFilePermission>> permissions, Optional<String> owner, Optional<String> group) {
        Attributes {
            permissions = permissions.map(Set::copyOf);
            Objects.requireNonNull(owner, "owner == null");
            Objects.requireNonNull(group, "group == null");
        }

        /** Returns attributes that set only {@code mode}. */
        static Attributes ofMode(Set<PosixFilePermission> mode) {
            return new Attributes(Optional.of(mode), Optional.empty(), Optional.empty());
        }

        /** Returns the mode, owner and group of {@code path}, or only a mode of {@code fallback} where there are none. */
        static Attributes of(Path path, Set<PosixFilePermission> fallback) throws IOException {
            if (!hasPosix(path)) {
                return ofMode(fallback);
            }
            PosixFileAttributes read = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Attributes(Optional.of(read.permissions()), Optional.of(read.owner().getName()),
                    Optional.of(read.group().getName()));
        }

        /** Returns the permissions to create a file with; {@code rw-r--r--} when none are known. */
        Set<PosixFilePermission> mode() {
            return permissions.orElse(NEW_FILE);
        }

        /**
         * Gives {@code file} this owner and group where they differ and the user may set them
         * (root may; others may choose only among their own groups), so a file rewritten by
         * {@code sudo hush migrate} keeps its owner.
         */
        void applyOwnerTo(Path file) throws IOException {
            if (!hasPosix(file) || (owner.isEmpty() && group.isEmpty())) {
                return;
            }
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes now = view.readAttributes();
            UserPrincipalLookupService names = file.getFileSystem().getUserPrincipalLookupService();
            try {
                if (owner.isPresent() && !owner.get().equals(now.owner().getName())) {
                    view.setOwner(names.lookupPrincipalByName(owner.get()));
                }
                if (group.isPresent() && !group.get().equals(now.group().getName())) {
                    view.setGroup(names.lookupPrincipalByGroupName(group.get()));
                }
            } catch (FileSystemException | UserPrincipalNotFoundException | UnsupportedOperationException e) {
                // Not permitted (or the name is unknown here): the file keeps the writer's owner, as any editor would leave it.
            }
        }
    }

    /** Creates {@code file}, which must not exist, holding {@code bytes} with mode {@code mode}, and fsyncs it. */
    static void writeNew(Path file, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        boolean posix = hasPosix(file);
        // Created private, then widened: the bytes are never readable by others, not even briefly.
        FileAttribute<?>[] attributes = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FILE)}
                : new FileAttribute<?>[0];
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileChannel channel = FileChannel.open(file, options, attributes);
        try (channel) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
            if (posix) {
                Files.setPosixFilePermissions(file, mode);
            }
        } catch (IOException | RuntimeException e) {
            // A full disk must not leave a short file where a whole one is expected (a lock, a journal).
            deleteQuietly(file, e);
            throw e;
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

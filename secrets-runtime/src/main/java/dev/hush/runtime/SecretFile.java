package dev.hush.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reads one secret file with the checks that keep a bad file from passing as a value. */
final class SecretFile {

    private final String name;
    private final int maxSize;

    SecretFile(String name, int maxSize) {
        this.name = name;
        this.maxSize = maxSize;
    }

    /**
     * Returns whether anything, even a broken link, exists at {@code path}.
     *
     * @throws SecretReadException if the file system cannot tell
     */
    boolean exists(Path path) {
        try {
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (NoSuchFileException absent) {
            return false;
        } catch (IOException e) {
            throw failure("cannot check " + path + " (" + reason(e) + ")", e);
        }
    }

    /**
     * Reads the secret at {@code path}, which must resolve to a file inside {@code directory}.
     */
    SourcedSecret readInside(Path path, Path directory) {
        Path target = realPath(path);
        Path realDirectory = realPath(directory);
        if (!target.startsWith(realDirectory) || target.equals(realDirectory)) {
            throw failure(path + " links to " + target + ", outside " + realDirectory
                    + "; refusing to follow it");
        }
        return read(path, target);
    }

    /** Reads the secret at {@code path}, wherever its links lead. */
    SourcedSecret readAnywhere(Path path) {
        return read(path, realPath(path));
    }

    private SourcedSecret read(Path path, Path target) {
        BasicFileAttributes attributes;
        byte[] bytes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw failure(path + " is a directory, not a file");
            }
            if (!attributes.isRegularFile()) {
                throw failure(path + " is not a regular file");
            }
            if (attributes.size() > maxSize) {
                throw tooLarge(path);
            }
            try (InputStream in = Files.newInputStream(target)) {
                // One byte more than allowed tells a file that grew since the check.
                bytes = in.readNBytes(maxSize + 1);
            }
        } catch (IOException e) {
            throw failure("cannot read " + path + " (" + reason(e) + ")", e);
        }
        if (bytes.length > maxSize) {
            throw tooLarge(path);
        }
        Secret secret = Secret.fromFile(name, path.toString(), bytes);
        return SourcedSecret.fromFile(secret, path, FileStamp.of(attributes));
    }

    private Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            String problem = Files.isSymbolicLink(path) ? " is a link to a missing file" : " vanished while being read";
            throw failure(path + problem, e);
        } catch (IOException e) {
            throw failure("cannot resolve " + path + " (" + reason(e) + ")", e);
        }
    }

    private SecretReadException tooLarge(Path path) {
        return failure(path + " is larger than the limit of " + maxSize + " bytes");
    }

    private SecretReadException failure(String problem) {
        return failure(problem, null);
    }

    private SecretReadException failure(String problem, Throwable cause) {
        return new SecretReadException(name, "secret '" + name + "': " + problem, cause);
    }

    /** Returns why an operation failed, in the operating system's words where it gave them. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            // The JDK leaves the reason of this one empty.
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getClass().getSimpleName();
    }
}

package dev.hush.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/** Identifies one version of a file: modification time, size and, where known, the file key. */
final class FileStamp {

    private final FileTime modified;
    private final long size;
    private final Object fileKey;

    private FileStamp(FileTime modified, long size, Object fileKey) {
        this.modified = modified;
        this.size = size;
        this.fileKey = fileKey;
    }

    /** Returns the stamp of the file these attributes describe. */
    static FileStamp of(BasicFileAttributes attributes) {
        return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    }

    /** Returns the stamp of the file at {@code path}, following links. */
    static FileStamp of(Path path) throws IOException {
        return of(Files.readAttributes(path, BasicFileAttributes.class));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FileStamp)) {
            return false;
        }
        FileStamp that = (FileStamp) other;
        return size == that.size && modified.equals(that.modified) && Objects.equals(fileKey, that.fileKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modified, size, fileKey);
    }

    @Override
    public String toString() {
        return "FileStamp[modified=" + modified + ", size=" + size + "]";
    }
}

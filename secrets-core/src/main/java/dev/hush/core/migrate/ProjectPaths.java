package dev.hush.core.migrate;

import java.util.Objects;

/** Checks the project-relative paths that plans carry, before any of them meets a file system. */
public final class ProjectPaths {
    /** The folder, relative to the project root, that only hush writes: journals, backups, the lock. */
    public static final String HUSH_DIR = ".hush";

    private ProjectPaths() {
    }

    /**
     * Returns {@code path} if it is relative, {@code /}-separated, without empty, {@code .} or
     * {@code ..} segments, backslashes or control characters; else throws naming the problem.
     */
    public static String checkRelative(String path) {
        Objects.requireNonNull(path, "path == null");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("path is absolute: " + path);
        }
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("path contains '\\': " + path);
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new IllegalArgumentException("path contains a control character: " + path.replaceAll("\\p{Cntrl}", "?"));
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("path has an empty, '.' or '..' segment: " + path);
            }
        }
        return path;
    }
}

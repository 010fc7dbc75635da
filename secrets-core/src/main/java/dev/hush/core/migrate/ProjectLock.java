package dev.hush.core.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Holds {@code .hush/lock} so that two migrations never run at once on one project. The file
 * names the holder's process id and start time; a lock whose process is gone (or whose id now
 * belongs to a process started later) is stale and taken over.
 */
final class ProjectLock implements AutoCloseable {
    /** How long a lock without a readable holder counts as being written rather than abandoned. */
    private static final Duration UNREADABLE_GRACE = Duration.ofSeconds(10);

    private final Path file;

    private ProjectLock(Path file) {
        this.file = file;
    }

    /**
     * Takes the lock in {@code hushDir}, taking over a stale one.
     *
     * @throws MigrationException when a live process holds it
     */
    static ProjectLock acquire(Path hushDir) throws MigrationException, IOException {
        Path file = hushDir.resolve("lock");
        ProcessHandle self = ProcessHandle.current();
        String content = self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("-") + "\n";
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                FileWrites.writeNew(file, content.getBytes(StandardCharsets.UTF_8), FileWrites.PRIVATE_FILE);
                return new ProjectLock(file);
            } catch (FileAlreadyExistsException e) {
                if (heldByLiveProcess(file)) {
                    throw new MigrationException(MigrationException.Problem.LOCKED, "another hush migrate is running (pid "
                            + holder(file).map(String::valueOf).orElse("unknown")
                            + "); wait for it to finish, or delete " + file + " if that process is not hush");
                }
                Files.deleteIfExists(file);
            }
        }
        throw new MigrationException(MigrationException.Problem.LOCKED, "could not take " + file + "; another hush migrate keeps taking it");
    }

    private static boolean heldByLiveProcess(Path file) throws IOException {
        String[] fields;
        try {
            fields = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
        } catch (NoSuchFileException e) {
            return false;
        }
        Optional<Long> pid = holder(fields);
        if (pid.isEmpty()) {
            // Its holder may be between creating and writing it.
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            return modified.isAfter(Instant.now().minus(UNREADABLE_GRACE));
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get());
        if (process.isEmpty()) {
            return false;
        }
        if (fields.length > 1 && !fields[1].equals("-")) {
            Optional<Instant> started = process.get().info().startInstant();
            // A process id is reused over time: only the process that wrote the lock holds it.
            return started.isEmpty() || started.get().toString().equals(fields[1]);
        }
        return true;
    }

    private static Optional<Long> holder(Path file) {
        try {
            return holder(Files.readString(file, StandardCharsets.UTF_8).strip().split(" "));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> holder(String[] fields) {
        try {
            return Optional.of(Long.parseLong(fields[0]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}

package dev.hush.core.migrate.apply;

import dev.hush.core.migrate.MigrationException;
import dev.hush.core.migrate.ProjectPaths;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Holds {@code .hush/lock} so that two migrations never run at once on one project. The lock
 * names its holder's process id, host and start time; it is written whole to a temp file and
 * then linked into place, so it never exists half-written, not even on a full disk. A lock
 * whose process is gone on this host (or whose id now belongs to a process started later), and
 * a lock that is empty or unreadable (left by an older hush or a broken disk), is taken over,
 * with a note saying so.
 */
final class ProjectLock implements AutoCloseable {
    static final String FILE = "lock";
    private static final String HUSH = ProjectPaths.HUSH_DIR;
    private static final String HOST = hostName();

    private final Path file;
    private final Optional<String> note;

    private ProjectLock(Path file, Optional<String> note) {
        this.file = file;
        this.note = note;
    }

    /** What a lock file says about its holder. */
    private record Holder(long pid, String host, String started) {
        static Optional<Holder> parse(String text) {
            String[] fields = text.strip().split(" ");
            if (fields.length != 2 && fields.length != 3) {
                return Optional.empty();
            }
            try {
                // Two fields ("pid start") is what hush wrote before locks named their host.
                return Optional.of(fields.length == 2 ? new Holder(Long.parseLong(fields[0]), HOST, fields[1])
                        : new Holder(Long.parseLong(fields[0]), fields[1], fields[2]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        static Holder current() {
            ProcessHandle self = ProcessHandle.current();
            return new Holder(self.pid(), HOST, self.info().startInstant().map(Instant::toString).orElse("-"));
        }

        String line() {
            return pid + " " + host + " " + started + "\n";
        }

        /** Returns whether this holder is certainly gone: on this host, and no process with its id and start time lives. */
        boolean gone() {
            if (!host.equals(HOST)) {
                return false;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return true;
            }
            // A process id is reused over time: only the process that wrote the lock holds it.
            Optional<Instant> start = process.get().info().startInstant();
            return !started.equals("-") && start.isPresent() && !start.get().toString().equals(started);
        }
    }

    /**
     * Takes the lock in {@code hushDir}, taking over a stale one.
     *
     * @throws MigrationException when a live process holds it
     * @throws IOException when the lock cannot be written (nothing is left behind)
     */
    static ProjectLock acquire(Path hushDir) throws MigrationException, IOException {
        Path file = hushDir.resolve(FILE);
        Holder self = Holder.current();
        byte[] content = self.line().getBytes(StandardCharsets.UTF_8);
        Optional<String> note = Optional.empty();
        for (int attempt = 0; attempt < 5; attempt++) {
            if (create(file, content, self)) {
                return new ProjectLock(file, note);
            }
            byte[] seen;
            try {
                seen = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                seen = new byte[0];
            }
            Optional<Holder> holder = Holder.parse(new String(seen, StandardCharsets.UTF_8));
            if (holder.isPresent() && !holder.get().gone()) {
                throw new MigrationException(MigrationException.Problem.LOCKED, "another hush migrate is running (pid "
                        + holder.get().pid() + " on " + holder.get().host() + ", started " + holder.get().started()
                        + "); wait for it to finish, or delete " + file + " if that process is not hush");
            }
            note = Optional.of(holder.map(h -> "took over " + HUSH + "/" + FILE + " left by pid " + h.pid()
                    + " (started " + h.started() + "), which is no longer running")
                    .orElse("took over an empty or unreadable " + HUSH + "/" + FILE + " (left by a crash or a full disk)"));
            takeOver(file, seen);
        }
        throw new MigrationException(MigrationException.Problem.LOCKED, "could not take " + file + "; another hush migrate keeps taking it");
    }


    /** Creates the lock whole, or returns false when one exists. */
    private static boolean create(Path file, byte[] content, Holder self) throws IOException {
        Path temp = file.resolveSibling(FILE + "." + self.pid() + ".tmp");
        Files.deleteIfExists(temp);
        FileWrites.writeNew(temp, content, FileWrites.PRIVATE_FILE);
        try {
            Files.createLink(file, temp);
            FileWrites.syncFolder(file.getParent());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            // No hard links here: a rename that refuses an existing target is the next best.
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            try {
                Files.move(temp, file);
                return true;
            } catch (FileAlreadyExistsException again) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes a stale lock, unless another run replaced it since it was read. */
    private static void takeOver(Path file, byte[] seen) throws IOException {
        try {
            if (Arrays.equals(Files.readAllBytes(file), seen)) {
                Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException e) {
            // Released meanwhile.
        } catch (IOException e) {
            Files.deleteIfExists(file);
        }
    }

    /** Returns this machine's name without asking DNS, which may hang where there is no network. */
    private static String hostName() {
        String name = System.getenv("COMPUTERNAME");
        if (name == null || name.isBlank()) {
            try {
                name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException e) {
                name = null;
            }
        }
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "localhost";
            }
        }
        return name.replaceAll("\\s", "_");
    }

    /** Returns what the user should know about taking the lock, such as a stale lock taken over. */
    Optional<String> note() {
        return note;
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}

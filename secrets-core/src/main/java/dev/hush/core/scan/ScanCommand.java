package dev.hush.core.scan;

import dev.hush.core.model.CallGuard;
import dev.hush.core.detect.Detector;
import dev.hush.core.detect.DotenvAnalyzer;
import dev.hush.core.detect.GitFacts;
import dev.hush.core.git.WorkTree;
import dev.hush.core.baseline.Baseline;
import dev.hush.core.baseline.Fingerprints;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import dev.hush.core.model.SkippedFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scans a project's working tree: {@code Hush.scan().root(path).call()}. Each file is read
 * once and analysed on every core; the dotenv files that compose files load are analysed
 * as dotenv whatever their name.
 */
public final class ScanCommand {
    private final CallGuard guard = new CallGuard("ScanCommand");
    private static final Comparator<Finding> BY_LOCATION = Comparator
            .comparing((Finding f) -> f.location().path())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(Finding::ruleId);
    /** Below this many bytes to read, the calling thread reads them alone. */
    private static final long PARALLEL_BYTES = 1 << 20;
    /** The longest array a JVM reliably allocates. */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private Path root = Path.of(".");
    private Optional<HushConfig> config = Optional.empty();
    private Optional<Baseline> baseline = Optional.empty();

    /** Creates a scan of the current folder with the project's own settings; prefer {@code Hush.scan()}. */
    public ScanCommand() {
    }

    /** Sets the folder (or single file) to scan. */
    public ScanCommand root(Path root) {
        this.root = Objects.requireNonNull(root, "root == null");
        return this;
    }

    /** Sets the settings; without this call, {@code .hush.yaml} at the root is read if present. */
    public ScanCommand config(HushConfig config) {
        this.config = Optional.of(Objects.requireNonNull(config, "config == null"));
        return this;
    }

    /** Reports only findings that {@code baseline} does not accept. */
    public ScanCommand baseline(Baseline baseline) {
        this.baseline = Optional.of(Objects.requireNonNull(baseline, "baseline == null"));
        return this;
    }

    /**
     * Runs the scan.
     *
     * @throws IOException when the root cannot be walked at all
     * @throws java.nio.file.NoSuchFileException when the root does not exist
     */
    public ScanReport call() throws IOException {
        guard.markCalled();
        long start = System.nanoTime();
        if (!Files.exists(root)) {
            throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such file or folder");
        }
        Path folder = Files.isDirectory(root) ? root : Optional.ofNullable(root.toAbsolutePath().getParent()).orElse(root);
        HushConfig settings = config.isPresent() ? config.get() : HushConfig.forProject(folder);
        // Loading the rules and reading git's index are each tens of milliseconds of a cold start:
        // build the detector on a second core meanwhile.
        FutureTask<Detector> detectorTask = new FutureTask<>(() -> Detector.create(settings));
        Thread loader = new Thread(detectorTask, "hush-rules");
        loader.setDaemon(true);
        loader.start();
        WorkTree workTree = WorkTree.of(folder);
        Detector detector = await(detectorTask);
        Workers workers = new Workers(detector, workTree);
        ProjectWalk walk;
        try {
            walk = ProjectWalk.of(root, workTree, settings.maxFileSize(), workers::add);
        } catch (IOException | RuntimeException | Error e) {
            workers.abandon();
            throw e;
        }

        List<FileOutcome> outcomes = workers.finish();
        List<SkippedFile> skipped = new ArrayList<>(walk.skipped());
        Collection<FileOutcome> all = withEnvFilesAsDotenv(outcomes, folder, detector, workTree, skipped);

        List<Finding> findings = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        long binary = 0;
        for (FileOutcome outcome : all) {
            outcome.error().ifPresent(errors::add);
            if (outcome.result() != null) {
                files++;
                bytes += outcome.size();
                binary += outcome.result().binary() ? 1 : 0;
                findings.addAll(outcome.result().findings());
                errors.addAll(outcome.result().errors());
            }
        }
        List<String> stale = List.of();
        if (baseline.isPresent()) {
            stale = baseline.get().staleEntries(findings);
            findings.removeIf(baseline.get()::accepts);
        }
        findings.sort(BY_LOCATION);
        errors.sort(Comparator.comparing(ScanError::path).thenComparingInt(ScanError::line));
        Fingerprints fingerprints = Fingerprints.cache();
        Map<Finding, String> byFinding = new ConcurrentHashMap<>();
        findings.parallelStream().forEach(f -> byFinding.put(f, fingerprints.of(f)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ScanReport(findings, byFinding, errors, skipped, stale,
                new ScanReport.Stats(files - binary, bytes, binary, millis), false);
    }

    /** Returns what {@code task} computed, throwing what it threw. */
    private static <T> T await(FutureTask<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while loading the rules");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            } else if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What reading and analysing one file gave, or why it could not be read. */
    private record FileOutcome(String path, long size, Detector.Result result, Optional<ScanError> error) {
    }

    /**
     * Reads and analyses the files the walk finds while it walks: once a megabyte is queued,
     * helper threads take files from the queue as the walk adds them, and the calling thread
     * joins them when the walk ends, so every core is busy from the first files to the last.
     * A small change is read by the calling thread alone, which costs less than a thread.
     */
    private static final class Workers {
        private final Detector detector;
        private final GitFacts git;
        private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
        /** Every task in the walk's order; touched by the walking thread only. */
        private final List<Task> tasks = new ArrayList<>();
        private final List<Thread> helpers = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean walked;
        private long queued;

        Workers(Detector detector, GitFacts git) {
            this.detector = detector;
            this.git = git;
        }

        /** One file to read, and what reading it gave once a worker has. */
        private static final class Task {
            final ProjectWalk.Entry entry;
            FileOutcome outcome;

            Task(ProjectWalk.Entry entry) {
                this.entry = entry;
            }
        }

        /** Queues a file the walk found. */
        void add(ProjectWalk.Entry entry) {
            Task task = new Task(entry);
            tasks.add(task);
            queue.add(task);
            queued += entry.size();
            if (helpers.isEmpty() && queued >= PARALLEL_BYTES) {
                // The walking thread is one of the cores' workers once the walk ends.
                for (int t = 1; t < Runtime.getRuntime().availableProcessors(); t++) {
                    Thread helper = new Thread(this::work, "hush-scan-" + t);
                    helper.setDaemon(true);
                    helper.setUncaughtExceptionHandler((thread, e) -> failure.compareAndSet(null, e));
                    helper.start();
                    helpers.add(helper);
                }
            }
        }

        /** Stops the helpers after the file each one is reading, when the walk failed. */
        void abandon() {
            queue.clear();
            walked = true;
        }

        /** Reads what is left once the walk has ended, and returns every outcome in the walk's order. */
        List<FileOutcome> finish() throws IOException {
            walked = true;
            work();
            for (Thread helper : helpers) {
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while scanning");
                }
            }
            if (failure.get() instanceof RuntimeException e) {
                throw e;
            } else if (failure.get() instanceof Error e) {
                throw e;
            }
            List<FileOutcome> outcomes = new ArrayList<>(tasks.size());
            for (Task task : tasks) {
                outcomes.add(task.outcome);
            }
            return outcomes;
        }

        private void work() {
            ReadBuffer reader = new ReadBuffer();
            while (true) {
                Task task = queue.poll();
                if (task == null) {
                    if (walked) {
                        // Every task was queued before walked was set: an empty queue now stays empty.
                        task = queue.poll();
                        if (task == null) {
                            return;
                        }
                    } else {
                        try {
                            task = queue.poll(1, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        if (task == null) {
                            continue;
                        }
                    }
                }
                task.outcome = reader.read(detector, git, task.entry.file(), task.entry.path(), false);
            }
        }
    }

    /** Reads files into one buffer, reused from file to file: a worker's, never shared. */
    private static final class ReadBuffer {
        private byte[] buffer = new byte[64 * 1024];

        FileOutcome read(Detector detector, GitFacts git, Path file, String path, boolean asDotenv) {
            try {
                int length = readFully(file);
                return new FileOutcome(path, length, detector.analyze(path, buffer, length, git, asDotenv), Optional.empty());
            } catch (IOException | OutOfMemoryError e) {
                return new FileOutcome(path, 0, null,
                        Optional.of(new ScanError(path, 0, "cannot be read (" + e.getClass().getSimpleName() + "); skipped")));
            }
        }

        /** Reads {@code file} to its end, which may lie past the size it had when the walk saw it. */
        private int readFully(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size >= MAX_LENGTH) {
                    throw new OutOfMemoryError("file too large for an array");
                }
                // One byte more than the size, so that the read that finds the end needs no larger buffer.
                ensureCapacity((int) size + 1);
                int length = 0;
                while (true) {
                    if (length == buffer.length) {
                        if (length >= MAX_LENGTH) {
                            throw new OutOfMemoryError("file too large for an array");
                        }
                        ensureCapacity((int) Math.min(MAX_LENGTH, 2L * length));
                    }
                    int read = channel.read(ByteBuffer.wrap(buffer, length, buffer.length - length));
                    if (read < 0) {
                        return length;
                    }
                    length += read;
                }
            }
        }

        private void ensureCapacity(int capacity) {
            if (buffer.length < capacity) {
                buffer = Arrays.copyOf(buffer, (int) Math.max(capacity, Math.min(MAX_LENGTH, 2L * buffer.length)));
            }
        }
    }

    /**
     * Returns the outcomes with the files that compose files load with {@code env_file}
     * analysed as dotenv, replacing the walk's outcome of a file whose name did not say
     * dotenv. A path outside the root, or a link, is not read.
     */
    private static Collection<FileOutcome> withEnvFilesAsDotenv(List<FileOutcome> outcomes, Path folder,
            Detector detector, GitFacts git, List<SkippedFile> skipped) {
        Map<String, FileOutcome> byPath = new LinkedHashMap<>();
        Set<String> envFiles = new LinkedHashSet<>();
        for (FileOutcome outcome : outcomes) {
            byPath.put(outcome.path(), outcome);
            if (outcome.result() != null) {
                envFiles.addAll(outcome.result().envFiles());
            }
        }
        Path base = folder.toAbsolutePath().normalize();
        for (String path : envFiles) {
            Path file = base.resolve(path).normalize();
            if (!file.startsWith(base) || Files.isSymbolicLink(file)) {
                skipped.add(new SkippedFile(path, "env_file outside the scanned folder or a symbolic link, not read"));
            } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !DotenvAnalyzer.appliesTo(path)) {
                byPath.put(path, new ReadBuffer().read(detector, git, file, path, true));
            }
        }
        return byPath.values();
    }
}

package dev.hush.core.scan;

import dev.hush.core.baseline.Baseline;
import dev.hush.core.baseline.Fingerprints;
import dev.hush.core.config.HushConfig;
import dev.hush.core.detect.Detector;
import dev.hush.core.detect.DotenvAnalyzer;
import dev.hush.core.detect.GitFacts;
import dev.hush.core.model.Commit;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanError;
import dev.hush.core.model.ScanReport;
import dev.hush.core.model.SkippedFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one scan over whatever a {@link Source} offers: reads and analyses the files on every
 * core while the source is still finding them, analyses as dotenv the files that compose files
 * load with {@code env_file}, applies the baseline, and builds the sorted report with its
 * fingerprints and statistics. Every kind of scan (work tree, staged, diff, range) goes through
 * it, so they report alike; a history scan takes the analysed files from {@link #analyse(Source)}
 * and makes one finding of each secret itself. Part of the engine's seam, not of the API: it
 * takes the unexported detector.
 */
public final class ScanEngine {
    /**
     * By path, line, column and rule. Plain comparisons, not a {@code Comparator.comparing} chain:
     * every scan sorts, and a chain's classes and lambda forms are a few ms of a hook's start.
     */
    private static final Comparator<Finding> BY_LOCATION = (a, b) -> {
        int order = a.location().path().compareTo(b.location().path());
        if (order == 0) {
            order = Integer.compare(a.location().line(), b.location().line());
        }
        if (order == 0) {
            order = Integer.compare(a.location().column(), b.location().column());
        }
        return order != 0 ? order : a.ruleId().compareTo(b.ruleId());
    };
    private static final Comparator<ScanError> ERRORS_BY_LOCATION = (a, b) -> {
        int order = a.path().compareTo(b.path());
        return order != 0 ? order : Integer.compare(a.line(), b.line());
    };
    /** Below this many bytes to read, the calling thread reads them alone. */
    private static final long PARALLEL_BYTES = 1 << 20;
    /** The longest array a JVM reliably allocates. */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final Detector detector;
    private final ContentAnalyzer analyzer;
    private final Optional<Baseline> baseline;
    private final boolean reportsStaleEntries;

    /**
     * Creates an engine.
     *
     * @param reportsStaleEntries whether the source sees the whole project, so that a baseline
     *     entry no finding matched is stale (a diff sees a few files: every other entry would look stale)
     */
    ScanEngine(Detector detector, Optional<Baseline> baseline, boolean reportsStaleEntries) {
        this(Objects.requireNonNull(detector, "detector == null"), detector::analyze, baseline, reportsStaleEntries);
    }

    private ScanEngine(Detector detector, ContentAnalyzer analyzer, Optional<Baseline> baseline,
            boolean reportsStaleEntries) {
        this.detector = detector;
        this.analyzer = analyzer;
        this.baseline = Objects.requireNonNull(baseline, "baseline == null");
        this.reportsStaleEntries = reportsStaleEntries;
    }

    /**
     * Returns an engine for committed blobs only, analysed by {@code analyzer}: no file is on
     * disk, so no build context is looked at.
     */
    public static ScanEngine forBlobs(ContentAnalyzer analyzer) {
        return new ScanEngine(null, Objects.requireNonNull(analyzer, "analyzer == null"), Optional.empty(), false);
    }

    /**
     * The detector, compiled from the rules on a thread of its own while the caller finds what
     * to scan (a work tree's index, a history's commits): on a cold start each takes tens of
     * milliseconds or more, and the second core would idle.
     */
    public static final class Rules {
        private final FutureTask<Detector> task;

        private Rules(HushConfig settings) {
            task = new FutureTask<>(() -> Detector.create(settings));
        }

        /** Starts compiling the rules {@code settings} choose. */
        public static Rules compile(HushConfig settings) {
            Rules rules = new Rules(Objects.requireNonNull(settings, "settings == null"));
            Thread thread = new Thread(rules.task, "hush-rules");
            thread.setDaemon(true);
            thread.start();
            return rules;
        }

        /**
         * Returns the detector once compiled, throwing what compiling it threw.
         *
         * @throws InterruptedIOException when the calling thread is interrupted while waiting
         */
        public Detector await() throws InterruptedIOException {
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
    }

    /** Finds what one file holds: the detector, or a stand-in in tests of a source. */
    @FunctionalInterface
    public interface ContentAnalyzer {
        /** Analyses the first {@code length} bytes of {@code content}, as dotenv when {@code asDotenv}. */
        Detector.Result analyze(String path, byte[] content, int length, GitFacts git, boolean asDotenv);
    }

    /**
     * What reading and analysing a source gave, before the report is built.
     *
     * @param outcomes one per file analysed, in the source's order (the {@code env_file} pass's
     *     extra files last)
     * @param skipped the files not read, and why
     */
    public record Analysis(List<Outcome> outcomes, List<SkippedFile> skipped) {
    }

    /**
     * Scans what {@code source} offers.
     *
     * @param start when the scan began, from {@link System#nanoTime()}, for the report's time
     */
    ScanReport run(Source source, long start) throws IOException {
        Analysis analysis = analyse(source);
        return report(analysis.outcomes(), analysis.skipped(), start);
    }

    /**
     * Reads and analyses what {@code source} offers, on every core, with the {@code env_file}
     * pass, and returns each file's outcome.
     *
     * @throws java.io.InterruptedIOException when the calling thread is interrupted while waiting for the workers
     */
    public Analysis analyse(Source source) throws IOException {
        Workers workers = new Workers(analyzer);
        List<SkippedFile> skipped;
        try {
            skipped = new ArrayList<>(source.offer(workers::add));
        } catch (IOException | RuntimeException | Error e) {
            workers.abandon();
            throw e;
        }
        List<Outcome> outcomes = withBuildContextLeaks(withEnvFilesAsDotenv(workers.finish(), source, skipped));
        return new Analysis(outcomes, skipped);
    }

    /**
     * What reading and analysing one file gave, or why it could not be read.
     *
     * @param size the bytes read
     * @param result what the analysis found; null when the file was not read
     */
    public record Outcome(Fragment fragment, long size, Detector.Result result, Optional<ScanError> error) {
    }

    /**
     * Returns the outcomes with the files that compose files load with {@code env_file}
     * analysed as dotenv in place of the first analysis of a file whose name did not say dotenv.
     */
    private List<Outcome> withEnvFilesAsDotenv(List<Outcome> outcomes, Source source, List<SkippedFile> skipped)
            throws IOException {
        Map<String, List<Fragment>> envFiles = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            if (outcome.result() != null) {
                for (String path : outcome.result().envFiles()) {
                    envFiles.computeIfAbsent(path, p -> new ArrayList<>(1)).add(outcome.fragment());
                }
            }
        }
        if (envFiles.isEmpty()) {
            // Most scans load no env_file: the files are not indexed by path for nothing (a history has thousands).
            return outcomes;
        }
        Map<String, List<Fragment>> offered = new LinkedHashMap<>();
        Map<Fragment, Integer> positions = new IdentityHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Fragment fragment = outcomes.get(i).fragment();
            positions.put(fragment, i);
            offered.computeIfAbsent(fragment.path(), p -> new ArrayList<>(1)).add(fragment);
        }
        List<Outcome> all = new ArrayList<>(outcomes);
        ReadBuffer reader = new ReadBuffer();
        Set<Fragment> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, List<Fragment>> envFile : envFiles.entrySet()) {
            for (Fragment fragment : source.envFiles(envFile.getKey(), envFile.getValue(), offered, skipped)) {
                if (DotenvAnalyzer.appliesTo(fragment.path()) || !done.add(fragment)) {
                    continue;
                }
                Integer position = positions.get(fragment);
                if (position != null) {
                    all.set(position, reader.read(analyzer, fragment, true));
                } else {
                    all.add(reader.read(analyzer, fragment, true));
                }
            }
        }
        return all;
    }

    /** The folders in a build context whose files an image must never hold: secret files, migrate's backups. */
    private static final List<String> SECRET_FOLDERS = List.of(".secrets", ".hush");

    /**
     * Returns the outcomes with the {@code dockerfile-context-secrets} findings added to each
     * Dockerfile read from disk: its folder is the build context, and the secret folders on disk
     * and the key and dotenv files with findings in it must be docker-ignored.
     */
    private List<Outcome> withBuildContextLeaks(List<Outcome> outcomes) {
        List<String> secretFiles = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.result() != null && !outcome.result().findings().isEmpty()
                    && Detector.isSecretFile(outcome.fragment().path())) {
                secretFiles.add(outcome.fragment().path());
            }
        }
        List<Outcome> all = new ArrayList<>(outcomes.size());
        for (Outcome outcome : outcomes) {
            Fragment fragment = outcome.fragment();
            if (detector == null || outcome.result() == null || fragment.onDisk().isEmpty() || fragment.commit().isPresent()
                    || !Detector.isDockerfile(fragment.path())) {
                all.add(outcome);
                continue;
            }
            Path file = fragment.onDisk().get();
            Path folder = Optional.ofNullable(file.getParent()).orElse(Path.of(""));
            int slash = fragment.path().lastIndexOf('/');
            String prefix = slash < 0 ? "" : fragment.path().substring(0, slash + 1);
            List<String> secrets = new ArrayList<>();
            SECRET_FOLDERS.stream().filter(name -> Files.isDirectory(folder.resolve(name), LinkOption.NOFOLLOW_LINKS))
                    .forEach(name -> secrets.add(name + "/"));
            secretFiles.stream().filter(path -> path.startsWith(prefix)).map(path -> path.substring(prefix.length()))
                    .forEach(secrets::add);
            if (secrets.isEmpty()) {
                all.add(outcome);
                continue;
            }
            try {
                Path specific = folder.resolve(file.getFileName() + ".dockerignore");
                Path ignore = Files.isRegularFile(specific, LinkOption.NOFOLLOW_LINKS) ? specific : folder.resolve(".dockerignore");
                String ignoreText = Files.isRegularFile(ignore, LinkOption.NOFOLLOW_LINKS)
                        ? new String(Files.readAllBytes(ignore), StandardCharsets.UTF_8) : null;
                List<Finding> leaks = detector.buildContextLeaks(fragment.path(), Files.readAllBytes(file), ignoreText, secrets);
                if (leaks.isEmpty()) {
                    all.add(outcome);
                    continue;
                }
                List<Finding> findings = new ArrayList<>(outcome.result().findings());
                findings.addAll(leaks);
                Detector.Result result = outcome.result();
                all.add(new Outcome(fragment, outcome.size(),
                        new Detector.Result(findings, result.errors(), result.envFiles(), result.binary()), outcome.error()));
            } catch (IOException e) {
                // The Dockerfile was read a moment ago; if it or its ignore file cannot be read now, its other findings stand.
                all.add(outcome);
            }
        }
        return all;
    }

    private ScanReport report(List<Outcome> outcomes, List<SkippedFile> skipped, long start) {
        List<Finding> findings = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        long binary = 0;
        for (Outcome outcome : outcomes) {
            outcome.error().ifPresent(errors::add);
            if (outcome.result() == null) {
                continue;
            }
            files++;
            bytes += outcome.size();
            binary += outcome.result().binary() ? 1 : 0;
            Optional<Commit> commit = outcome.fragment().commit();
            for (Finding finding : outcome.result().findings()) {
                findings.add(commit.isEmpty() ? finding
                        : finding.toBuilder().location(finding.location().in(commit.get())).build());
            }
            errors.addAll(outcome.result().errors());
        }
        List<String> stale = List.of();
        if (baseline.isPresent()) {
            if (reportsStaleEntries) {
                stale = baseline.get().staleEntries(findings);
            }
            findings.removeIf(baseline.get()::accepts);
        }
        findings.sort(BY_LOCATION);
        errors.sort(ERRORS_BY_LOCATION);
        Map<Finding, String> byFinding = Fingerprints.cache().ofAll(findings);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ScanReport(findings, byFinding, errors, skipped, stale,
                new ScanReport.Stats(files - binary, bytes, binary, millis), false);
    }

    /**
     * Reads and analyses the files the source offers while it is still finding them: once a
     * megabyte is queued, helper threads take files from the queue as the source adds them, and
     * the calling thread joins them when the source is done, so every core is busy from the first
     * files to the last. A small change is read by the calling thread alone, which costs less
     * than a thread.
     */
    private static final class Workers {
        private final ContentAnalyzer analyzer;
        private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
        /** Every task in the source's order; touched by the offering thread only. */
        private final List<Task> tasks = new ArrayList<>();
        private final List<Thread> helpers = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean offered;
        private long queued;

        Workers(ContentAnalyzer analyzer) {
            this.analyzer = analyzer;
        }

        /** One file to read, and what reading it gave once a worker has. */
        private static final class Task {
            final Fragment fragment;
            Outcome outcome;

            Task(Fragment fragment) {
                this.fragment = fragment;
            }
        }

        /** Queues a file the source offers. */
        void add(Fragment fragment) {
            Task task = new Task(fragment);
            tasks.add(task);
            queue.add(task);
            queued += fragment.size();
            if (helpers.isEmpty() && queued >= PARALLEL_BYTES) {
                // The offering thread is one of the cores' workers once the source is done.
                for (int t = 1; t < Runtime.getRuntime().availableProcessors(); t++) {
                    Thread helper = new Thread(this::work, "hush-scan-" + t);
                    helper.setDaemon(true);
                    helper.setUncaughtExceptionHandler((thread, e) -> failure.compareAndSet(null, e));
                    helper.start();
                    helpers.add(helper);
                }
            }
        }

        /** Stops the helpers after the file each one is reading, when the source failed. */
        void abandon() {
            queue.clear();
            offered = true;
        }

        /** Reads what is left once the source is done, and returns every outcome in the source's order. */
        List<Outcome> finish() throws IOException {
            offered = true;
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
            List<Outcome> outcomes = new ArrayList<>(tasks.size());
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
                    if (offered) {
                        // Every task was queued before offered was set: an empty queue now stays empty.
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
                task.outcome = reader.read(analyzer, task.fragment, false);
            }
        }
    }

    /** Reads files into one buffer, reused from file to file: a worker's, never shared. */
    private static final class ReadBuffer {
        private byte[] buffer = new byte[64 * 1024];
        /** The buffer as the channel reads into it. */
        private ByteBuffer view = ByteBuffer.wrap(buffer);

        Outcome read(ContentAnalyzer analyzer, Fragment fragment, boolean asDotenv) {
            if (fragment.content() != null) {
                byte[] content = fragment.content();
                return new Outcome(fragment, content.length,
                        analyzer.analyze(fragment.path(), content, content.length, fragment.git(), asDotenv), Optional.empty());
            }
            try {
                if (fragment.loader().isPresent()) {
                    byte[] content = fragment.loader().get().load();
                    return content == null ? new Outcome(fragment, 0, null, Optional.empty())
                            : new Outcome(fragment, content.length,
                                    analyzer.analyze(fragment.path(), content, content.length, fragment.git(), asDotenv),
                                    Optional.empty());
                }
                int length = readFully(fragment.onDisk().orElseThrow(), fragment.size());
                return new Outcome(fragment, length,
                        analyzer.analyze(fragment.path(), buffer, length, fragment.git(), asDotenv), Optional.empty());
            } catch (IOException | OutOfMemoryError e) {
                return new Outcome(fragment, 0, null, Optional.of(new ScanError(fragment.path(), 0,
                        "cannot be read (" + e.getClass().getSimpleName() + "); skipped")));
            }
        }

        /**
         * Reads {@code file} to its end, which may lie past the {@code size} it had when the source
         * saw it: the source's size saves asking the file's (a system call per file of a tree).
         */
        private int readFully(Path file, long size) throws IOException {
            if (size >= MAX_LENGTH) {
                throw new OutOfMemoryError("file too large for an array");
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
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
                    view.limit(buffer.length).position(length);
                    int read = channel.read(view);
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
                view = ByteBuffer.wrap(buffer);
            }
        }
    }
}

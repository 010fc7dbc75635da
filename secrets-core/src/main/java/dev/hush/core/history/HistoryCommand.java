package dev.hush.core.history;

import dev.hush.core.model.CallGuard;
import dev.hush.core.baseline.Baseline;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import dev.hush.core.model.ScanError;
import dev.hush.core.detect.Detector;
import dev.hush.core.git.GitRepositories;
import dev.hush.core.git.VendoredFolders;
import dev.hush.core.model.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import dev.hush.core.scan.ScanEngine;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.ReflogReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Scans every blob a repository's history holds, once: {@code Hush.history().repository(path).call()}.
 *
 * <p>By default every ref is walked: branches, tags, remote-tracking refs, notes and
 * {@code refs/stash} with the older stashes of its reflog (a stash commit's extra parents
 * hold the index and the untracked files, so those are walked too). Each distinct blob is
 * read and analysed once, as a file at the first path it appeared at, and each secret
 * (rule and value) is reported once, at the oldest commit that added it, however many
 * commits, branches and paths hold it.
 */
public final class HistoryCommand {
    private final CallGuard guard = new CallGuard("HistoryCommand");
    private static final int OTHER_PLACES_SHOWN = BlobEntry.PLACES_KEPT - 1;
    private static final long PROGRESS_NANOS = 100_000_000L;

    private Path repository = Path.of(".");
    private List<String> refs = List.of();
    private Optional<Instant> since = Optional.empty();
    private Optional<HushConfig> config = Optional.empty();
    private Optional<Baseline> baseline = Optional.empty();
    private HistoryProgress progress = HistoryProgress.NONE;
    private BooleanSupplier cancelled = () -> false;
    private Optional<BlobAnalyzer> analyzer = Optional.empty();
    private boolean stopped;
    private long lastProgress;

    /** Creates a history scan of the repository in the current folder; prefer {@code Hush.history()}. */
    public HistoryCommand() {
    }

    /** Sets the repository: a work tree, a bare repository, or a {@code .git} folder. */
    public HistoryCommand repository(Path repository) {
        this.repository = Objects.requireNonNull(repository, "repository == null");
        return this;
    }

    /**
     * Walks only these refs or revisions ({@code main}, {@code refs/tags/v1}, a commit id)
     * instead of every ref. Remote-tracking refs are still read to tell what was pushed.
     */
    public HistoryCommand refs(List<String> refs) {
        Objects.requireNonNull(refs, "refs == null");
        this.refs = List.copyOf(refs);
        return this;
    }

    /** Reads only the changes of commits made at or after {@code since} (the committer's date). */
    public HistoryCommand since(Instant since) {
        this.since = Optional.of(Objects.requireNonNull(since, "since == null"));
        return this;
    }

    /** Sets the settings; without this call, the work tree's {@code .hush.yaml} is read if present. */
    public HistoryCommand config(HushConfig config) {
        this.config = Optional.of(Objects.requireNonNull(config, "config == null"));
        return this;
    }

    /** Reports only findings that {@code baseline} does not accept. */
    public HistoryCommand baseline(Baseline baseline) {
        this.baseline = Optional.of(Objects.requireNonNull(baseline, "baseline == null"));
        return this;
    }

    /** Sends progress to {@code listener}, on the calling thread. */
    public HistoryCommand progress(HistoryProgress listener) {
        this.progress = Objects.requireNonNull(listener, "listener == null");
        return this;
    }

    /**
     * Stops the scan soon after {@code cancelled} returns true; the report then holds what
     * was found so far and is marked partial. It is asked on the calling thread only.
     */
    public HistoryCommand cancelled(BooleanSupplier cancelled) {
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled == null");
        return this;
    }

    /** Replaces the detector, for tests of the walk apart from the rules. */
    HistoryCommand analyzer(BlobAnalyzer analyzer) {
        this.analyzer = Optional.of(analyzer);
        return this;
    }

    /**
     * Runs the scan.
     *
     * @throws org.eclipse.jgit.errors.RepositoryNotFoundException when the path holds no repository
     * @throws IllegalArgumentException when a ref given to {@link #refs(List)} does not exist
     * @throws IllegalStateException when called a second time
     * @throws IOException when the repository cannot be read at all
     */
    public HistoryReport call() throws IOException {
        guard.markCalled();
        long start = System.nanoTime();
        try (Repository repo = GitRepositories.open(repository); ObjectReader reader = repo.newObjectReader()) {
            Optional<Path> workTree = GitRepositories.workTree(repo);
            HushConfig settings = config.isPresent() ? config.get()
                    : workTree.isPresent() ? HushConfig.forProject(workTree.get()) : HushConfig.defaults();
            // The rules are compiled on another core while this one walks the commits.
            Optional<ScanEngine.Rules> rules = analyzer.isEmpty() ? Optional.of(ScanEngine.Rules.compile(settings))
                    : Optional.empty();

            List<HistoryWalk.Start> starts = refs.isEmpty() ? allRefs(repo) : chosenRefs(repo);
            List<HistoryWalk.Start> remotes = starts(repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES));
            Optional<VendoredFolders.Filter> vendored = settings.scansVendored() ? Optional.empty()
                    : Optional.of(VendoredFolders.treeFilter());
            HistoryWalk walk = new HistoryWalk(reader, this::stopRequested,
                    w -> report(HistoryProgress.Phase.WALKING, w, null, false),
                    vendored.isPresent() ? vendored.get() : TreeFilter.ALL);
            walk.walk(starts, remotes, since);
            headCommit(repo, walk).ifPresent(walk::markInHead);
            report(HistoryProgress.Phase.WALKING, walk, null, true);

            List<ScanEngine.Outcome> outcomes = List.of();
            boolean interrupted = false;
            try (HistorySource source = new HistorySource(repo, reader, walk, settings.maxFileSize(),
                    this::stopRequested, s -> report(HistoryProgress.Phase.SCANNING, walk, s, false))) {
                if (!stopRequested()) {
                    try {
                        ScanEngine.ContentAnalyzer blobAnalyzer = rules.isPresent() ? rules.get().await()::analyze
                                : (path, content, length, git, asDotenv) -> analyzer.orElseThrow().analyze(path, content);
                        outcomes = ScanEngine.forBlobs(blobAnalyzer).analyse(source).outcomes();
                    } catch (InterruptedIOException e) {
                        Thread.currentThread().interrupt();
                        interrupted = true;
                    }
                }
                report(HistoryProgress.Phase.SCANNING, walk, source, true);

                Detector.Result[] results = new Detector.Result[walk.blobs().size()];
                long scanned = 0;
                long binary = 0;
                for (ScanEngine.Outcome outcome : outcomes) {
                    if (outcome.result() == null) {
                        continue;
                    } else if (outcome.result().binary()) {
                        binary++;
                    } else {
                        scanned++;
                        if (!outcome.result().findings().isEmpty() || !outcome.result().errors().isEmpty()) {
                            results[source.indexOf(outcome.fragment())] = outcome.result();
                        }
                    }
                }
                List<ScanError> errors = new ArrayList<>(walk.errors());
                List<HistoryFinding> findings = findings(walk, results, errors);
                errors.addAll(source.errors());
                errors.sort(Comparator.comparing(ScanError::path).thenComparingInt(ScanError::line));
                // Partial whenever something was not read: "no findings" must never stand for blobs unread.
                boolean partial = walk.cutShort() || walk.missedObjects() || source.unreadable() > 0
                        || source.stoppedEarly() || interrupted
                        || stopped && source.done() < walk.blobs().size();
                long millis = (System.nanoTime() - start) / 1_000_000;
                return new HistoryReport(findings, errors, new HistoryReport.Stats(walk.commitsWalked(), scanned,
                        source.bytes(), binary, source.oversized(), millis), partial,
                        vendored.map(f -> f.skipped("")).orElse(List.of()));
            }
        }
    }

    /**
     * Returns, for each of {@code values} that some blob of the walked history holds byte for
     * byte (UTF-8), where it first appeared; a value no blob holds has no entry. Each distinct
     * blob is read once; blobs larger than the settings' {@code maxFileSize} are not read.
     * This is the fact "the value was committed", whichever rule would or would not report it.
     *
     * @throws org.eclipse.jgit.errors.RepositoryNotFoundException when the path holds no repository
     * @throws IllegalStateException when the command was called before
     * @throws IOException when the repository cannot be read at all
     */
    public Map<SecretValue, ValueSighting> sightings(Collection<SecretValue> values) throws IOException {
        Objects.requireNonNull(values, "values == null");
        guard.markCalled();
        List<SecretValue> wanted = values.stream().filter(v -> v.length() > 0).distinct().toList();
        Map<SecretValue, ValueSighting> seen = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return seen;
        }
        try (Repository repo = GitRepositories.open(repository); ObjectReader reader = repo.newObjectReader()) {
            Optional<Path> workTree = GitRepositories.workTree(repo);
            HushConfig settings = config.isPresent() ? config.get()
                    : workTree.isPresent() ? HushConfig.forProject(workTree.get()) : HushConfig.defaults();
            List<HistoryWalk.Start> starts = refs.isEmpty() ? allRefs(repo) : chosenRefs(repo);
            List<HistoryWalk.Start> remotes = starts(repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES));
            HistoryWalk walk = new HistoryWalk(reader, this::stopRequested, w -> { });
            walk.walk(starts, remotes, since);
            headCommit(repo, walk).ifPresent(walk::markInHead);
            List<byte[]> needles = wanted.stream().map(v -> v.reveal().getBytes(StandardCharsets.UTF_8)).toList();
            Map<SecretValue, boolean[]> facts = new LinkedHashMap<>();
            for (BlobEntry blob : walk.blobs()) {
                ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
                if (loader.getSize() > settings.maxFileSize()) {
                    continue;
                }
                byte[] bytes = loader.getCachedBytes();
                for (int i = 0; i < needles.size(); i++) {
                    if (!contains(bytes, needles.get(i))) {
                        continue;
                    }
                    SecretValue value = wanted.get(i);
                    boolean[] fact = facts.computeIfAbsent(value, v -> new boolean[2]);
                    fact[0] |= blob.inHead();
                    fact[1] |= blob.pushed();
                    seen.putIfAbsent(value, new ValueSighting(walk.commit(blob.firstCommit()), blob.firstPath(), false, false));
                }
            }
            seen.replaceAll((value, sighting) -> new ValueSighting(sighting.commit(), sighting.path(),
                    facts.get(value)[0], facts.get(value)[1]));
            needles.forEach(needle -> Arrays.fill(needle, (byte) 0));
            return seen;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Returns the commit HEAD points at, if any; a HEAD whose object is missing or damaged is
     * reported through the walk's errors, so a damaged repository still gives a report.
     */
    private static Optional<ObjectId> headCommit(Repository repo, HistoryWalk walk) {
        try {
            return Optional.ofNullable(repo.resolve(Constants.HEAD + "^{commit}"));
        } catch (IOException | RevisionSyntaxException e) {
            walk.error(new ScanError("HEAD", 0, "HEAD's commit cannot be read (" + e.getClass().getSimpleName()
                    + "); no finding is marked as still in HEAD. Run 'git fsck' to see what is damaged."));
            return Optional.empty();
        }
    }

    /** Returns every ref, and the older stashes that only the stash's reflog keeps. */
    private static List<HistoryWalk.Start> allRefs(Repository repo) throws IOException {
        List<HistoryWalk.Start> starts = starts(repo.getRefDatabase().getRefs());
        ReflogReader stashes = repo.getRefDatabase().getReflogReader(Constants.R_STASH);
        if (stashes != null) {
            List<ReflogEntry> entries = stashes.getReverseEntries();
            for (int i = 0; i < entries.size(); i++) {
                starts.add(new HistoryWalk.Start("stash@{" + i + "}", entries.get(i).getNewId()));
            }
        }
        return starts;
    }

    private List<HistoryWalk.Start> chosenRefs(Repository repo) throws IOException {
        List<HistoryWalk.Start> starts = new ArrayList<>();
        for (String name : refs) {
            Ref ref = repo.findRef(name);
            ObjectId id = ref != null && ref.getObjectId() != null ? ref.getObjectId() : repo.resolve(name);
            if (id == null) {
                throw new IllegalArgumentException("no ref or commit named '" + name + "' in " + repository
                        + "; list them with 'git show-ref'");
            }
            starts.add(new HistoryWalk.Start(name, id));
        }
        return starts;
    }

    private static List<HistoryWalk.Start> starts(List<Ref> refs) {
        List<HistoryWalk.Start> starts = new ArrayList<>();
        for (Ref ref : refs) {
            if (ref.getObjectId() != null) {
                starts.add(new HistoryWalk.Start(ref.getName(), ref.getObjectId()));
            }
        }
        return starts;
    }

    /** Returns whether the caller asked to stop; once asked, the answer stays yes. */
    private boolean stopRequested() {
        stopped = stopped || cancelled.getAsBoolean();
        return stopped;
    }

    /** Sends progress when {@code force} is set or 100 ms have passed since the last update. */
    private void report(HistoryProgress.Phase phase, HistoryWalk walk, HistorySource scan, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastProgress < PROGRESS_NANOS) {
            return;
        }
        lastProgress = now;
        progress.update(new HistoryProgress.Status(phase, walk.commitsWalked(), walk.blobs().size(),
                scan == null ? 0 : scan.done(), scan == null ? 0 : scan.bytes()));
    }

    /** A secret seen in one blob: the blob and the blob's first finding of that rule and value. */
    private record Sighting(BlobEntry blob, Finding finding) {
    }

    /** Groups what the blobs gave by rule and value, and makes one finding of each group. */
    private List<HistoryFinding> findings(HistoryWalk walk, Detector.Result[] results, List<ScanError> errors) {
        Map<String, List<Sighting>> byValue = new LinkedHashMap<>();
        List<BlobEntry> blobs = walk.blobs();
        for (int i = 0; i < blobs.size(); i++) {
            Detector.Result result = results[i];
            if (result == null) {
                continue;
            }
            BlobEntry blob = blobs.get(i);
            Map<String, Finding> firstInBlob = new LinkedHashMap<>();
            for (Finding finding : result.findings()) {
                // Findings without a value (privileged, docker.sock) are about the files as they are now.
                finding.secret().ifPresent(secret -> firstInBlob.merge(finding.ruleId() + "\0" + secret.reveal(),
                        finding, (a, b) -> a.location().line() <= b.location().line() ? a : b));
            }
            firstInBlob.forEach((key, finding) ->
                    byValue.computeIfAbsent(key, k -> new ArrayList<>()).add(new Sighting(blob, finding)));
            for (ScanError error : result.errors()) {
                errors.add(new ScanError(error.path(), error.line(), error.message() + " (blob " + blob.name()
                        + ", first added in commit " + walk.commit(blob.firstCommit()).id() + ")"));
            }
        }
        List<HistoryFinding> findings = new ArrayList<>();
        for (List<Sighting> sightings : byValue.values()) {
            HistoryFinding finding = merge(walk, sightings);
            if (baseline.isEmpty() || !baseline.get().accepts(finding.finding())) {
                findings.add(finding);
            }
        }
        findings.sort(MOST_URGENT_FIRST);
        return findings;
    }

    /** A place a blob holding the value was added: a commit of the walk, a path, a line and column. */
    private record Place(int commit, String path, int line, int column) {
    }

    private static HistoryFinding merge(HistoryWalk walk, List<Sighting> sightings) {
        List<Place> places = new ArrayList<>();
        int occurrences = 0;
        boolean inHead = false;
        boolean pushed = false;
        for (Sighting sighting : sightings) {
            BlobEntry blob = sighting.blob();
            Location at = sighting.finding().location();
            for (int i = 0; i < blob.keptPlaces(); i++) {
                places.add(new Place(blob.placeCommit(i), blob.placePath(i), at.line(), at.column()));
            }
            occurrences += blob.count();
            inHead |= blob.inHead();
            pushed |= blob.pushed();
        }
        places.sort(Comparator.comparingInt(Place::commit).thenComparing(Place::path));
        Place first = places.get(0);
        Sighting introducing = sightings.stream()
                .filter(s -> s.blob().firstCommit() == first.commit() && s.blob().firstPath().equals(first.path()))
                .findFirst()
                .orElse(sightings.get(0));
        Finding finding = introducing.finding().toBuilder()
                .location(introducing.finding().location().in(walk.commit(first.commit())))
                .build();
        List<Location> others = places.subList(1, Math.min(places.size(), 1 + OTHER_PLACES_SHOWN)).stream()
                .map(p -> Location.of(p.path(), p.line(), p.column()).in(walk.commit(p.commit())))
                .toList();
        return new HistoryFinding(finding, inHead, pushed, occurrences, others);
    }

    /** Still in HEAD and pushed first, then by severity, then oldest first. */
    private static final Comparator<HistoryFinding> MOST_URGENT_FIRST = Comparator
            .comparingInt((HistoryFinding f) -> (f.inHead() ? 0 : 2) + (f.pushed() ? 0 : 1))
            .thenComparing(f -> f.finding().severity())
            .thenComparing(f -> f.finding().location().commit().orElseThrow().date())
            .thenComparing(f -> f.finding().location().path())
            .thenComparingInt(f -> f.finding().location().line())
            .thenComparing(f -> f.finding().ruleId());
}

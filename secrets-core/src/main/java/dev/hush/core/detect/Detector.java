package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.dockerfile.DockerIgnore;
import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.model.ScanError;
import dev.hush.core.rules.GitleaksConfig;
import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the analyzers that fit a file on its content, then keeps one finding per secret per
 * location and drops what the project allowed: {@code hush:ignore} (or gitleaks'
 * {@code gitleaks:allow}) on the line, allowed paths and values, disabled rules, and the
 * allowlists of a {@code .gitleaks.toml}. One detector serves every file of a scan, from any
 * thread, and every blob of a history scan.
 */
public final class Detector {
    private static final int BINARY_PROBE = 8192;
    /** A byte array read as longs, for {@link #isBinary(byte[], int)}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** {@code hush:ignore}, optionally naming rules; gitleaks' {@code gitleaks:allow} ignores every rule. */
    private static final Pattern IGNORE_COMMENT = Pattern.compile("hush:ignore(?:[= ]([\\w,-]+))?|gitleaks:allow");
    /** The key that makes a YAML file a compose file whatever its name. */
    private static final String SERVICES = "services";

    private final HushConfig config;
    private final Optional<GitleaksConfig> gitleaks;
    private final Analyzer compose = new ComposeAnalyzer();
    private final Analyzer dockerfile = new DockerfileAnalyzer();
    private final Analyzer dotenv = new DotenvAnalyzer();
    private final Analyzer dockerRun = new DockerRunAnalyzer();
    private final SecretAssignmentAnalyzer assignments = new SecretAssignmentAnalyzer();
    private final LogLeakAnalyzer logLeaks = new LogLeakAnalyzer();
    private final CredentialFiles credentialFiles = new CredentialFiles();
    private final ProviderRuleAnalyzer providers;
    private final RuleCatalogue catalogue;

    private Detector(HushConfig config, RuleCatalogue catalogue) {
        this.config = config;
        this.catalogue = catalogue;
        this.gitleaks = config.gitleaks().map(source -> GitleaksConfig.parse(source.yaml(), source.origin()));
        List<String> words = new ArrayList<>(SecretAssignmentAnalyzer.KEYWORDS);
        words.addAll(LogLeakAnalyzer.ENVIRONMENT_WORDS);
        words.addAll(CredentialFiles.WORDS);
        words.add(SERVICES);
        this.providers = new ProviderRuleAnalyzer(catalogue, words);
    }

    /** Returns a detector with the built-in rules, the project's extra rules, and its settings. */
    public static Detector create(HushConfig config) {
        Objects.requireNonNull(config, "config == null");
        return new Detector(config, RuleCatalogue.forProject(config));
    }

    /**
     * Holds what one file gave.
     *
     * @param findings one finding per secret per location, suppressed ones removed
     * @param errors the parts of the file that could not be understood
     * @param envFiles the dotenv files a compose file loads, relative to the scanned root
     * @param binary whether the file was skipped as binary
     */
    public record Result(List<Finding> findings, List<ScanError> errors, List<String> envFiles, boolean binary) {
        static final Result BINARY = new Result(List.of(), List.of(), List.of(), true);
    }

    /**
     * Analyses a blob committed at {@code path}: as everything committed, it counts as
     * tracked and not ignored. The file type comes from the path.
     */
    public Result analyzeCommitted(String path, byte[] content) {
        return analyze(path, content, GitFacts.COMMITTED, false);
    }

    /** Returns whether {@code content} looks binary: a NUL byte in its first 8 KiB. */
    static boolean isBinary(byte[] content) {
        return isBinary(content, content.length);
    }

    private static boolean isBinary(byte[] content, int length) {
        int n = Math.min(length, BINARY_PROBE);
        int i = 0;
        // Eight bytes at a time: a word holds a zero byte when subtracting 1 from each byte borrows into
        // a high bit that was clear (the "haszero" test of Bit Twiddling Hacks, graphics.stanford.edu/~seander).
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            long word = (long) LONGS.get(content, i);
            if (((word - 0x0101010101010101L) & ~word & 0x8080808080808080L) != 0) {
                return true;
            }
        }
        for (; i < n; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Analyses the file at {@code path} (relative to the root) holding {@code content};
     * {@code asDotenv} forces the dotenv analyzer, for files a compose file loads with
     * {@code env_file} whatever their name.
     */
    public Result analyze(String path, byte[] content, GitFacts git, boolean asDotenv) {
        return analyze(path, content, content.length, git, asDotenv);
    }

    /**
     * Analyses the file at {@code path} held by {@code content[0..length)}, which is not kept
     * after the call: a caller may reuse the array for the next file.
     */
    public Result analyze(String path, byte[] content, int length, GitFacts git, boolean asDotenv) {
        boolean binary = isBinary(content, length);
        List<Analyzer> binaryAnalyzers = binary ? credentialFiles.forBinary(path) : List.of();
        if (binary && binaryAnalyzers.isEmpty()) {
            return Result.BINARY;
        }
        // The text is decoded only if an analyzer asks for it; a leading byte order mark is left out.
        SourceFile file = new SourceFile(path, content, length);
        FileAnalysis analysis = new FileAnalysis(file, git);
        // One pass finds the provider rules' keywords, and tells the analyzers below whether 'services' occurs.
        KeywordIndex.Occurrences keywords = binary ? null : providers.find(file);
        for (Analyzer analyzer : binary ? binaryAnalyzers : analyzersFor(file, asDotenv, keywords)) {
            try {
                if (analyzer == providers) {
                    providers.analyze(analysis, keywords);
                } else if (analyzer == logLeaks) {
                    logLeaks.analyze(analysis, providers.startsOf(keywords, LogLeakAnalyzer.ENVIRONMENT_WORDS));
                } else if (analyzer == assignments) {
                    assignments.analyze(analysis, providers.startsOf(keywords, SecretAssignmentAnalyzer.KEYWORDS));
                } else {
                    analyzer.analyze(analysis);
                }
            } catch (RuntimeException e) {
                // The exception's message may quote the file, so only its type is reported.
                analysis.error(0, analyzer.getClass().getSimpleName() + " failed (" + e.getClass().getSimpleName()
                        + "); the rest of the scan goes on. Please report it to hush's developers.");
            }
        }
        if (path.equals(HushConfig.GITLEAKS_FILE_NAME)) {
            // What hush cannot honour in .gitleaks.toml is told at the file, once per scan of it.
            gitleaks.ifPresent(g -> g.warnings().forEach(w -> analysis.error(w.line(), "gitleaks setting not honoured: "
                    + w.message())));
        }
        List<Finding> kept = new ArrayList<>();
        // Most files carry no ignore comment: then no line is cut out of the text (a long one would cost its length per finding).
        boolean ignoreComments = !binary && !analysis.findings().isEmpty()
                && (file.text().contains("hush:ignore") || file.text().contains("gitleaks:allow"));
        for (Finding finding : oneFindingPerLocation(analysis.findings())) {
            if (!isSuppressed(finding, file, ignoreComments)) {
                kept.add(finding);
            }
        }
        return new Result(kept, analysis.errors(), analysis.envFiles(), false);
    }

    /**
     * Returns the {@code dockerfile-context-secrets} findings of the Dockerfile at {@code path}
     * whose folder, the build context, holds {@code secrets} (context-relative; folders end
     * with {@code /}), under the context's docker-ignore {@code ignoreText} (null when it has
     * none). Suppressed findings (disabled rule, allowed path, {@code hush:ignore}) are left out.
     */
    public List<Finding> buildContextLeaks(String path, byte[] content, String ignoreText, List<String> secrets) {
        SourceFile file = new SourceFile(path, content, content.length);
        DockerIgnore ignore = ignoreText == null ? DockerIgnore.none() : DockerIgnore.parse(ignoreText);
        List<Finding> kept = new ArrayList<>();
        for (Finding finding : BuildContextAnalyzer.analyze(file, ignore, secrets)) {
            if (!isSuppressed(finding, file, false)) {
                kept.add(finding);
            }
        }
        return kept;
    }

    /** Returns whether a file at {@code path} is a Dockerfile, whose build context a scan checks. */
    public static boolean isDockerfile(String path) {
        return DockerfileAnalyzer.appliesTo(path);
    }

    /** Returns whether {@code path} names a key, credentials or dotenv file that no image should hold. */
    public static boolean isSecretFile(String path) {
        return DockerfileAnalyzer.isSecretFile(path);
    }

    private List<Analyzer> analyzersFor(SourceFile file, boolean asDotenv, KeywordIndex.Occurrences keywords) {
        // The analyzers' path checks below ignore case: they get the path lower-cased once, which each of
        // them would otherwise lower-case again (String.toLowerCase returns a lower-case string itself).
        String path = file.path().toLowerCase(Locale.ROOT);
        List<Analyzer> analyzers = new ArrayList<>(5);
        // A YAML file that is not named like a compose file is one only if it has a top-level services map
        // (a CI file's services list is not one); a file without the word cannot have it.
        if (ComposeAnalyzer.appliesTo(path) && (ComposeFile.isComposeName(file.name())
                || providers.mentions(keywords, SERVICES) && ComposeAnalyzer.hasServicesMap(file.text()))) {
            analyzers.add(compose);
        }
        if (DockerfileAnalyzer.appliesTo(path)) {
            analyzers.add(dockerfile);
        }
        if (asDotenv || DotenvAnalyzer.appliesTo(path)) {
            analyzers.add(dotenv);
        }
        // Only a shebang can make the first line name a shell; most files are not decoded for it.
        if (DockerRunAnalyzer.appliesTo(path) || file.startsWith("#!") && DockerRunAnalyzer.appliesToText(file.line(1))) {
            analyzers.add(dockerRun);
        }
        // The credential files' checks are not all blind to case: they read the path as it is.
        credentialFiles.addTo(analyzers, file, word -> providers.mentions(keywords, word));
        analyzers.add(providers);
        // After the provider rules: where both report a value, the provider's finding is kept. A compose
        // file's environment is the compose analyzer's, which knows the services: not a generic YAML file.
        if (SecretAssignmentAnalyzer.appliesTo(path) && !analyzers.contains(compose)) {
            analyzers.add(assignments);
        }
        if (LogLeakAnalyzer.appliesToCode(path) || LogLeakAnalyzer.appliesToScript(path) || analyzers.contains(dockerRun)) {
            analyzers.add(logLeaks);
        }
        return analyzers;
    }

    /**
     * Keeps one finding per secret value per line (or per rule and position for findings
     * without a value), preferring the analyzer that understood the file's structure over
     * a provider rule, and a provider rule over the generic one.
     */
    private List<Finding> oneFindingPerLocation(List<Finding> findings) {
        Map<String, Finding> kept = new LinkedHashMap<>();
        for (Finding finding : findings) {
            String where = finding.location().path() + ":" + finding.location().line();
            String key = finding.secret()
                    .map(secret -> where + "\0" + secret.reveal())
                    .orElse(where + ":" + finding.location().column() + "\0" + finding.ruleId());
            kept.merge(key, finding, (a, b) -> rank(b) < rank(a) ? b : a);
        }
        // A generic assignment whose value holds (or is part of) a value reported by a more specific rule adds nothing.
        Map<Integer, List<Finding>> specificByLine = new HashMap<>();
        for (Finding finding : kept.values()) {
            if (rank(finding) < 2 && finding.secret().isPresent()) {
                specificByLine.computeIfAbsent(finding.location().line(), line -> new ArrayList<>()).add(finding);
            }
        }
        List<Finding> result = new ArrayList<>(kept.size());
        for (Finding finding : kept.values()) {
            List<Finding> onLine = specificByLine.getOrDefault(finding.location().line(), List.of());
            if (rank(finding) < 2 || finding.secret().isEmpty() || onLine.stream().noneMatch(other -> overlaps(other, finding))) {
                result.add(finding);
            }
        }
        return result;
    }

    private static boolean overlaps(Finding specific, Finding generic) {
        String a = specific.secret().orElseThrow().reveal();
        String b = generic.secret().orElseThrow().reveal();
        return a.contains(b) || b.contains(a);
    }

    /**
     * Ranks the rules that report one value at one place by what the catalogue says of them: a
     * rule of an analyzer that knows the format (compose, Dockerfile, a credential file) first,
     * then a provider's token format, and last the generic ones: the secret-assignment analyzer's
     * rules and the fallback rules, which yield wherever a more specific rule reports.
     */
    private int rank(Finding finding) {
        Optional<Rule> rule = catalogue.find(finding.ruleId());
        Optional<String> analyzer = rule.flatMap(Rule::analyzer);
        if (analyzer.filter(SecretAssignmentAnalyzer.ANALYZER::equals).isPresent()
                || rule.map(Rule::fallback).orElse(false)) {
            return 2;
        }
        return analyzer.isPresent() ? 0 : 1;
    }

    private boolean isSuppressed(Finding finding, SourceFile file, boolean ignoreComments) {
        if (config.disabledRules().contains(finding.ruleId())
                || config.allowsPath(finding.location().path())
                || finding.secret().map(secret -> config.allowsValue(secret.reveal())).orElse(false)
                || gitleaks.map(g -> g.allowlist().allowsPath(finding.location().path())
                        || finding.secret().map(secret -> g.allowlist().allowsValue(secret.reveal())).orElse(false))
                        .orElse(false)) {
            return true;
        }
        int line = finding.location().line();
        if (!ignoreComments || line > file.lineCount()) {
            return false;
        }
        Matcher matcher = IGNORE_COMMENT.matcher(file.line(line));
        while (matcher.find()) {
            String rules = matcher.group(1);
            if (rules == null || List.of(rules.split(",")).contains(finding.ruleId())) {
                return true;
            }
        }
        return false;
    }
}

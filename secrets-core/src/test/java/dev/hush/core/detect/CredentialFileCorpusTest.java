package dev.hush.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.config.HushConfig;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import dev.hush.core.testing.SharedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs hush over the credential-file fixtures of {@code shared/corpus/credentials/} and prints,
 * per format family, how many files meant to hold a credential it finds, how many entries, and
 * how many files meant as negatives it flags. Which files are positives comes from each
 * fixture's documented intent (its SOURCE.txt, the upstream tests' expectations), decided here
 * by name or by a check independent of hush's parser. The figures are pinned: fewer files found,
 * fewer entries or more negatives flagged fail the test.
 */
class CredentialFileCorpusTest {
    private static final Detector DETECTOR = Detector.create(HushConfig.defaults());
    /** A shadow line whose password field is a crypt(3) hash, possibly behind the ! of a locked account. */
    private static final Pattern SHADOW_HASH = Pattern.compile("(?m)^[^:#\\n]+:!?(\\$[0-9a-z]+\\$[^:]+|[./0-9A-Za-z]{13}):");

    /**
     * One family's fixtures and its pinned figures.
     *
     * @param rules the rules that report this family
     * @param files the fixture files, relative to the credentials folder
     * @param positive which of them are meant to hold a credential
     */
    private record Family(String name, Set<String> rules, List<Path> files, Predicate<Path> positive,
            int minFilesFound, int minEntries, int maxNegativesFlagged) {
    }

    /** What hush gave on one family. */
    private record Figures(int positives, int found, int entries, int high, int negatives, int flagged, List<String> misses) {
    }

    @Test
    void findsTheCredentialFilesOfTheCorpusAndFlagsNoNegative() throws IOException {
        Path corpus = SharedFolder.find("corpus/credentials").orElse(null);
        Assumptions.assumeTrue(corpus != null, "shared/corpus/credentials is not here");
        Set<String> keys = Set.of("private-key", "putty-private-key");
        List<Family> families = List.of(
                new Family("pgpass", Set.of("pgpass-password"), files(corpus, "pgjdbc-pgpass", p -> true),
                        p -> name(p).contains("pgpass"), 4, 34, 0),
                new Family("shadow", Set.of("shadow-password-hash"), files(corpus, "shadow-maint-shadow",
                        p -> name(p).equals("shadow")), p -> SHADOW_HASH.matcher(read(p)).find(), 138, 224, 0),
                new Family("htpasswd", Set.of("htpasswd-credential"), files(corpus, "whispers/tests/fixtures",
                        p -> name(p).equals(".htpasswd")), p -> true, 1, 2, 0),
                new Family("filezilla", Set.of("ftp-client-password"), files(corpus, "filezilla-sitemanager", p -> true),
                        p -> name(p).equals("sitemanager.xml"), 1, 56, 0),
                new Family("putty", Set.of("putty-private-key"), files(corpus, "mina-sshd-keys", p -> name(p).endsWith(".ppk")),
                        p -> true, 14, 14, 0),
                new Family("pem/openssh keys", keys, files(corpus, "mina-sshd-keys",
                        p -> !name(p).endsWith(".ppk") && p.toString().contains("/loader/")),
                        p -> !name(p).endsWith(".pub") && !name(p).endsWith(".ssh2"), 45, 45, 0),
                new Family("keys in logs and configs", keys, Stream.of(
                                "checkov-secrets/tests/secrets/build_log_prefix/build_log_with_mixed_secrets.log",
                                "checkov-secrets/tests/secrets/build_log_prefix/plain_private_key.txt",
                                "checkov-secrets/tests/secrets/build_log_prefix/build_log_with_private_key.log",
                                "checkov-secrets/tests/secrets/build_log_prefix/bracket_log_with_private_key.log",
                                "trivy-secret-testdata/pkg/fanal/secret/testdata/asymmetric-private-key.txt")
                        .map(corpus::resolve).filter(Files::exists).toList(), p -> true, 5, 5, 0),
                // Upstream counts these as keys; their bodies are 68 characters of base64 or a sentence, no key at all.
                new Family("key look-alikes (whispers, detect-secrets)", keys, Stream.concat(
                        files(corpus, "whispers/tests/fixtures", p -> name(p).startsWith("privatekeys.")).stream(),
                        Stream.of(corpus.resolve("detect-secrets/test_data/files/private_key")).filter(Files::exists))
                        .toList(), p -> false, 0, 0, 0),
                new Family("s3cmd config with empty keys", Set.of(), files(corpus, "dokku-s3cfg",
                        p -> name(p).equals(".s3cfg")), p -> false, 0, 0, 0));

        List<String> failures = new ArrayList<>();
        System.out.println("credential-file corpus: family | positive files found/expected | entries (high) | negatives flagged/total");
        for (Family family : families) {
            Figures figures = measure(corpus, family);
            System.out.printf("  %-58s | %3d/%-3d | %4d (%d) | %d/%d%s%n", family.name(), figures.found(), figures.positives(),
                    figures.entries(), figures.high(), figures.flagged(), figures.negatives(),
                    figures.misses().isEmpty() ? "" : "  missed: " + figures.misses());
            if (figures.found() < family.minFilesFound() || figures.entries() < family.minEntries()
                    || figures.flagged() > family.maxNegativesFlagged()) {
                failures.add(family.name() + ": " + figures);
            }
        }
        assertThat(failures).as("families below their pinned figures").isEmpty();
    }

    private static Figures measure(Path corpus, Family family) throws IOException {
        int positives = 0;
        int found = 0;
        int entries = 0;
        int high = 0;
        int negatives = 0;
        int flagged = 0;
        List<String> misses = new ArrayList<>();
        for (Path file : family.files()) {
            // The path a scan of the fixture's own repository would see.
            String path = corpus.relativize(file).toString().replace('\\', '/');
            path = path.substring(path.indexOf('/') + 1);
            List<Finding> findings = DETECTOR.analyzeCommitted(path, Files.readAllBytes(file)).findings().stream()
                    .filter(f -> family.rules().isEmpty() || family.rules().contains(f.ruleId())).toList();
            if (family.positive().test(file)) {
                positives++;
                if (!findings.isEmpty()) {
                    found++;
                } else {
                    misses.add(name(file));
                }
                entries += findings.size();
                high += (int) findings.stream().filter(f -> f.severity() == Severity.HIGH).count();
            } else {
                negatives++;
                flagged += findings.isEmpty() ? 0 : 1;
            }
        }
        return new Figures(positives, found, entries, high, negatives, flagged, misses.size() > 8 ? misses.subList(0, 8) : misses);
    }

    private static List<Path> files(Path corpus, String folder, Predicate<Path> include) throws IOException {
        Path root = corpus.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !Set.of("LICENSE", "SOURCE.txt", "NOTICE", "NOTICE.txt", "NOTICE-bin.txt").contains(name(p)))
                    .filter(include).sorted().toList();
        }
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}

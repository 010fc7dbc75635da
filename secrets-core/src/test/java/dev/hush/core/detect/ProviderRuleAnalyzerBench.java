package dev.hush.core.detect;

import dev.hush.core.rules.BuiltInRules;
import dev.hush.core.format.SourceFile;
import dev.hush.core.rules.RuleCatalogue;
import dev.hush.core.rules.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measures the provider-rule analyzer's throughput on one thread, on about 50 MB of generated
 * source-like text (files of about 16 KB, with the usual sprinkling of "key", "token" and
 * "password" in code) with a few secrets planted from the rules' own true samples. Not a
 * test: run it with {@code java -cp <test classpath> dev.hush.core.detect.ProviderRuleAnalyzerBench [MB]}.
 */
final class ProviderRuleAnalyzerBench {
    /** Lines without any rule keyword. */
    private static final String[] PLAIN = {
        "import java.util.concurrent.ConcurrentHashMap;",
        "    private final Map<String, Session> sessions = new ConcurrentHashMap<>();",
        "    public Optional<User> findUser(String name) { return repository.byName(name); }",
        "        for (int i = 0; i < items.size(); i++) { total += items.get(i).price(); }",
        "    return fetch(`${baseUrl}/api/v1/items?page=${page}`).then(r => r.json());",
        "  image: ghcr.io/acme/service:1.4.2",
        "  environment:",
        "    LOG_LEVEL: info",
        "def load_config(path: str) -> dict:",
        "    with open(path, encoding=\"utf-8\") as handle:",
        "        return yaml.safe_load(handle)",
        "    assertThat(result.values()).containsExactly(\"alpha\", \"beta\");",
        "func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {",
        "SELECT id, name, created_at FROM accounts WHERE owner_id = ? ORDER BY created_at DESC;",
        "  - name: Run the tests",
        "    run: mvn -B verify",
        "",
        "}",
        "    @Override",
    };

    /** Lines with the keywords that code is full of: key, token, password, auth, secret, URLs. */
    private static final String[] KEYWORDY = {
        "        if (request.getHeader(\"Authorization\") == null) { return unauthorized(); }",
        "        String token = request.getParameter(\"token\");",
        "    // Looks the key up in the cache first, then in the store.",
        "    const password = form.elements.password.value;",
        "    DB_PASSWORD_FILE: /run/secrets/db_password",
        "    secret_name = settings.SECRET_NAME",
        "<a href=\"https://docs.example.org/guide/install\">Install guide</a>",
        "\tkey := fmt.Sprintf(\"%s:%d\", host, port)",
        "    public String toString() { return \"Credentials[\" + user + \"]\"; }",
    };

    private ProviderRuleAnalyzerBench() {
    }

    public static void main(String[] args) {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        RuleCatalogue catalogue = BuiltInRules.withSamples();
        List<String> planted = new ArrayList<>();
        catalogue.regexRules().forEach(rule -> rule.samples().positives().stream().map(Sample::text).forEach(planted::add));
        ProviderRuleAnalyzer analyzer = new ProviderRuleAnalyzer(catalogue);
        // One line in ten with a keyword is typical source; one in three is keyword-heavy code.
        measure(analyzer, "typical", generate(megabytes * 1_000_000L, planted, 0.1, new Random(42)));
        measure(analyzer, "keyword-heavy", generate(megabytes * 1_000_000L, planted, 0.35, new Random(43)));
    }

    private static void measure(ProviderRuleAnalyzer analyzer, String kind, List<SourceFile> files) {
        long chars = files.stream().mapToLong(file -> file.text().length()).sum();

        int findings = 0;
        for (int round = 0; round < 3; round++) {
            findings = run(analyzer, files);
        }
        double seconds = best(() -> run(analyzer, files));
        // The keyword pass alone, on the same files: the floor, and a yardstick on a busy machine.
        KeywordIndex index = new KeywordIndex(RuleCatalogue.builtIn().regexRules().stream()
                .flatMap(rule -> rule.keywords().stream()).distinct().toList());
        double keywordSeconds = best(() -> {
            int[] hits = new int[1];
            files.forEach(file -> index.search(file.text(), (keyword, end) -> hits[0]++));
            return hits[0];
        });
        System.out.printf("%s: %d files, %.1f MB, %d findings: %.0f MB/s on one thread (keyword pass alone: %.0f MB/s)%n",
                kind, files.size(), chars / 1e6, findings, chars / 1e6 / seconds, chars / 1e6 / keywordSeconds);
    }

    /** Returns the fastest of five timed passes, in seconds. */
    private static double best(java.util.function.IntSupplier pass) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            pass.getAsInt();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    private static int run(ProviderRuleAnalyzer analyzer, List<SourceFile> files) {
        int findings = 0;
        for (SourceFile file : files) {
            FileAnalysis analysis = new FileAnalysis(file, GitFacts.NONE);
            analyzer.analyze(analysis);
            findings += analysis.findings().size();
        }
        return findings;
    }

    private static List<SourceFile> generate(long size, List<String> planted, double keywordLines, Random random) {
        List<SourceFile> files = new ArrayList<>();
        long total = 0;
        int plantedIndex = 0;
        while (total < size) {
            StringBuilder text = new StringBuilder(17_000);
            while (text.length() < 16_000) {
                String[] lines = random.nextDouble() < keywordLines ? KEYWORDY : PLAIN;
                text.append(lines[random.nextInt(lines.length)]).append('\n');
            }
            // About one file in twenty carries a secret, in the middle of ordinary code.
            if (random.nextInt(20) == 0) {
                text.insert(text.indexOf("\n", 8_000) + 1, planted.get(plantedIndex++ % planted.size()) + "\n");
            }
            files.add(new SourceFile("src/file" + files.size() + ".txt", text.toString()));
            total += text.length();
        }
        return files;
    }
}

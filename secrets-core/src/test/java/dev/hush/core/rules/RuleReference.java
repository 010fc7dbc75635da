package dev.hush.core.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders a catalogue as the Markdown rule reference that {@code docs/rules.md} holds. */
public final class RuleReference {
    private RuleReference() {
    }

    /** Returns the Markdown reference of every rule in {@code catalogue}: summary tables, then one section per rule. */
    public static String markdown(RuleCatalogue catalogue) {
        return markdown(catalogue, List.of());
    }

    /**
     * Returns the reference with the figures measured on the scanners' sample sets: {@code measured}
     * holds the lines of {@code credentials-corpus.expected} ({@code set family<TAB>tp a/b fp c/d}).
     */
    public static String markdown(RuleCatalogue catalogue, List<String> measured) {
        return markdown(catalogue, measured, List.of());
    }

    /**
     * Returns the reference with both measurements: {@code measured} as above, and {@code judged} the lines of
     * {@code compose-judged.tsv} ({@code file<TAB>line<TAB>key<TAB>rule<TAB>verdict<TAB>reason}, {@code -} for a
     * secret no rule reports), every inline-secret finding on the real compose catalogues judged by a reader.
     */
    public static String markdown(RuleCatalogue catalogue, List<String> measured, List<String> judged) {
        List<Rule> structured = catalogue.rules().stream().filter(rule -> rule.analyzer().isPresent()).toList();
        List<Rule> provider = catalogue.regexRules();
        StringBuilder md = new StringBuilder();
        md.append("# Rule reference\n\n")
                .append("<!-- Generated from secrets-core/src/main/resources/dev/hush/core/rules/rules.yaml (and the measured\n")
                .append("     figures of secrets-core/src/test/resources/credentials-corpus.expected and compose-judged.tsv) by\n")
                .append("     RuleReference.markdown; do not edit by hand. Regenerate with\n")
                .append("     mvn -pl secrets-core test -Dtest=RuleReferenceTest -Dhush.updateDocs=true -->\n\n")
                .append("hush ships ").append(catalogue.rules().size()).append(" rules: ")
                .append(structured.size()).append(" structured rules, emitted by the format-aware analyzers of ")
                .append("compose files, Dockerfiles, dotenv files and `docker run` lines, and ")
                .append(provider.size()).append(" provider rules, regexes run on every other text file wherever ")
                .append("one of their keywords occurs.\n\n")
                .append("A provider rule reports the captured secret when it is not allowed by the rule's `allow` ")
                .append("patterns, has at least the rule's minimum Shannon entropy (bits per character) and is not ")
                .append("a placeholder. A placeholder (`xxxx`, `<token>`, `changeme`) is reported with low severity, ")
                .append("or not at all by rules marked *placeholders: skip*. A *fallback* rule stays silent where ")
                .append("a more specific rule reports the same secret. In a regex, `%ASSIGN%` stands for the rest ")
                .append("of a key name and an assignment: `` ").append(RuleCatalogue.ASSIGN).append(" ``.\n\n")
                .append("Add rules in `.hush.yaml` under `rules:` with the same fields; a rule with the id of a ")
                .append("built-in rule replaces it.\n\n");
        md.append("## Structured rules\n\n")
                .append("| id | card | severity | analyzer | finds |\n| --- | --- | --- | --- | --- |\n");
        for (Rule rule : structured) {
            md.append("| [`").append(rule.id()).append("`](#").append(rule.id()).append(") | ")
                    .append(rule.card().id()).append(" | ").append(rule.severity().id()).append(" | ")
                    .append(rule.analyzer().orElseThrow()).append(" | ").append(cell(rule.description())).append(" |\n");
        }
        md.append("\n## Provider rules\n\n")
                .append("| id | severity | finds | provider |\n| --- | --- | --- | --- |\n");
        for (Rule rule : provider) {
            md.append("| [`").append(rule.id()).append("`](#").append(rule.id()).append(") | ")
                    .append(rule.severity().id()).append(" | ").append(cell(rule.description())).append(" | ")
                    .append(cell(rule.rotation().map(RotationHint::provider).orElse(""))).append(" |\n");
        }
        if (!measured.isEmpty()) {
            measured(md, measured);
        }
        if (!judged.isEmpty()) {
            judged(md, judged);
        }
        md.append("\n## Rules in detail\n");
        for (Rule rule : catalogue.rules()) {
            section(md, rule);
        }
        return md.toString();
    }

    private static void section(StringBuilder md, Rule rule) {
        md.append("\n### ").append(rule.id()).append("\n\n").append(rule.description()).append(".\n\n");
        md.append("- card: ").append(rule.card().id()).append(", severity: ").append(rule.severity().id()).append('\n');
        rule.analyzer().ifPresent(analyzer -> md.append("- emitted by the ").append(analyzer).append(" analyzer\n"));
        if (!rule.keywords().isEmpty()) {
            md.append("- keywords: ").append(rule.keywords().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")))
                    .append('\n');
        }
        rule.entropy().ifPresent(entropy ->
                md.append("- minimum entropy: ").append(String.format(Locale.ROOT, "%.1f", entropy)).append(" bits per character\n"));
        if (!rule.paths().isEmpty()) {
            md.append("- only in: ").append(rule.paths().stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (!rule.allow().isEmpty()) {
            md.append("- allowed values: ")
                    .append(rule.allow().stream().map(p -> "`" + p.pattern() + "`").collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (rule.multiline()) {
            md.append("- spans several lines\n");
        }
        if (rule.anchored()) {
            md.append("- anchored: matched from the start of the word that holds the keyword\n");
        }
        if (rule.regex().isPresent() && rule.placeholders() == PlaceholderPolicy.SKIP) {
            md.append("- placeholders: skip\n");
        }
        if (rule.fallback()) {
            md.append("- fallback: silent where a more specific rule reports the same secret\n");
        }
        if (rule.secretKeyRequired()) {
            md.append("- only where the key is a secret-like name (`DB_PASSWORD`, `apiKey`; not `DB_USER`, `PASSWORD_FILE`)\n");
        }
        if (rule.verification() != Verification.NONE) {
            md.append("- verify: ").append(rule.verification().id()).append('\n');
        }
        rule.rotation().ifPresent(hint ->
                md.append("- rotate: ").append(hint.provider()).append(" — ").append(hint.revoke()).append('\n'));
        md.append("- fix: ").append(rule.fix()).append('\n');
        rule.regex().ifPresent(regex -> md.append("\n```regex\n").append(regex.pattern()
                .replace(RuleCatalogue.ASSIGN, "%ASSIGN%")).append("\n```\n"));
    }

    private static void measured(StringBuilder md, List<String> lines) {
        md.append("\n## Measured on public sample sets\n\n")
                .append("`CredentialsCorpusTest` runs hush over two scanners' published rule examples in ")
                .append("`shared/corpus/credentials` (noseyparker's `examples` and `negative_examples`, secretlint's ")
                .append("`ng.*` and `ok.*` snapshots), which measure the catalogue and are copied into none of its ")
                .append("samples. Per family of the sample set: true samples found of all, and near misses flagged ")
                .append("of all; the figures are pinned in `credentials-corpus.expected`, so a regression fails. ")
                .append("The two sets disagree in places (a value one lists as true the other lists as a near miss), ")
                .append("and some of noseyparker's families are identifiers rather than credentials (ARNs, bucket ")
                .append("names, OAuth client ids, account ids), which hush does not report.\n\n")
                .append("| sample set | family | true samples found | near misses flagged |\n| --- | --- | --: | --: |\n");
        for (String line : lines) {
            String[] cells = line.split("\t");
            if (cells.length != 2 || !cells[1].startsWith("tp ")) {
                continue;
            }
            String[] name = cells[0].split(" ", 2);
            String[] figures = cells[1].split(" ");
            boolean all = name[1].equals("(all)");
            String set = all ? "**" + name[0] + "**" : name[0];
            String family = all ? "**all**" : name[1];
            md.append("| ").append(set).append(" | ").append(family).append(" | ")
                    .append(share(figures[1], all)).append(" | ").append(share(figures[3], all)).append(" |\n");
        }
    }

    private static void judged(StringBuilder md, List<String> lines) {
        Map<String, int[]> byRule = new TreeMap<>();
        int[] all = new int[3];
        for (String line : lines) {
            String[] cells = line.split("\t");
            if (line.startsWith("#") || cells.length != 6 || cells[0].equals("file")) {
                continue;
            }
            boolean secret = cells[4].equals("secret");
            // Counts per rule: judged secrets it reports, findings judged no secret; a secret no rule reports is a miss.
            int column = cells[3].equals("-") ? (secret ? 2 : -1) : (secret ? 0 : 1);
            if (column >= 0) {
                all[column]++;
                if (column < 2) {
                    byRule.computeIfAbsent(cells[3], rule -> new int[3])[column]++;
                }
            }
        }
        md.append("\n## Measured on real compose files\n\n")
                .append("`ComposeCatalogueCorpusTest` scans the app catalogues of `shared/corpus/compose` and checks every ")
                .append("inline-secret finding of the compose, dotenv and Dockerfile rules against `compose-judged.tsv`, ")
                .append("where a reader judged each one (and listed the literal secrets no rule reports): a finding that ")
                .append("appears or goes away fails the test until it is judged. In all: ").append(all[0])
                .append(" findings that are secrets, ").append(all[1]).append(" that are not, ").append(all[2])
                .append(" secrets missed.\n\n")
                .append("| rule | findings judged secrets | findings judged no secret |\n| --- | --: | --: |\n");
        byRule.forEach((rule, counts) -> md.append("| `").append(rule).append("` | ").append(counts[0]).append(" | ")
                .append(counts[1]).append(" |\n"));
        md.append(REAL_CODE);
    }

    /** What RealCodePrecisionTest pins (run with -Pload), and the policy on vendored folders behind those counts. */
    private static final String REAL_CODE = """

            ## Measured on real code

            Real code holds almost no secrets, so every finding there is a false alarm unless it is a test's key or a
            documented example. `RealCodePrecisionTest` (in the load tests) scans real trees that the machine has, lists
            every finding and pins the counts by rule on each tree's version:

            | tree | findings | what they are |
            | --- | --: | --- |
            | a JDK's sources (`lib/src.zip`, 219 MB) | 0 | |
            | the sources jars of hush's Maven dependencies | 0 | |
            | `/usr/include` (the C headers, OpenSSL's among them) | 0 | |
            | Go's standard library (Debian's `golang-1.19-src`, 8,183 files) | 14 | crypto/tls's and crypto/x509's test keys, net/url's parser cases, cmd/go's netrc fixtures |
            | an npm tree (typescript, webpack, aws-sdk, eslint, babel, npm, express, react, next, lodash) | 26 | documented examples (aws-sdk's, next's guides, npm's READMEs) |
            | a Python installation's standard library and site-packages | 71 | the test suite's keys, awscli's and botocore's documented examples, moto's fake server |
            | the Google Cloud SDK 528.0.0 (gcloud, gsutil, bq and the libraries they bundle: 47,809 files, 1.9 GB) | 82 | Google's published installed-app client secrets and API keys, test keys and keystores, help texts' example passwords, the bundled libraries' test passwords, Jetty's demo realm |

            A test's made-up passwords (`abc123`, `P4ssword`, `pass:asdf`: a word, perhaps spelled with digits or
            symbols and a number after it) are not reported in a test's files; its generated values are, as
            fixtures' keys. On 4 December 2026 these filters, with the OAuth specifications' example tokens, type
            names in generated clients and keyboard mashes in docstrings, took the Google Cloud SDK from 195 findings
            to 79 (82 with Jetty's demo realm, read since), the Go library from 23 to 14 and the Python tree from 87 to 71.

            Scans leave out the folders package managers fill (`node_modules`, Go's `vendor/<domain>/...`,
            `site-packages`, `vendor/bundle`, `Pods`, `bower_components`): other projects' code, whose test keys and
            examples a team can neither rotate nor remove. Each such folder is listed once as skipped;
            `--include-vendored` (or `scanVendored: true`) reads them, as the test above does. On Debian's Go
            libraries (`/usr/share/gocode/src`: aws-sdk-go, docker, etcd, golang.org/x, 635 MB, the code a Go
            project vendors) a scan that reads them gives 232 findings (79 of them private keys and 68 JWTs of the jwt
            libraries' tests), from 588 and then 364 before the filters of 4 December 2026; in a project's `vendor/`
            folder they are skipped.
            """;

    private static String share(String fraction, boolean bold) {
        String[] parts = fraction.split("/");
        int of = Integer.parseInt(parts[1]);
        String text = of == 0 ? "–" : fraction + String.format(Locale.ROOT, " (%d%%)",
                Math.round(100.0 * Integer.parseInt(parts[0]) / of));
        return bold && of > 0 ? "**" + text + "**" : text;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}

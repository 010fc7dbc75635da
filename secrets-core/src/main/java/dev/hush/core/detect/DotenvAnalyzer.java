package dev.hush.core.detect;

import dev.hush.core.rules.RuleIds;
import dev.hush.core.format.UrlPassword;
import dev.hush.core.format.SourceFile;
import dev.hush.core.format.compose.Interpolation;
import dev.hush.core.format.dotenv.Dotenv;
import dev.hush.core.format.dotenv.DotenvEntry;
import dev.hush.core.format.dotenv.DotenvParser;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds secrets in dotenv files ({@code .env}, {@code .env.*}, {@code *.env}, and every file a
 * compose {@code env_file:} names) and tells whether such a file is left to git.
 *
 * <ul>
 *   <li>{@code dotenv-secret}: a secret-like key ({@link SecretKeys#isSecret}) with a literal
 *       value, or a connection-string key ({@code DATABASE_URL}) whose URL holds a literal
 *       password, or a weak password in a URL, with low severity. A template ({@code <password>},
 *       {@code your_token}, the variable's own name), a value made only of references
 *       ({@code ${DB_PASSWORD}}) and the id half of a key pair ({@code PUSHER_APP_KEY}) are not reported.
 *   <li>{@code dotenv-weak-default}: the same for a word an app accepts as it is ({@code
 *       changeme}, {@code admin}, {@code example}) under a secret-like key, outside example
 *       files: the password the service will run with (see {@link Placeholders#isWeakDefault}).
 *   <li>{@code dotenv-tracked}: the file holds at least one real-looking secret (not a
 *       placeholder) and git tracks it.
 *   <li>{@code dotenv-not-ignored}: the same, in a git work tree, when git neither tracks nor
 *       ignores it, so the next {@code git add .} commits it.
 * </ul>
 *
 * <p>Example files ({@code .env.example}, {@code .env.sample}, {@code .env.template},
 * {@code .env.dist}) are meant to be committed: their placeholders are not findings at all,
 * a real-looking secret in them is, and they never get the file-level findings.
 */
public final class DotenvAnalyzer implements Analyzer {
    private static final Set<String> EXAMPLE_WORDS = Set.of("example", "sample", "template", "dist", "tmpl", "tpl");

    /** Returns whether {@code path} names a dotenv file by its name alone. */
    public static boolean appliesTo(String path) {
        String name = fileName(path).toLowerCase(Locale.ROOT);
        return name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env") && name.length() > 4;
    }

    /** Returns whether {@code path} names an example dotenv file, such as {@code .env.example}. */
    public static boolean isExample(String path) {
        String name = fileName(path).toLowerCase(Locale.ROOT);
        for (String part : name.split("\\.")) {
            if (EXAMPLE_WORDS.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        SourceFile file = analysis.file();
        boolean example = isExample(file.path());
        Dotenv dotenv = DotenvParser.parse(file.text());
        for (Dotenv.Problem problem : dotenv.problems()) {
            analysis.error(problem.line(), problem.message());
        }
        boolean holdsSecret = false;
        List<String> keys = dotenv.entries().stream().map(DotenvEntry::key).toList();
        for (DotenvEntry entry : dotenv.entries()) {
            Optional<Literal> literal = literalSecret(entry);
            if (literal.isEmpty() || SecretKeys.isIdOfAPair(entry.key(), keys)) {
                continue;
            }
            boolean placeholder = literal.get().placeholder();
            if (example && placeholder) {
                continue;
            }
            holdsSecret |= !placeholder;
            if (placeholder && SecretKeys.isSecret(entry.key()) && Placeholders.isWeakDefault(literal.get().secret())) {
                // Compose hands this value to the service as it is: it is the password the service runs with.
                analysis.add(Finding.builder(RuleIds.DOTENV_WEAK_DEFAULT, Card.INLINE_SECRET, FindingLocation.of(file, entry.keyStart()))
                        .severity(Severity.MEDIUM)
                        .key(entry.key())
                        .secret(literal.get().secret())
                        .message(entry.key() + " in " + file.name() + " is set to a default password that anyone can"
                                + " guess")
                        .fix("Move it into a Compose secret with a generated value in its place (hush migrate"
                                + " --generate-weak), then change the password the service already stored")
                        .build());
                continue;
            }
            analysis.add(Finding.builder(RuleIds.DOTENV_SECRET, Card.INLINE_SECRET, FindingLocation.of(file, entry.keyStart()))
                    .severity(placeholder ? Severity.LOW : Severity.HIGH)
                    .key(entry.key())
                    .secret(literal.get().secret())
                    .message(example
                            ? entry.key() + " in the example file " + file.name()
                                    + " holds a real-looking secret, and example files are committed and shared"
                            : entry.key() + " in " + file.name() + " holds a literal "
                                    + (placeholder ? "placeholder where a secret belongs" : "secret"))
                    .fix(example
                            ? "Replace the value with a placeholder such as <" + entry.key().toLowerCase(Locale.ROOT)
                                    + "> and rotate the secret"
                            : "Move the value into a Compose secret (.secrets/" + entry.key().toLowerCase(Locale.ROOT)
                                    + ".txt, read from /run/secrets/) and keep only the key in .env.example")
                    .build());
        }
        if (holdsSecret && !example) {
            reportGitExposure(analysis);
        }
    }

    /** Returns the literal secret {@code entry} writes into the file, if its key is secret-like. */
    private static Optional<Literal> literalSecret(DotenvEntry entry) {
        if (entry.value().isEmpty()) {
            return Optional.empty();
        }
        return literalSecret(entry.key(), entry.value().get(), entry.interpolated());
    }

    /**
     * Holds the secret a value writes into a file.
     *
     * @param secret what the migration moves out: the value, or a whole connection URL
     * @param placeholder whether the secret part looks like a stand-in such as {@code changeme}
     */
    public record Literal(String secret, boolean placeholder) {
    }

    /**
     * Returns the secret that {@code value} writes into a file under {@code key}: the literal
     * value of a secret-like key, or the whole URL of a connection-string key ({@code
     * DATABASE_URL}) whose password is literal. Returns empty for references and non-secrets.
     */
    public static Optional<Literal> literalSecret(String key, String value, boolean interpolated) {
        if (SecretKeys.isSecret(key)) {
            return literalOf(value, interpolated).flatMap(v -> switch (AssignedValues.judgeSetting(key, v)) {
                case NONE -> Optional.empty();
                case PLACEHOLDER -> Optional.of(new Literal(v, true));
                case SECRET -> Optional.of(new Literal(v, false));
            });
        }
        if (SecretKeys.isConnectionString(key)) {
            Optional<UrlPassword> url = UrlPassword.in(value).stream().filter(p -> p.urlStart() == 0).findFirst();
            if (url.isPresent()) {
                // The URL moves as a whole; whether it is a placeholder depends on its password.
                return literalOf(value.substring(url.get().start(), url.get().end()), interpolated)
                        .map(p -> new Literal(value, Placeholders.isPlaceholder(p)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> literalOf(String value, boolean interpolated) {
        Optional<String> literal = interpolated ? Interpolation.writtenLiteral(value) : Optional.of(value);
        return literal.filter(v -> !Placeholders.isNotASecret(v));
    }

    private static void reportGitExposure(FileAnalysis analysis) {
        SourceFile file = analysis.file();
        String path = file.path();
        if (analysis.git().isTracked(path)) {
            analysis.add(Finding.builder(RuleIds.DOTENV_TRACKED, Card.TRACKED_SECRET_FILE, FindingLocation.at(file, 1, 1))
                    .severity(Severity.HIGH)
                    .message(path + " holds secrets and is tracked by git, so every clone and the history have them")
                    .fix("git rm --cached " + path + ", add it to .gitignore, and rotate its secrets: they stay in git"
                            + " history")
                    .build());
        } else if (analysis.git().isRepository() && !analysis.git().isIgnored(path)) {
            // Outside a work tree nothing is ignored, and every unpacked archive would get this finding.
            analysis.add(Finding.builder("dotenv-not-ignored", Card.TRACKED_SECRET_FILE, FindingLocation.at(file, 1, 1))
                    .severity(Severity.MEDIUM)
                    .message(path + " holds secrets and no .gitignore covers it, so the next git add commits it")
                    .fix("Add " + path + " to .gitignore")
                    .build());
        }
    }
}

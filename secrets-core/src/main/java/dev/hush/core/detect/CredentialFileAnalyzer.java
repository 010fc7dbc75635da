package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses one credential-file format ({@code .netrc}, {@code .pgpass}, a FileZilla site list,
 * ...) and reports each credential it holds with its user and host. Subclasses say which
 * files are theirs and walk the format; this class judges values and builds the findings.
 */
abstract class CredentialFileAnalyzer implements Analyzer {
    /** A stand-in written in place of a value: {@code *****}, {@code xxxx}, {@code <password>}, {@code ${PASS}}. */
    private static final Pattern STAND_IN = Pattern.compile(
            "(?i)\\*+|x{3,}|\\.{3,}|<[^<>]*>|\\$\\{[^}]*}|\\$[A-Z_][A-Z0-9_]*|\\{\\{[^}]*}}|%[A-Z_]+%|(your|my|insert|enter|replace)[-_ ]?(pass(word)?|secret|token|key).*");

    /** Where {@link Credential#what()} names the file; without it the file's name follows. */
    static final String FILE = "{file}";

    /** Returns whether this analyzer reads the file at {@code path}. */
    boolean appliesTo(String path) {
        return appliesTo(path, name(path));
    }

    /**
     * Returns whether this analyzer reads the file at {@code path}, whose lower-case file name is
     * {@code name}: a scan asks every analyzer of every file, so the name is cut out of the path once.
     */
    abstract boolean appliesTo(String path, String name);

    /**
     * Returns the severity to report the credential {@code value} with: empty for an empty
     * value, a stand-in or a reference; low for a placeholder word such as {@code changeme};
     * {@code severity} otherwise.
     */
    static Optional<Severity> judge(String value, Severity severity) {
        String stripped = value.strip();
        if (Placeholders.isNotASecret(stripped) || STAND_IN.matcher(stripped).matches()) {
            return Optional.empty();
        }
        return Optional.of(Placeholders.isPlaceholder(stripped) ? Severity.LOW : severity);
    }

    /** Receives the entry lines of a line-based credential file. */
    interface EntryLine {
        /** Reads {@code line}, without its line break, which starts at {@code offset} in the file. */
        void read(String line, int offset);
    }

    /**
     * Calls {@code entry} with each line of {@code text} that is neither blank nor a comment, a line whose first
     * character after white space is one of {@code commentMarks}; a line's {@code \r} is cut off.
     */
    static void forEachEntry(String text, String commentMarks, EntryLine entry) {
        int offset = 0;
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            String lead = line.stripLeading();
            if (!lead.isEmpty() && commentMarks.indexOf(lead.charAt(0)) < 0) {
                entry.read(line, offset);
            }
            offset += raw.length() + 1;
        }
    }

    /** Returns the lower-case file name of {@code path}. */
    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Describes one credential for {@link #report}.
     *
     * @param rule the rule id
     * @param offset where the secret starts in the file
     * @param secret the value to report
     * @param key the field that holds it ({@code password}, {@code Pass})
     * @param user the user it belongs to, or null
     * @param host the host or service it opens, or null
     * @param what what the value is, e.g. {@code password} or {@code MD5-crypt password hash}; {@link #FILE}
     *     stands for the file's name, which otherwise follows
     * @param fix the one-line fix
     */
    record Credential(String rule, int offset, String secret, String key, String user, String host, String what,
            String fix) {
    }

    /** Reports {@code credential} with {@code severity}, naming its user and host but never its value. */
    static void report(FileAnalysis analysis, Credential credential, Severity severity) {
        SourceFile file = analysis.file();
        StringBuilder message = new StringBuilder(credential.what().contains(FILE)
                ? credential.what().replace(FILE, file.name())
                : credential.what() + " in " + file.name());
        if (credential.user() != null && !credential.user().isEmpty()) {
            message.append(" for user ").append(credential.user());
        }
        if (credential.host() != null && !credential.host().isEmpty()) {
            message.append(" at ").append(credential.host());
        }
        if (severity == Severity.LOW) {
            message.append(" (the value looks like a placeholder; keep real values out of the file)");
        }
        Finding.Builder finding = Finding.builder(credential.rule(), Card.INLINE_SECRET, FindingLocation.of(file, credential.offset()))
                .severity(severity)
                .message(message.toString())
                .fix(credential.fix());
        if (credential.secret() != null) {
            finding.secret(credential.secret());
        }
        if (credential.key() != null) {
            finding.key(credential.key());
        }
        analysis.add(finding.build());
    }

    /** Reports {@code credential} when {@link #judge} lets its value through. */
    static void reportIfSecret(FileAnalysis analysis, Credential credential, Severity severity) {
        judge(credential.secret(), severity).ifPresent(s -> report(analysis, credential, s));
    }
}

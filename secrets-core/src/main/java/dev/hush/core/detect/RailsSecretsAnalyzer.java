package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Severity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Rails application's keys.
 *
 * <ul>
 *   <li>{@code rails-master-key}: {@code config/master.key} or {@code config/credentials/<env>.key}
 *       holding the 32 hexadecimal characters that decrypt {@code credentials.yml.enc}: anyone with
 *       both reads every credential of the application.
 *   <li>{@code rails-secret-key-base}: a literal {@code secret_key_base} (or the older
 *       {@code secret_token}) in {@code config/secrets.yml}; ERB such as
 *       {@code <%= ENV["SECRET_KEY_BASE"] %>} is a reference and not reported.
 * </ul>
 */
final class RailsSecretsAnalyzer extends CredentialFileAnalyzer {
    private static final Pattern MASTER_KEY = Pattern.compile("\\s*([0-9a-f]{32})\\s*");
    /** An encrypted-credentials key of Rails 6's per-environment credentials. */
    private static final Pattern ENVIRONMENT_KEY = Pattern.compile("(?:.*/)?config/credentials/[^/]+\\.key");
    private static final Pattern SECRET_LINE = Pattern.compile("(?m)^[ \\t]*(secret_key_base|secret_token)[ \\t]*:[ \\t]*(?:([\"'])(.*?)\\2|([^#\\s][^#\\r\\n]*?))[ \\t]*(?:#.*)?\\r?$");

    @Override
    boolean appliesTo(String path, String name) {
        return isKeyFile(path) || name.equals("secrets.yml");
    }

    private static boolean isKeyFile(String path) {
        return path.equals("config/master.key") || path.endsWith("/config/master.key")
                || path.endsWith(".key") && ENVIRONMENT_KEY.matcher(path).matches();
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        SourceFile file = analysis.file();
        if (isKeyFile(file.path())) {
            Matcher m = MASTER_KEY.matcher(file.text());
            if (m.matches()) {
                report(analysis, new Credential("rails-master-key", m.start(1), m.group(1), null, null, null,
                        "Rails master key " + FILE + ", which decrypts the application's encrypted credentials",
                        "Remove the key from the repository and its history, run bin/rails credentials:edit with a new"
                                + " key (delete the old key file first) and change every credential the old file held"),
                        Severity.HIGH);
            }
            return;
        }
        Matcher m = SECRET_LINE.matcher(file.text());
        while (m.find()) {
            int group = m.group(3) != null ? 3 : 4;
            String value = m.group(group);
            if (value.contains("<%")) {
                continue;
            }
            reportIfSecret(analysis, new Credential("rails-secret-key-base", m.start(group), value, m.group(1), null, null,
                    "Rails " + m.group(1),
                    "Generate a new one (bin/rails secret), read it from the environment or the encrypted credentials,"
                            + " and expect every session cookie signed with the old one to stop working"),
                    Severity.HIGH);
        }
    }
}

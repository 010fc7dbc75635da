package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PgBouncer's auth file ({@code userlist.txt}, its documented default name): one {@code "user" "password"} line
 * a user, both in double quotes, a doubled quote standing for one (pgbouncer.org/config.html, auth_file). The
 * password is plain text, an {@code md5} hash or a {@code SCRAM-SHA-256$} secret. Reports
 * {@code pgbouncer-userlist-password} for a plain password (high) and for an md5 hash (medium): md5 authentication
 * takes the hash itself, so it logs in as well as the password; a SCRAM secret does not, and is left out.
 */
final class PgbouncerUserlistAnalyzer extends CredentialFileAnalyzer {
    private static final Pattern ENTRY = Pattern.compile("(?m)^[ \\t]*\"((?:[^\"]|\"\")+)\"[ \\t]+\"((?:[^\"]|\"\")*)\"");
    private static final Pattern MD5 = Pattern.compile("md5[0-9a-f]{32}");

    @Override
    boolean appliesTo(String path, String name) {
        return name.equals("userlist.txt");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        Matcher m = ENTRY.matcher(analysis.file().text());
        while (m.find()) {
            String user = m.group(1).replace("\"\"", "\"");
            String password = m.group(2);
            if (password.startsWith("SCRAM-SHA-256$")) {
                continue;
            }
            boolean hash = MD5.matcher(password).matches();
            reportIfSecret(analysis, new Credential("pgbouncer-userlist-password", m.start(2), password, "password", user,
                    null, hash ? "PgBouncer md5 password hash, which logs in as the password does," : "PgBouncer password",
                    "Change role " + user + "'s password on the PostgreSQL server, and fill the auth file from a secret"
                            + " at start-up (or use auth_query) instead of committing it"),
                    hash ? Severity.MEDIUM : Severity.HIGH);
        }
    }
}

package dev.hush.core.detect;

import dev.hush.core.model.Severity;

/**
 * Reads Jetty's {@code HashLoginService} user files ({@code realm.properties} and files named after it, but
 * {@code jdbcRealm.properties}, a JDBC realm's settings): one
 * {@code username: password[,role ...]} entry a line, {@code #} and {@code !} comments
 * (jetty.org/docs/jetty/12/operations-guide/security/). A password is clear text, {@code OBF:} (Jetty's reversible
 * obfuscation, reported like clear text), or an {@code MD5:} or {@code CRYPT:} hash, which is not reported.
 */
final class JettyRealmAnalyzer extends CredentialFileAnalyzer {
    @Override
    boolean appliesTo(String path, String name) {
        // jdbcRealm.properties configures JDBCLoginService (its driver, URL, tables and database login): settings, which
        // the properties reader judges, not one user a line.
        return name.endsWith("realm.properties") && !name.startsWith("jdbc");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        forEachEntry(analysis.file().text(), "#!", (line, offset) -> entry(analysis, line, offset));
    }

    private static void entry(FileAnalysis analysis, String line, int offset) {
        int separator = indexOfSeparator(line);
        if (separator < 0) {
            return;
        }
        String user = line.substring(0, separator).strip();
        int start = separator + 1;
        while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        int end = line.indexOf(',', start);
        String password = line.substring(start, end < 0 ? line.length() : end).strip();
        if (user.isEmpty() || password.isEmpty() || password.startsWith("MD5:") || password.startsWith("CRYPT:")) {
            return;
        }
        reportIfSecret(analysis, new Credential("jetty-realm-password", offset + start, password, "password", user,
                null, password.startsWith("OBF:") ? "Jetty password, obfuscated (reversible), in " + FILE
                        : "Jetty password in " + FILE,
                "Change the user's password in the application that Jetty guards, and store a hash instead"
                        + " (java org.eclipse.jetty.util.security.Password <user> <password> prints CRYPT: and MD5: forms)"),
                Severity.HIGH);
    }

    /** Returns where the user name ends: the first {@code :} or {@code =} outside an escape, or -1. */
    private static int indexOfSeparator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':' || c == '=') {
                return i;
            }
        }
        return -1;
    }
}

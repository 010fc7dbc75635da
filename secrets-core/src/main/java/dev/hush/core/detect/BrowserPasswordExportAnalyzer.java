package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads password exports: CSV files whose header names a URL, a user name and a password
 * column, as Chrome, Edge, Firefox, Safari, Bitwarden, LastPass and 1Password write them
 * ({@code url,username,password}, {@code login_uri,login_username,login_password}, ...).
 * Reports {@code browser-password-export} for each row with a password. Quoted fields may
 * hold commas, doubled quotes and line breaks (RFC 4180).
 */
final class BrowserPasswordExportAnalyzer extends CredentialFileAnalyzer {
    private static final List<String> PASSWORD = List.of("password", "login_password");
    private static final List<String> USER = List.of("username", "login_username", "login", "user");
    private static final List<String> URL = List.of("url", "login_uri", "origin", "origin_url", "website", "hostname");

    @Override
    boolean appliesTo(String path, String name) {
        return name.endsWith(".csv");
    }

    /** One CSV field and where it starts in the text. */
    private record Field(String value, int offset) {
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        String text = analysis.file().text();
        List<List<Field>> rows = rows(text);
        if (rows.isEmpty()) {
            return;
        }
        List<String> header = rows.get(0).stream().map(f -> f.value().strip().toLowerCase(Locale.ROOT)).toList();
        int password = column(header, PASSWORD);
        int user = column(header, USER);
        int url = column(header, URL);
        if (password < 0 || user < 0 || url < 0) {
            return;
        }
        for (List<Field> row : rows.subList(1, rows.size())) {
            if (row.size() <= password) {
                continue;
            }
            Field secret = row.get(password);
            String host = row.size() > url ? row.get(url).value() : null;
            reportIfSecret(analysis, new Credential("browser-password-export", secret.offset(), secret.value(), header.get(password),
                    row.size() > user ? row.get(user).value() : null, host, "Exported saved password",
                    "Change this password at " + (host == null || host.isEmpty() ? "the site" : host)
                            + " (and at every other site that shares it), then delete the export from the repository"),
                    Severity.HIGH);
        }
    }

    private static int column(List<String> header, List<String> names) {
        for (String name : names) {
            int i = header.indexOf(name);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<List<Field>> rows(String text) {
        List<List<Field>> rows = new ArrayList<>();
        List<Field> row = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        int start = 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"' && value.length() == 0) {
                quoted = true;
                wasQuoted = true;
                start = i + 1;
            } else if (c == ',' || c == '\n') {
                String v = wasQuoted ? value.toString() : value.toString().replaceAll("\r$", "");
                row.add(new Field(v, start));
                value.setLength(0);
                wasQuoted = false;
                start = i + 1;
                if (c == '\n') {
                    if (!(row.size() == 1 && row.get(0).value().isEmpty())) {
                        rows.add(row);
                    }
                    row = new ArrayList<>();
                }
            } else {
                value.append(c);
            }
        }
        return rows;
    }
}

package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PostgreSQL password files ({@code .pgpass}, Windows' {@code pgpass.conf}, and files
 * a project names after them): one {@code hostname:port:database:username:password} entry a
 * line, {@code #} comments, {@code \:} and {@code \\} escapes. As libpq reads it, the password
 * ends at the next unescaped colon, and lines with fewer fields are skipped. Reports
 * {@code pgpass-password} for each entry with a password, as written (escapes kept).
 */
final class PgpassAnalyzer extends CredentialFileAnalyzer {
    @Override
    boolean appliesTo(String path, String name) {
        return name.equals(".pgpass") || name.equals("pgpass") || name.startsWith("pgpass") && name.endsWith(".conf")
                || name.startsWith(".pgpass.");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        forEachEntry(analysis.file().text(), "#", (line, offset) -> entry(analysis, line, offset));
    }

    private static void entry(FileAnalysis analysis, String line, int offset) {
        List<String> fields = new ArrayList<>(5);
        List<Integer> starts = new ArrayList<>(5);
        int end = line.length();
        StringBuilder field = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : ':';
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':') {
                fields.add(field.toString());
                starts.add(start);
                field.setLength(0);
                start = i + 1;
                if (fields.size() == 5) {
                    end = Math.min(i, line.length());
                    break;
                }
            } else {
                field.append(c);
            }
        }
        if (fields.size() < 5 || fields.get(4).isEmpty()) {
            return;
        }
        String host = fields.get(0) + ":" + fields.get(1) + "/" + fields.get(2);
        // The value is reported as written, escapes included, so that a purge finds it in the file.
        String written = line.substring(starts.get(4), end);
        reportIfSecret(analysis, new Credential("pgpass-password", offset + starts.get(4), written, "password",
                fields.get(3), host, "PostgreSQL password",
                "Change the password of role " + fields.get(3) + " (ALTER ROLE ... PASSWORD) on " + fields.get(0)
                        + ", and keep .pgpass out of the repository (mode 0600 in your home folder)"),
                Severity.HIGH);
    }
}

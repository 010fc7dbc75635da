package dev.hush.core.detect;

import dev.hush.core.model.Severity;

/**
 * Reads Postfix's SASL password tables ({@code sasl_passwd}, {@code smtp_sasl_passwd}, the source of the
 * {@code .db} map): one {@code destination username:password} entry a line, {@code #} comments
 * (postfix.org/SASL_README.html, "Enabling SASL authentication in the Postfix SMTP/LMTP client").
 */
final class PostfixSaslPasswdAnalyzer extends CredentialFileAnalyzer {
    @Override
    boolean appliesTo(String path, String name) {
        return name.contains("sasl_passwd") && !name.endsWith(".db") && !name.endsWith(".lmdb");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        forEachEntry(analysis.file().text(), "#", (line, offset) -> entry(analysis, line, offset));
    }

    private static void entry(FileAnalysis analysis, String line, int offset) {
        String[] words = line.strip().split("[ \\t]+", 2);
        if (words.length < 2) {
            return;
        }
        String credentials = words[1].strip();
        int colon = credentials.indexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1) {
            return;
        }
        String user = credentials.substring(0, colon);
        String password = credentials.substring(colon + 1);
        int start = line.indexOf(credentials, line.indexOf(words[0]) + words[0].length()) + colon + 1;
        reportIfSecret(analysis, new Credential("postfix-sasl-password", offset + start, password, "password", user,
                words[0], "SMTP relay password in " + FILE,
                "Change the password (or API key) at the mail relay " + words[0] + ", and keep sasl_passwd out of the"
                        + " repository (root-only, mode 0600, in /etc/postfix)"),
                Severity.HIGH);
    }
}

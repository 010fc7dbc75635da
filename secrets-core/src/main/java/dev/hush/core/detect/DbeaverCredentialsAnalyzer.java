package dev.hush.core.detect;

import dev.hush.core.model.Severity;

/**
 * Reports DBeaver's {@code .dbeaver/credentials-config.json} ({@code database-gui-credentials}):
 * it holds the user names and passwords of a project's connections, encrypted with a key that
 * DBeaver's documentation says is published in its sources, so anyone who has the file can
 * read them. The file is binary and not decrypted here: its presence is the finding.
 */
final class DbeaverCredentialsAnalyzer extends CredentialFileAnalyzer {
    @Override
    boolean appliesTo(String path, String name) {
        return path.equals(".dbeaver/credentials-config.json") || path.endsWith("/.dbeaver/credentials-config.json")
                || name.equals("credentials-config.json") && path.contains("dbeaver");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        // An empty file, or the JSON of a project that saves no password, holds no credential.
        if (analysis.file().byteLength() < 16 || analysis.file().startsWith("{")) {
            return;
        }
        report(analysis, new Credential("database-gui-credentials", 0, null, null, null, null,
                "DBeaver saved connection credentials in " + FILE + ", encrypted with a key anyone can look up",
                "Change the passwords of every connection in .dbeaver/data-sources.json, remove credentials-config.json"
                        + " from the repository and add it to .gitignore"), Severity.HIGH);
    }
}

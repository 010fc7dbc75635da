package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Picks the credential-file analyzers for a file: by its name, by a word its text holds
 * (a PuTTY key pasted into any file), and, for binary files, the formats that are binary
 * (keystores, DBeaver's encrypted credentials).
 */
final class CredentialFiles {
    /** The words whose presence makes an analyzer run whatever the file's name; the keyword pass finds them. */
    static final List<String> WORDS = List.of(PuttyKeyAnalyzer.MAGIC);

    private final List<CredentialFileAnalyzer> text = List.of(new NetrcAnalyzer(), new PgpassAnalyzer(),
            new PasswordHashFileAnalyzer(), new FtpClientConfigAnalyzer(), new BrowserPasswordExportAnalyzer(),
            new RailsSecretsAnalyzer(), new PgbouncerUserlistAnalyzer(), new VaultPasswordFileAnalyzer(),
            new WindowsAnswerFileAnalyzer(), new JettyRealmAnalyzer(), new PostfixSaslPasswdAnalyzer(),
            new SolanaKeypairAnalyzer(), new UserPasswordFileAnalyzer());
    private final PuttyKeyAnalyzer putty = new PuttyKeyAnalyzer();
    private final List<CredentialFileAnalyzer> binary = List.of(new KeystoreAnalyzer(), new DbeaverCredentialsAnalyzer());

    /** Adds the analyzers for the text file {@code file} to {@code analyzers}; {@code mentions} tells which {@link #WORDS} occur. */
    void addTo(List<Analyzer> analyzers, SourceFile file, Predicate<String> mentions) {
        String path = file.path();
        // One lower-case name for every analyzer's check: a history asks this of each blob.
        String name = CredentialFileAnalyzer.name(path);
        for (CredentialFileAnalyzer analyzer : text) {
            if (analyzer.appliesTo(path, name)) {
                analyzers.add(analyzer);
            }
        }
        for (CredentialFileAnalyzer analyzer : binary) {
            if (analyzer.appliesTo(path, name)) {
                analyzers.add(analyzer);
            }
        }
        if (putty.appliesTo(path, name) || mentions.test(PuttyKeyAnalyzer.MAGIC)) {
            analyzers.add(putty);
        }
    }

    /** Returns the analyzers that read the binary file at {@code path}; most binary files have none. */
    List<Analyzer> forBinary(String path) {
        String name = CredentialFileAnalyzer.name(path);
        List<Analyzer> analyzers = new ArrayList<>(0);
        for (CredentialFileAnalyzer analyzer : binary) {
            if (analyzer.appliesTo(path, name)) {
                analyzers.add(analyzer);
            }
        }
        return analyzers.isEmpty() ? List.of() : analyzers;
    }
}

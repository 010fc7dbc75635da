package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Ansible's vault password files: a file whose only line is the password that decrypts every
 * {@code ansible-vault} file of the project ({@code --vault-password-file}, {@code vault_password_file} in
 * ansible.cfg; docs.ansible.com, "Storing passwords in files"). Known by its name: {@code vault} and {@code pass}
 * in it ({@code .vault_pass}, {@code vault_pass.txt}, {@code .vault-password}), with no extension or {@code .txt}.
 * A script (it starts with {@code #!}) prints the password from elsewhere and holds none.
 */
final class VaultPasswordFileAnalyzer extends CredentialFileAnalyzer {
    private static final Pattern NAME = Pattern.compile("\\.?(?:ansible[-_.])?vault[-_.]?pass(?:word)?(?:[-_.][\\w-]+)?(?:\\.txt)?");
    private static final Pattern ONE_LINE = Pattern.compile("\\s*([^\\s#][^\\r\\n]{3,199}?)[ \\t]*\\r?\\n?\\s*");

    @Override
    boolean appliesTo(String path, String name) {
        // Every name NAME matches holds "vault": a scan asks this of every file, most of which do not.
        return name.contains("vault") && NAME.matcher(name).matches() && !name.endsWith(".py") && !name.endsWith(".sh");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        String text = analysis.file().text();
        Matcher m = ONE_LINE.matcher(text);
        if (text.startsWith("#!") || !m.matches()) {
            return;
        }
        reportIfSecret(analysis, new Credential("ansible-vault-password", m.start(1), m.group(1), null, null, null,
                "Ansible vault password in " + FILE + ", which decrypts every vault file of the project",
                "Rekey the vault files with a new password (ansible-vault rekey), keep the password file out of the"
                        + " repository (a password manager script, or --ask-vault-pass)"),
                Severity.HIGH);
    }
}

package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Reads Solana keypair files as {@code solana-keygen new} writes them ({@code ~/.config/solana/id.json}) and Anchor
 * keeps a program's deploy key ({@code target/deploy/<program>-keypair.json}): a JSON array of 64 bytes, the Ed25519
 * seed and then its public key (docs.solanalabs.com/cli/wallets/file-system). The second half must be the public key
 * of the first, so an array that merely has 64 numbers is not reported.
 */
final class SolanaKeypairAnalyzer extends CredentialFileAnalyzer {
    private static final Pattern ARRAY = Pattern.compile("\\s*\\[((?:\\s*\\d{1,3}\\s*,){63}\\s*\\d{1,3}\\s*)]\\s*");

    @Override
    boolean appliesTo(String path, String name) {
        return name.equals("id.json") || name.endsWith(".json") && name.contains("keypair");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        String text = analysis.file().text();
        Matcher array = ARRAY.matcher(text);
        if (!array.matches()) {
            return;
        }
        String[] numbers = array.group(1).split(",");
        byte[] bytes = new byte[64];
        for (int i = 0; i < 64; i++) {
            int value = Integer.parseInt(numbers[i].strip());
            if (value > 255) {
                return;
            }
            bytes[i] = (byte) value;
        }
        byte[] publicKey = new Ed25519PrivateKeyParameters(bytes, 0).generatePublicKey().getEncoded();
        if (!Arrays.equals(publicKey, Arrays.copyOfRange(bytes, 32, 64))) {
            return;
        }
        int start = text.indexOf('[');
        report(analysis, new Credential("solana-keypair", start, text.strip(), null, null, null,
                "Solana keypair (Ed25519 private key) in " + FILE,
                "Move the funds or the program's upgrade authority to a new keypair at once (solana-keygen new,"
                        + " solana program set-upgrade-authority), and keep keypair files out of the repository"),
                Severity.HIGH);
    }
}

package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Windows answer files ({@code unattend.xml}, {@code autounattend.xml}, {@code sysprep.xml}): the
 * {@code <AdministratorPassword>}, {@code <Password>} elements of {@code UserAccounts}, {@code LocalAccount} and
 * {@code AutoLogon}, each a {@code <Value>} beside {@code <PlainText>}, and the domain-join {@code <Credentials>}'s
 * {@code <Password>} text. Windows' "hide sensitive data" writes the value as base64 of the UTF-16LE password
 * followed by the element's name (learn.microsoft.com/windows-hardware/customize/desktop/wsim/hide-sensitive-data-in-an-answer-file):
 * a reversible encoding, reported like clear text unless it encodes an empty password.
 */
final class WindowsAnswerFileAnalyzer extends CredentialFileAnalyzer {
    static final String RULE = "windows-answer-file-password";
    /** What Windows SIM writes in place of a value it removed from an answer file. */
    private static final String DELETED = "*SENSITIVE*DATA*DELETED*";
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern ELEMENT = Pattern.compile(
            "<(AdministratorPassword|Password|DomainAdminPassword)(?:\\s[^>]*)?>(.*?)</\\1\\s*>", Pattern.DOTALL);
    private static final Pattern VALUE = Pattern.compile("<Value(?:\\s[^>]*)?>([^<]*)</Value\\s*>");
    private static final Pattern PLAIN_TEXT = Pattern.compile("<PlainText>\\s*(true|false)\\s*</PlainText>",
            Pattern.CASE_INSENSITIVE);
    /** The account an element belongs to: a LocalAccount's or a domain account's Name, AutoLogon's Username. */
    private static final Pattern ACCOUNT = Pattern.compile("<(?:Name|Username)>([^<]{1,100})</(?:Name|Username)>");
    private static final Pattern ACCOUNT_BLOCK = Pattern.compile("<(LocalAccount|AutoLogon|Credentials|DomainAccount)\\b");

    @Override
    boolean appliesTo(String path, String name) {
        return name.endsWith(".xml") && (name.contains("unattend") || name.contains("sysprep"));
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        String written = analysis.file().text();
        // Commented-out elements are blanked, offsets kept, so that only the settings Windows reads are reported.
        StringBuilder blanked = new StringBuilder(written);
        Matcher comment = COMMENT.matcher(written);
        while (comment.find()) {
            for (int i = comment.start(); i < comment.end(); i++) {
                if (blanked.charAt(i) != '\n') {
                    blanked.setCharAt(i, ' ');
                }
            }
        }
        String text = blanked.toString();
        Matcher element = ELEMENT.matcher(text);
        while (element.find()) {
            String body = element.group(2);
            Matcher value = VALUE.matcher(body);
            int start;
            String secret;
            if (value.find()) {
                start = element.start(2) + value.start(1);
                secret = value.group(1);
            } else if (body.indexOf('<') < 0) {
                start = element.start(2);
                secret = body;
            } else {
                continue;
            }
            int lead = secret.length() - secret.stripLeading().length();
            secret = secret.strip();
            start += lead;
            if (secret.isEmpty() || secret.equals(DELETED)) {
                continue;
            }
            Matcher plain = PLAIN_TEXT.matcher(body);
            boolean encoded = plain.find() && plain.group(1).equalsIgnoreCase("false");
            if (encoded && decodesToEmpty(secret, element.group(1))) {
                continue;
            }
            String user = account(text, element.start());
            if (user == null && element.group(1).equals("AdministratorPassword")) {
                user = "Administrator";
            }
            reportIfSecret(analysis, new Credential(RULE, start, secret, element.group(1), user, null,
                    encoded ? "Windows account password, base64-encoded (reversible), in " + FILE
                            : "Windows account password in " + FILE,
                    "Change the account's password on every machine installed with the answer file, and give the"
                            + " password at deployment time (a build variable, Packer's or MDT's secret store) instead"),
                    Severity.HIGH);
        }
    }

    /** Returns whether {@code value} is Windows' encoding of an empty password: only the element's name, base64'd. */
    private static boolean decodesToEmpty(String value, String element) {
        try {
            String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_16LE);
            return decoded.equals(element);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Returns the account of the block around {@code at} (LocalAccount, AutoLogon, Credentials), or null. */
    private static String account(String text, int at) {
        Matcher block = ACCOUNT_BLOCK.matcher(text);
        int blockStart = -1;
        String kind = null;
        while (block.find() && block.start() < at) {
            blockStart = block.start();
            kind = block.group(1);
        }
        if (kind == null) {
            return null;
        }
        int blockEnd = text.indexOf("</" + kind, at);
        if (blockEnd < 0) {
            return null;
        }
        Matcher account = ACCOUNT.matcher(text.substring(blockStart, blockEnd));
        return account.find() ? account.group(1).strip() : null;
    }
}

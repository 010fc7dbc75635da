package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads two-line login files: the user name on the first line and the password on the second, as OpenVPN's
 * {@code auth-user-pass FILE} takes them (openvpn.net/community-resources/reference-manual-for-openvpn-2-6/:
 * "username/password on 2 lines") and VPN providers' guides name them ({@code auth.txt}, {@code creds.txt},
 * {@code login.conf}, {@code vpn.auth}). Known by its name and its shape: exactly two lines of one word each, the
 * second one a password's (letters and digits, 8 to 64 characters), so that notes and lists are left alone.
 */
final class UserPasswordFileAnalyzer extends CredentialFileAnalyzer {
    private static final Pattern NAME = Pattern.compile(
            "(?:[\\w-]+[-_.])?(?:auth|login|userpass|credentials?|creds)(?:[-_.][\\w-]+)?\\.(?:txt|conf|cfg)"
                    + "|[\\w.-]+\\.auth|auth-user-pass(?:[-_.][\\w.-]+)?");
    private static final Pattern TWO_LINES = Pattern.compile("\\s*(\\S{1,100})[ \\t]*\\r?\\n[ \\t]*(\\S{1,200})\\s*");

    @Override
    boolean appliesTo(String path, String name) {
        return NAME.matcher(name).matches();
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        Matcher lines = TWO_LINES.matcher(analysis.file().text());
        if (!lines.matches() || !AssignedValues.looksLikePassword(lines.group(2))) {
            return;
        }
        reportIfSecret(analysis, new Credential("user-password-file", lines.start(2), lines.group(2), "password",
                lines.group(1), null, "Password on the second line of " + FILE + " (a user name and password file)",
                "Change the password at the service the file logs in to (the VPN server, for OpenVPN's auth-user-pass),"
                        + " and keep the file out of the repository"),
                Severity.HIGH);
    }
}

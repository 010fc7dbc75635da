package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads netrc files ({@code .netrc}, {@code _netrc}) and git's plain-text credential store
 * ({@code .git-credentials}, {@code git/credentials}).
 *
 * <ul>
 *   <li>{@code netrc-password}: the {@code password} (or {@code account}) token of a {@code machine}
 *       or {@code default} entry, with its {@code login}. Tokens are separated by blanks and line
 *       breaks and may be double-quoted; {@code #} starts a comment; {@code macdef} bodies are
 *       skipped up to the next empty line (the format of inetutils' and curl's readers).
 *   <li>{@code git-credentials-password}: the password of each {@code scheme://user:password@host}
 *       line, as {@code git credential-store} writes them (percent-encoded).
 * </ul>
 */
final class NetrcAnalyzer extends CredentialFileAnalyzer {
    private static final Pattern STORE_LINE = Pattern.compile("^[ \\t]*([a-zA-Z][a-zA-Z0-9+.-]*)://([^:@/\\s]*):([^@\\s]*)@([^/\\s?#]+)");
    private static final Pattern TOKEN = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"|(#)[^\\n]*|(\\n[ \\t]*\\n)|([^\\s\"]+)");

    @Override
    boolean appliesTo(String path, String name) {
        return name.equals(".netrc") || name.equals("_netrc") || isCredentialStore(path, name);
    }

    private static boolean isCredentialStore(String path, String name) {
        return name.equals(".git-credentials") || name.equals("git-credentials") || path.endsWith("git/credentials");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        if (isCredentialStore(analysis.file().path(), name(analysis.file().path()))) {
            credentialStore(analysis);
        } else {
            netrc(analysis);
        }
    }

    private static void credentialStore(FileAnalysis analysis) {
        String text = analysis.file().text();
        int offset = 0;
        for (String line : text.split("\n", -1)) {
            Matcher m = STORE_LINE.matcher(line);
            if (m.find() && !m.group(3).isEmpty()) {
                reportIfSecret(analysis, new Credential("git-credentials-password", offset + m.start(3), m.group(3),
                        "password", decode(m.group(2)), m.group(4), "Git credential-store password",
                        "Change the password or revoke the token at " + m.group(4)
                                + ", delete this file from the repository and let a credential helper keep the new one"),
                        Severity.HIGH);
            }
            offset += line.length() + 1;
        }
    }

    private static String decode(String value) {
        try {
            return java.net.URLDecoder.decode(value.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static void netrc(FileAnalysis analysis) {
        String text = analysis.file().text();
        Matcher m = TOKEN.matcher(text);
        String machine = null;
        String login = null;
        boolean inMacro = false;
        String pending = null;
        while (m.find()) {
            if (m.group(3) != null) {
                inMacro = false;
                continue;
            }
            if (inMacro || m.group(2) != null) {
                continue;
            }
            String token = m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(4);
            int start = m.group(1) != null ? m.start(1) : m.start(4);
            if (pending == null) {
                switch (token) {
                    case "machine", "login", "password", "account", "macdef" -> pending = token;
                    case "default" -> {
                        machine = "default";
                        login = null;
                    }
                    default -> {
                        // an unknown token: readers skip it
                    }
                }
                continue;
            }
            String keyword = pending;
            pending = null;
            switch (keyword) {
                case "machine" -> {
                    machine = token;
                    login = null;
                }
                case "login" -> login = token;
                case "macdef" -> inMacro = true;
                default -> reportIfSecret(analysis, new Credential("netrc-password", start, token, keyword, login, machine,
                        "netrc " + keyword, "Change the password at " + (machine == null ? "the machine it names" : machine)
                                + ", remove the file from the repository and keep it only in your home folder (mode 0600)"),
                        Severity.HIGH);
            }
        }
    }
}

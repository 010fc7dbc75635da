package dev.hush.core.detect;

import dev.hush.core.model.Severity;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code user:password...} files: Apache's {@code .htpasswd} and {@code .htdigest}, and
 * the system's {@code shadow} and {@code gshadow} files.
 *
 * <ul>
 *   <li>{@code htpasswd-credential}: a hash ({@code $apr1$}, bcrypt {@code $2y$}, {@code {SHA}},
 *       SHA-crypt, DES crypt) is reported with medium severity, as it can be cracked offline; any
 *       other value is a plain-text password, which Apache accepts on Windows, and is reported high.
 *       An {@code .htdigest} line ({@code user:realm:md5}) reports its digest.
 *   <li>{@code shadow-password-hash}: the second field when it is a crypt(3) hash, also behind the
 *       {@code !} of a locked account. {@code *}, {@code !}, {@code !!}, {@code x}, an empty field
 *       and anything that is not a valid hash let nobody log in with a password and are not reported.
 * </ul>
 */
final class PasswordHashFileAnalyzer extends CredentialFileAnalyzer {
    /** crypt(3) hashes: modular ($id$...), traditional DES (13 chars) and BSDi extended DES (_ + 19). */
    private static final Pattern CRYPT = Pattern.compile(
            "\\$(1|2[abxy]?|5|6|7|y|gy|md5|sha1|apr1|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\\d+)?)\\$[./A-Za-z0-9$=,+-]{8,}"
                    + "|[./A-Za-z0-9]{13}|_[./A-Za-z0-9]{19}");
    private static final Pattern SHA = Pattern.compile("\\{SHA}[A-Za-z0-9+/]{27}=");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{32}");

    @Override
    boolean appliesTo(String path, String name) {
        return isHtpasswd(name) || isShadow(name);
    }

    /** Returns whether {@code name}, a lower-case file name, is an htpasswd or htdigest file's. */
    private static boolean isHtpasswd(String name) {
        return name.equals(".htpasswd") || name.equals("htpasswd") || name.endsWith(".htpasswd")
                || name.equals(".htdigest") || name.endsWith(".htdigest");
    }

    /** Returns whether {@code name}, a lower-case file name, is a shadow file's. */
    private static boolean isShadow(String name) {
        return name.equals("shadow") || name.equals("gshadow") || name.equals("shadow-") || name.equals("gshadow-");
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        String name = name(analysis.file().path());
        boolean htpasswd = isHtpasswd(name);
        boolean digest = name.contains("htdigest");
        String text = analysis.file().text();
        int offset = 0;
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                String[] fields = line.split(":", -1);
                if (digest && fields.length == 3) {
                    digest(analysis, fields, offset + colon + fields[1].length() + 2);
                } else if (htpasswd) {
                    htpasswd(analysis, fields[0], line.substring(colon + 1), offset + colon + 1);
                } else if (fields.length >= 4) {
                    shadow(analysis, fields[0], fields[1], offset + colon + 1);
                }
            }
            offset += raw.length() + 1;
        }
    }

    private static void digest(FileAnalysis analysis, String[] fields, int offset) {
        if (DIGEST.matcher(fields[2].strip()).matches()) {
            report(analysis, new Credential("htpasswd-credential", offset, fields[2].strip(), "digest", fields[0],
                    "realm " + fields[1], "HTTP digest password hash", FIX), Severity.MEDIUM);
        }
    }

    private static final String FIX = "Remove the file from the repository, set new passwords for its users (htpasswd),"
            + " and mount the new file into the web server as a Compose secret";

    private static void htpasswd(FileAnalysis analysis, String user, String value, int offset) {
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            return;
        }
        Optional<String> scheme = scheme(stripped);
        if (scheme.isPresent() || SHA.matcher(stripped).matches()) {
            report(analysis, new Credential("htpasswd-credential", offset, stripped, "password", user, null,
                    scheme.orElse("SHA-1") + " password hash", FIX), Severity.MEDIUM);
        } else {
            reportIfSecret(analysis, new Credential("htpasswd-credential", offset, stripped, "password", user, null,
                    "Plain-text password", FIX), Severity.HIGH);
        }
    }

    private static void shadow(FileAnalysis analysis, String user, String field, int offset) {
        boolean locked = field.startsWith("!");
        String hash = field.replaceFirst("^!+", "");
        Optional<String> scheme = scheme(hash);
        if (scheme.isEmpty()) {
            return;
        }
        report(analysis, new Credential("shadow-password-hash", offset, field, "password", user, null,
                scheme.get() + " password hash" + (locked ? " of a locked account" : ""),
                "Remove the file from the repository and set a new password for " + user
                        + " on every machine built from it (passwd); a hash can be cracked offline"),
                locked ? Severity.LOW : Severity.MEDIUM);
    }

    /** Returns the name of the crypt(3) scheme of {@code hash}, or empty when it is not a valid hash. */
    static Optional<String> scheme(String hash) {
        Matcher m = CRYPT.matcher(hash);
        if (!m.matches()) {
            return Optional.empty();
        }
        String id = m.group(1);
        if (id == null) {
            return Optional.of(hash.startsWith("_") ? "BSDi DES-crypt" : "DES-crypt");
        }
        return Optional.of(switch (id) {
            case "1" -> "MD5-crypt";
            case "apr1" -> "Apache MD5";
            case "5" -> "SHA-256-crypt";
            case "6" -> "SHA-512-crypt";
            case "y", "gy", "7" -> "yescrypt";
            default -> id.startsWith("2") ? "bcrypt" : id;
        });
    }
}

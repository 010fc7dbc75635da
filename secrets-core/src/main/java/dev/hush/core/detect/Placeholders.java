package dev.hush.core.detect;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises values that stand in for a secret ({@code changeme}, {@code <your-token>},
 * {@code xxxx}) and values that are not secrets at all ({@code true}, {@code 0}). A
 * placeholder in a secret-like key is still reported, with low severity: the pattern of
 * writing the value inline is what is wrong.
 *
 * <p>Placeholders are of two kinds. A <em>template</em> ({@code <password>}, {@code
 * your-password-here}, {@code xxxx}, {@code {{ db_password }}}) is written to be replaced
 * before anything runs. A <em>weak default</em> ({@code changeme}, {@code example}, {@code
 * admin}, {@code secret}) is a word that an app accepts as it is: in a compose file or the
 * {@code .env} it reads, it is the password the running service will have.
 */
final class Placeholders {
    /** A provider's prefix before a run of x's, as documentation writes a token: {@code sk_live_xxxx}, {@code ghp_xxxx}. */
    private static final String PREFIXED_XS = "[a-z0-9]{1,12}(?:[-_][a-z0-9]{1,12}){0,3}[-_]x{6,}";

    /** An instruction in place of a value, in one word or several: {@code putYourSecretHere}, {@code paste-token-here}. */
    private static final String PUT_HERE = "(put|paste|insert|enter)[-_ ]?.*here";
    /** An instruction after a provider's prefix, as documentation writes a key: {@code AIzaSy-your-api-key}, {@code sk_live_your_key}. */
    private static final String PREFIXED_YOUR = "[a-z0-9]{1,12}(?:[-_][a-z0-9]{1,12}){0,3}[-_](your|insert|enter|replace)[-_].*";

    private static final Set<String> WORDS = Set.of(
            "example", "changeme", "change_me", "change-me", "changeit", "password", "passwd", "secret",
            "token", "dummy", "test", "testing", "foo", "bar", "foobar", "placeholder", "todo", "tbd",
            "redacted", "sample", "default", "admin", "root", "pass", "qwerty", "letmein",
            "example123", "password123", "secret123", "mysecret", "mypassword", "yourpassword", "fake",
            "notasecret", "insecure", "demo", "1234", "12345", "123456", "12345678",
            // The metasyntactic variables after foo and bar (RFC 3092).
            "baz", "qux", "quux",
            // The internet's joke of a password (bash.org #244321), which API docs use as the example one.
            "hunter2");

    private static final Pattern SHAPES = Pattern.compile(
            "(?i)x{3,}|" + PREFIXED_XS + "|" + PREFIXED_YOUR + "|\\*{3,}|\\.{3,}|<[^<>]*>|\\{\\{[^}]*}}|(your|my|some|insert|enter|replace)[-_ ].*"
                    + "|.*(example|changeme|change[-_]me|change[-_]?this|placeholder|dummy|fake|redacted).*"
                    // What says it is none: not_a_real_password, notarealtoken.
                    + "|not[-_ ]?(?:a[-_ ]?)?real[-_ ]?.*"
                    + "|" + PUT_HERE
                    // AWS documentation's example key pair, on its stems (docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html).
                    + "|akiaiosfodnn7.*|wjalrxutnfemi/k7mdeng.*");

    /** Words that only ever stand for "fill this in", never a password someone would keep. */
    private static final Set<String> TEMPLATE_WORDS = Set.of(
            "placeholder", "todo", "tbd", "redacted", "yourpassword");

    private static final Pattern TEMPLATE_SHAPES = Pattern.compile(
            "(?i)x{3,}|" + PREFIXED_XS + "|" + PREFIXED_YOUR + "|\\*{3,}|\\.{3,}|<[^<>]*>|\\{\\{[^}]*}}|(your|insert|enter|replace)[-_ ].*|.*[-_ ]here"
                    + "|.*(placeholder|redacted).*|" + PUT_HERE);

    /** Defaults that documentation examples spread: examplepass, changeme123, my-secret-pw. */
    private static final Pattern WEAK_SHAPES = Pattern.compile("(?i).*(example|changeme|change[-_]me|change[-_]?this|changeit).*"
            + "|(my|some)[-_ ].*");

    private static final Set<String> NOT_SECRETS = Set.of(
            "true", "false", "yes", "no", "on", "off", "1", "0", "enabled", "disabled", "required", "optional",
            // Perl's Configure answers whether a feature is there (config.sh: d_getpwent='define', i_pwd='undef').
            "define", "undef",
            // No value at all: YAML's null (Compose then passes the shell's variable through), Python's None.
            "null", "nil", "none", "undefined");

    /** How many consecutive characters, up or down the alphabet or the digits, a hand-typed run has at least. */
    private static final int TYPED_RUN = 6;

    /**
     * Fills that no generator writes into a token: a unit of two to four characters four times or more, one character
     * eight times or more, x's, and the words that name a made-up value. Eight A's in base64 or 0's in hex are zero
     * bytes, which a binary token holds by its format (Twitter's app-only bearer tokens open with 22 A's).
     */
    private static final Pattern TYPED_FILL = Pattern.compile(
            "(?i)((.)(?!\\2).{1,3}?)\\1{3,}|(?-i:([^A0])\\3{7,})|x{4,}|example|sample|dummy|fake");

    private Placeholders() {
    }

    /**
     * Returns whether {@code value} was typed by hand to show a token's shape, not generated: it holds a run of
     * six consecutive letters or digits up or down ({@code abcdef}, {@code 1234567890}, the alternating case of
     * {@code aBcDeF}), one character eight times ({@code BBBBBBBB}), a short unit four times ({@code abababab}), an
     * {@code xxxx} fill or a word such as {@code EXAMPLE}, {@code SAMPLE}, {@code DUMMY} or {@code FAKE}. A random
     * token of the same length holds such a stretch with a chance of about one in a million.
     */
    static boolean isTypedStandIn(String value) {
        return hasTypedRun(value) || TYPED_FILL.matcher(value).find();
    }

    /** Returns whether {@code value} holds {@link #TYPED_RUN} consecutive ASCII letters or digits, case folded. */
    private static boolean hasTypedRun(String value) {
        int up = 1;
        int down = 1;
        for (int i = 1; i < value.length(); i++) {
            char before = Character.toLowerCase(value.charAt(i - 1));
            char c = Character.toLowerCase(value.charAt(i));
            boolean sameKind = isDigit(before) && isDigit(c) || isLetter(before) && isLetter(c);
            // The number row ends in 0: 1234567890 is typed as one run.
            up = sameKind && (c == before + 1 || before == '9' && c == '0') ? up + 1 : 1;
            down = sameKind && c == before - 1 ? down + 1 : 1;
            if (up >= TYPED_RUN || down >= TYPED_RUN) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /**
     * The tokens and client secrets that the OAuth specifications give as examples, which OAuth libraries copy into
     * their docstrings and tests: RFC 6749's (sections 2.3.1, 4.1, 5.1 and 7.1: https://www.rfc-editor.org/rfc/rfc6749,
     * its Basic header is {@code s6BhdRkqt3:gX1fBat3bV}), RFC 6750's bearer token (section 2.1), RFC 5849's OAuth 1.0
     * credentials (sections 1.2 and 3.1: https://www.rfc-editor.org/rfc/rfc5849), the consumer key and token of
     * X's (Twitter's) "Authorizing a request" page (developer.x.com, OAuth 1.0a), and the access and secret key of
     * MinIO's public playground, play.min.io, which MinIO's docs and SDK examples give to everyone (min.io/docs).
     */
    private static final Set<String> DOCUMENTED_TOKENS = Set.of(
            "2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "SplxlOBeZQQYbYS6WxSbIA", "7Fjfp0ZBr1KtDRbnfVdmIw",
            "czZCaGRSa3F0MzpnWDFmQmF0M2JW", "mF_9.B5f-4.1JqM", "h480djs93hd8", "adijq39jdlaska9asud",
            "dpf43f3p2l4k3l03", "kd94hf93k423kf44", "hh5s93j4hdidpola", "hdhd0244k9j7ao03", "nnch734d00sl2jdk",
            "pfkkdhi9sl3r4s00", "9djdj82h48djs9d2", "kkk9d7dh3k39sjv7", "0685bd9184jfhq22", "ad180jjd733klru7",
            "xvz1evFS4wEEPTGEFPHBog", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            "Q3AM3UQ867SPQQA43P2F", "zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG");

    /** xkcd 936's example passphrase (https://xkcd.com/936/), in any spelling: with blanks, dashes, underscores or none. */
    private static final Pattern XKCD_PASSPHRASE = Pattern.compile("correct[-_ ]?horse[-_ ]?battery[-_ ]?staple");

    /**
     * Returns whether {@code value} is an example that documentation gives, not even a weak password: AWS's example access
     * key or secret key, which AWS never issues (docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html), the
     * OAuth specifications' and MinIO's playground's tokens ({@link #DOCUMENTED_TOKENS}), xkcd's passphrase, or a
     * value cut short to show its start ({@code "SecretAccessKey": "/7PC5om...."}): the secret is not there.
     */
    static boolean isDocumentedExample(String value) {
        if (DOCUMENTED_TOKENS.contains(value.strip())) {
            return true;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("akiaiosfodnn7") || lower.startsWith("wjalrxutnfemi/k7mdeng")
                || XKCD_PASSPHRASE.matcher(lower).matches() || lower.endsWith("...") || lower.endsWith("\u2026");
    }

    /** Returns whether {@code value} is a stand-in for a real secret. */
    static boolean isPlaceholder(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return WORDS.contains(lower) || SHAPES.matcher(lower).matches();
    }

    /**
     * Returns whether {@code value} is a placeholder written to be replaced before anything
     * runs: a template shape ({@code <password>}, {@code your-password-here}, {@code xxxx},
     * {@code ${...}}-like braces) or a word such as {@code placeholder} or {@code redacted}.
     */
    static boolean isTemplate(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return TEMPLATE_WORDS.contains(lower) || TEMPLATE_SHAPES.matcher(lower).matches();
    }

    /**
     * Returns whether {@code value} is a placeholder that an app accepts as it is ({@code
     * changeme}, {@code example}, {@code admin}, {@code secret}): a guessable password, not a
     * template.
     */
    static boolean isWeakDefault(String value) {
        if (isNotASecret(value) || isTemplate(value)) {
            return false;
        }
        // A long value that merely contains "fake" or "dummy" is a test value, not a word anyone would guess.
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return WORDS.contains(lower) || WEAK_SHAPES.matcher(lower).matches();
    }

    /**
     * Returns whether {@code value} cannot be a secret: empty, a boolean, a bare 0 or 1, a null
     * ({@code null}, {@code None}), or a path into {@code /run/secrets}, which says where the secret is, not what it is.
     */
    static boolean isNotASecret(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return lower.isEmpty() || NOT_SECRETS.contains(lower) || lower.startsWith("/run/secrets/");
    }
}

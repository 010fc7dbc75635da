package dev.hush.core.detect;

import dev.hush.core.format.UrlPassword;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges a literal value assigned to a secret-like name: whether it can be a secret at all, and
 * whether it is one or stands in for one. Names come in two strengths: a {@code password} or
 * {@code client_secret} holds a secret whatever it looks like, a bare {@code key} or
 * {@code token} only when its value looks random (a map key, a lexer token, a page token are not).
 */
final class AssignedValues {
    /** What a value can be when it is not a secret. */
    enum Verdict {
        /** Not a secret: a reference, a template, a path, a word, a number. */
        NONE,
        /** A stand-in for a secret ({@code changeme}, {@code xxxx}): the habit is wrong, the value is not. */
        PLACEHOLDER,
        /** A literal secret. */
        SECRET
    }

    /**
     * Templating and references: the value says where the secret comes from, not what it is. Among them Grafana's
     * {@code $__env{NAME}}, {@code $__file{path}} and {@code $__vault{...}} (grafana.com/docs/grafana/latest/setup-grafana/
     * configure-grafana/, "Variable expansion"), PowerShell's {@code $env:NAME}, a value SOPS encrypted in place
     * ({@code ENC[AES256_GCM,data:...]}, github.com/getsops/sops), which only its key opens, and {@code $name::key},
     * OpenSSL's reference to another section's value (config(5)) and Perl's package variable.
     */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\{|\\$\\(|^\\$\\$|\\{\\{|\\{%|<%|#\\{|%\\([\\w.-]+\\)[sd]|%[sdv]\\b|\\{\\d*}|^\\$[A-Za-z_]\\w*(?:::\\w+)*$|^%[A-Za-z_]\\w*%$"
                    + "|^@[\\w.-]+@$|^__[\\w-]+__$|^ENC\\(|^!|^vault:|^secret://|^arn:aws[a-z-]*:|^projects/[^/]+/secrets/"
                    + "|^\\{[A-Za-z_][\\w.-]*}$|^\\[[A-Za-z_][\\w.-]*]$|^<[^<>]*>$|^&lt;.*&gt;$"
                    + "|^\\$__(?:env|file|vault)\\{|^\\$env:[A-Za-z_]\\w*$|^ENC\\[[A-Z0-9_]+,data:");
    /**
     * Asterisks, perhaps after a separator: what code prints in place of a password it hides ({@code ":****"} after the
     * user of a redacted URL, {@code \\****} in a JSON example), not a password.
     */
    private static final Pattern MASK = Pattern.compile("[:=@\\\\\\s]*\\*{3,}");
    /** Words joined by separators or case changes, without a digit: a name, a message key, a class. */
    private static final Pattern WORDS = Pattern.compile("[A-Za-z]+(?:[-_.:/ ]?[A-Za-z]+)*");
    /** An upper-case constant name such as {@code ER_EXTRA_TOKENS_2}. */
    /** Words before {@code TOKEN} that make a UUID under it a handle: AWS's clientToken, a task or upload token. */
    private static final Set<String> HANDLE_OWNERS = Set.of(
            "CLIENT", "ACTION", "TASK", "JOB", "UPLOAD", "RESUME", "EXECUTION", "NOTIFICATION", "TRANSACTION",
            "CORRELATION", "TRACE", "CALLBACK", "WAIT", "RESULT", "QUERY", "STATE", "LOCK",
            // AWS Network Firewall's UpdateToken: the version a change is made against, an optimistic lock.
            "UPDATE");
    /** One lower-case word, without separators: {@code whiteduke}. */
    private static final Pattern ONE_WORD = Pattern.compile("[a-z]+");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
    /** What a random token is made of: the base64, hex and URL-safe alphabets. */
    /** Standard base64, padded. */
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    /** What a typed password is made of: printable characters but quotes, backticks and brackets of markup. */
    private static final Pattern PASSWORD_CHARACTERS = Pattern.compile("[^\\s\"'`<>()\\[\\]{}]+");
    private static final Pattern TOKEN_ALPHABET = Pattern.compile("[A-Za-z0-9+/=_.~:-]+");
    private static final Pattern REGEX_LIKE = Pattern.compile("\\\\|\\[[a-zA-Z0-9]-|\\(\\?|\\{\\d+(?:,\\d*)?}|\\[\\^");
    /** Words that a made-up value spells out: {@code This-is-my-test-99!}, {@code SomeKindOfPassword123}. */
    private static final Pattern EXAMPLE_WORDS = Pattern.compile(
            "p[a@4]ss?w(?:or|0r)d|passwd|[s$5][e3]cr[e3]t|test|sample|example|dummy");
    /** A URL with a user and a password: {@code mongodb://app:...@db/app}. */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[a-z][a-z0-9+.-]*://[^:@/\\s]+:[^@/\\s]+@.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[T ][\\d:.]+(?:Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z][\\w-]*(?:\\.[A-Za-z][\\w-]*)+");
    /**
     * A name of three or more parts, each starting with a letter, joined by {@code .}, {@code :} or {@code /}: a policy's
     * condition key ({@code ec2:ResourceTag/team}), a resource path. Two parts joined by a colon may be a user and a password.
     */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z][\\w-]*(?:[.:/][A-Za-z][\\w-]*){2,}");
    /** A name in a namespace: an IAM condition key ({@code ec2:InstanceMarketType}), an action ({@code s3:GetObject}). */
    private static final Pattern NAMESPACED_NAME = Pattern.compile("[a-z][a-z0-9-]*:[A-Za-z]+");
    /** A file's name, by an extension of an archive, a document or data: an S3 object's key ({@code build_123.zip}). */
    private static final Pattern FILE_NAME = Pattern.compile(
            "[\\w.-]+\\.(?:zip|tar|gz|tgz|bz2|xz|7z|jar|war|whl|rpm|deb|exe|msi|dmg|iso|json|ya?ml|xml|csv|txt|log|pdf|html?"
                    + "|png|jpe?g|gif|svg|mp4|mp3|wav)", Pattern.CASE_INSENSITIVE);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9][0-9_.,eE:x-]*");
    /**
     * A version or a range of them, as a package manifest writes a dependency ({@code ^7.0.4}, {@code ~1.2}, {@code >=2.0.0},
     * {@code 1.x}, {@code 8.0.0-rc.1}): npm's, Composer's and Cargo's ranges (https://docs.npmjs.com/cli/configuring-npm/package-json#dependencies).
     */
    private static final Pattern VERSION_RANGE = Pattern.compile(
            "(?:(?:[~^]|[<>]=?|=|~>)v?\\d+|v?\\d+(?=\\.))(?:\\.(?:\\d+|[xX*])){0,3}(?:-[0-9A-Za-z]+(?:\\.[0-9A-Za-z]+)*)?"
                    + "(?:\\+[0-9A-Za-z.]+)?");
    private static final Pattern PATH = Pattern.compile(
            "(?:[A-Za-z]:\\\\|\\\\\\\\|~/|\\./|\\.\\./|/(?:etc|var|run|usr|home|opt|tmp|srv|data|app|secrets|root|Users)\\b"
                    + "|classpath:|file:|env:).*|.*\\.(?:pem|key|crt|cer|p12|pfx|jks|txt|json|ya?ml|xml|properties|conf|ini)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("[a-z][a-z0-9+.-]*://[^@]*", Pattern.CASE_INSENSITIVE);
    /**
     * A path of two or more names or numbers: a key in a store ({@code /1234/raftAttributes}, etcd's and Consul's keys), a
     * route, a file ({@code /path/to/process}). Each name is words in lower case, camel case or snake case, so a
     * random value that starts with a slash (a base64 key) is none.
     */
    private static final Pattern SLASH_PATH = Pattern.compile(
            "(?:/(?:\\d+|_?[a-z][a-z0-9_.-]*(?:[A-Z][a-z0-9_.-]+)*|[A-Z][a-z0-9_.-]+(?:[A-Z][a-z0-9_.-]+)*)){2,}/?");
    /** Three or more words of letters with blanks between, and a full stop or an exclamation mark at most. */
    private static final Pattern PROSE = Pattern.compile("[A-Za-z]+(?: [A-Za-z]+){2,}[.!]?");
    /**
     * Lower-case words, each with a digit at most ({@code oauth2}), and a number of up to three digits, joined by
     * dashes or underscores: {@code client-valid-token-1}.
     */
    private static final Pattern SPELLED_WORDS = Pattern.compile("[a-z]+\\d?(?:[-_][a-z]+\\d?)*(?:[-_]?\\d{1,3})?");
    /** A command line's option, as a constant named ..._OPTION holds it: {@code --with_passphrase}. */
    private static final Pattern FLAG = Pattern.compile("--[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*=?");
    /** A string's escapes alone: {@code \\x02}, {@code \\0\\n}, a protocol's bytes rather than a password. */
    private static final Pattern ESCAPES = Pattern.compile("(?:\\\\x[0-9A-Fa-f]{2}|\\\\u[0-9A-Fa-f]{4}|\\\\[0nrt])+");
    /** The letters of the keyboard's home row, where a hand typing a stand-in rests: {@code sdlfkj}. */
    private static final String HOME_ROW = "asdfghjkl";

    /**
     * Up to four words, capitalised or not, and numbers of up to four digits, run together: what is left of
     * {@code abc123}, {@code P4ssword}, {@code FooBar123}, {@code user1-123} or {@code very-secure} once its
     * separators are out and its digits and symbols read as the letters they spell.
     */
    private static final Pattern TYPED_WORD = Pattern.compile("(?:[A-Za-z][a-z]+\\d{0,4}){1,4}");
    /** Digits and symbols that spell letters in a password typed to look strong, and the letters they spell. */
    private static final String LEET = "43105$7@";
    private static final String UNLEET = "aeiossta";

    /** A class's name, capitalised words run together: {@code _EllipticCurvePrivateKey}, {@code OAuthAccessToken}. */
    private static final Pattern TYPE_NAME = Pattern.compile("_*[A-Z][a-z]+(?:[A-Z][a-z]+)+");
    /**
     * A type as generated clients and annotations write it: a class's name, perhaps in a module
     * ({@code oauth2client.client.OAuth2Credentials}) or a container's brackets ({@code list[V1ObjectReference]},
     * {@code dict(str, V1SecretKeySelector)}).
     */
    private static final Pattern TYPE_EXPRESSION = Pattern.compile(
            "(?:(?:list|dict|set|tuple|List|Dict|Set|Tuple|Optional)[\\[(](?:str, ?)?)?"
                    + "(?:[a-z_][a-z0-9_]*\\.)*(_*[A-Z][A-Za-z0-9]+)[\\])]?");
    /** A capitalised word of a class's name: {@code Local}, {@code Key}. */
    private static final Pattern TYPE_WORD = Pattern.compile("[A-Z][a-z]{2,}");
    /**
     * A host and a path without a scheme: a Go import path ({@code github.com/jcmturner/gokrb5/v8/sessionCredentials},
     * a context key named after its package), a registry's image, a repository's address.
     */
    private static final Pattern HOST_PATH = Pattern.compile("(?:[a-z0-9-]+\\.)+[a-z]{2,12}(?:/[\\w.@~+-]+)+/?");
    /** Password hashes: what a login checks against, not what it accepts. */
    private static final Pattern HASH = Pattern.compile(
            "\\$(?:2[abxy]?|1|5|6|apr1|argon2(?:id|i|d)|scrypt|pbkdf2[\\w-]*|y|7)\\$.*|\\{(?:SSHA|SHA|MD5|CRYPT|bcrypt|noop)}.*"
                    + "|(?:pbkdf2_sha256|bcrypt|argon2|sha1|md5)\\$.*"
                    // Jupyter's hashed passwords (jupyter-server.readthedocs.io, "Preparing a hashed password"):
                    // argon2:$argon2id$..., and the older sha1:<salt>:<40 hex digits>.
                    + "|argon2:\\$argon2(?:id|i|d)\\$.*|sha1:[0-9a-f]{8,64}:[0-9a-f]{40}");
    /** Words that say a value is an example, spelled out. */
    private static final Pattern SPELLED_EXAMPLE = Pattern.compile("pass?word|passwd|secret|test|sample|example|dummy");
    /** A lower-case letter followed by an upper-case one: {@code userPassword}, an identifier's case change. */
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Z]");
    /** A lower-case user name and {@code @}, or a whole e-mail address: anonymous FTP's password (RFC 1635). */
    private static final Pattern ANONYMOUS_LOGIN = Pattern.compile("-?[a-z][a-z._-]*@(?:[a-z0-9-]+(?:\\.[a-z0-9-]+)+)?");
    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128}");

    /** A URL that names a place and no credentials: {@code tcp://clickhouse:9000}, {@code smtp://127.0.0.1}. */
    private static final Pattern PLAIN_URL = Pattern.compile("[a-z][a-z0-9+.-]*://\\S*", Pattern.CASE_INSENSITIVE);
    /** A setting's word or words: {@code denied}, {@code read-write}, {@code htpasswd}, {@code trust}. */
    private static final Pattern SETTING_WORDS = Pattern.compile("[a-z]+(?:[-_][a-z]+)*");
    /** A list of names: {@code GOOGLE,GITHUB}, {@code user1,user2}; a list of {@code user:password} pairs is not one. */
    private static final Pattern NAME_LIST = Pattern.compile("[\\w.@-]+(?:[ \\t]*,[ \\t]*[\\w.@-]+)+");
    /**
     * A variable's name written where its value belongs: {@code ACCESS_TOKEN}, {@code [EUFY_PASSWORD]},
     * an app store's template {@code {APP_DB_PASSWORD}}.
     */
    private static final Pattern NAME_AS_VALUE = Pattern.compile(
            "\\[?[A-Z]+(?:_[A-Z]+)+]?|\\[[A-Za-z_]\\w*]|\\{[A-Za-z_]\\w*}");
    /**
     * What the program resolves itself: Symfony's {@code %env(NAME)%} and a {@code %parameter%} at the
     * start ({@code %kernel.project_dir%/config/jwt/private.pem}), as its configuration reference names them
     * (symfony.com/doc/current/configuration.html#configuration-parameters).
     */
    private static final Pattern PROGRAM_REFERENCE = Pattern.compile("%env\\([^()%]+\\)%|^%[A-Za-z_][\\w.]*%");
    /** The path of a file that holds a key or settings: {@code /config/jwt/private.pem}, {@code ./certs/app.key}. */
    private static final Pattern KEY_FILE = Pattern.compile("(?:/|\\./|\\.\\./|~/)(?:[\\w.@-]+/)*[\\w@-][\\w.@-]*"
            + "\\.(?:pem|key|crt|cer|der|p8|p12|pfx|jks|keystore|pub|asc|gpg|json|txt|ya?ml|conf|ini|env|properties)",
            Pattern.CASE_INSENSITIVE);

    /**
     * What an app writes where the user brings their own key: LibreChat's {@code user_provided}
     * (librechat.ai/docs/configuration/dotenv: "set to user_provided to allow the user to provide their key").
     */
    private static final Pattern USER_PROVIDED = Pattern.compile("(?i)user[-_]?provided");
    /** An instruction in place of a value: {@code change-this-run-openssl-rand-hex-32}, {@code generate-a-random-key}. */
    private static final Pattern INSTRUCTION = Pattern.compile(
            "(?i)(?=(?:[a-z0-9]+[-_ ]){3,}[a-z0-9]+$).*(?:^|[-_ ])(?:openssl|generated?|random)(?:$|[-_ ]).*");
    /** A host name, with a port or without: {@code auth.hush.example.org}, {@code sso.local:8443}, {@code redis:6379}. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,12}(?::\\d{1,5})?|[a-z][a-z0-9-]*:\\d{2,5}");
    /** An e-mail address: the user a setting names. */
    private static final Pattern EMAIL = Pattern.compile("(?i)[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,12}");
    /** A PHP PDO data source name, which names a driver and a place (php.net/manual/en/pdo.construct.php). */
    private static final Pattern PDO_DSN = Pattern.compile("(?i)[a-z]+:(?:[a-z_]+=[^;=\\s]*;?)+");
    /** A password inside such a data source name. */
    private static final Pattern PDO_PASSWORD = Pattern.compile("(?i)(?:^|[:;])(?:password|pwd|pass)=");
    /** What says "a value goes here": {@code secret-key-is-here1}, {@code SomeRandomString}. */
    private static final Pattern FILL_IN = Pattern.compile(
            "(?i).*[-_ ]here\\d{0,2}|.*random[-_ ]?(?:string|text|chars?|characters|value)\\d*.*");
    /** One word in capitals: {@code PASSWORD} or {@code PASS} written where the value belongs. */
    private static final Pattern CAPITALISED = Pattern.compile("[A-Z]{2,}");
    /**
     * The keyboard's runs in a key: {@code 1234567890abcdefghijklmnopqrstuvwxyz}, {@code budibase_key_123456789}. A
     * mixed-case run ({@code AbCdEfGh}) is how our own samples draw a token, and a provider rule judges it.
     */
    private static final Pattern TYPED_SEQUENCE = Pattern.compile("123456|abcdefgh");
    /**
     * A short unit written three times or more ({@code 00beef0000beef00...}, forty zeros), or a word four times
     * before the rest ({@code long-long-long-long-secret-key}).
     */
    private static final Pattern REPEATED_UNIT = Pattern.compile("(.{1,16}?)\\1{2,}|(?i)([a-z]{2,12}[-_])\\2{3,}.*");
    /** Three to six lower-case words, one blank apart: a passphrase's shape. */
    private static final Pattern PASSPHRASE = Pattern.compile("[a-z]{3,12}(?: [a-z]{3,12}){2,5}");
    /** Words that make a run of lower-case words a sentence, a message or a hint rather than a passphrase. */
    private static final Set<String> SENTENCE_WORDS = Set.of(
            "the", "and", "for", "you", "your", "are", "was", "were", "has", "have", "had", "not", "this", "that", "with",
            "from", "into", "will", "can", "cannot", "must", "should", "does", "did", "please", "enter", "type", "input",
            "password", "passwords", "passphrase", "secret", "token", "key", "user", "username", "login", "invalid",
            "wrong", "incorrect", "required", "missing", "empty", "least", "characters", "letters", "digits", "match",
            "confirm", "reset", "forgot", "change", "changed", "new", "old", "current", "field", "value", "here", "too",
            "short", "long", "error", "failed", "expired", "sign", "show", "hide", "all", "any", "only", "more", "less",
            "than", "contain", "contains", "one", "two", "set", "use", "its", "our", "their", "what", "which", "when");

    /** The length from which a value is taken for a token rather than a password a person chose. */
    private static final int TYPED_TOKEN_LENGTH = 16;

    private AssignedValues() {
    }

    /**
     * Returns what {@code value}, assigned to {@code name}, is.
     *
     * @param strong whether the name holds a secret whatever its value looks like ({@link SecretKeys#isStrong})
     */
    static Verdict judge(String name, String value, boolean strong) {
        return judge(name, value, strong, false);
    }

    /**
     * Returns what {@code value}, assigned to {@code name}, is; with {@code environment}, the
     * assignment is a shell or dotenv {@code NAME=value}, where a password is often one word.
     *
     * @param strong whether the name holds a secret whatever its value looks like ({@link SecretKeys#isStrong})
     */
    static Verdict judge(String name, String value, boolean strong, boolean environment) {
        String v = value.strip();
        if (v.isEmpty() || Placeholders.isNotASecret(v) || REFERENCE.matcher(v).find() || MASK.matcher(v).matches()) {
            return Verdict.NONE;
        }
        if (isLongerThanAnAwsSecretKey(name, v) || isAnonymousLogin(v) || Placeholders.isDocumentedExample(v)
                || isNoText(v) || FLAG.matcher(v).matches()) {
            return Verdict.NONE;
        }
        if (URL_WITH_PASSWORD.matcher(v).matches()) {
            // A URL's password is judged by the url-basic-auth rule, which knows its user and host; the whole URL
            // under a *_CREDENTIALS name is not a second secret.
            return Verdict.NONE;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (NUMBER.matcher(v).matches() || VERSION_RANGE.matcher(v).matches() || URL.matcher(v).matches()
                || HOST_PATH.matcher(v).matches() || SLASH_PATH.matcher(v).matches() || PATH.matcher(v).matches()
                || HASH.matcher(v).matches()) {
            return Verdict.NONE;
        }
        if (isBasicOfStandIn(v) || isKeyboardMash(v)) {
            return Verdict.PLACEHOLDER;
        }
        if (Placeholders.isPlaceholder(v) || isRun(v)) {
            // Under a bare key or token a word is what it names (a Kubernetes secretKeyRef's key: password), not a
            // stand-in: a bare name holds a secret only when its value looks random.
            return !strong && WORDS.matcher(v).matches() ? Verdict.NONE : Verdict.PLACEHOLDER;
        }
        if (isTypedToken(v) || isPublicKeyInfo(v) || v.regionMatches(true, 0, "urn:", 0, 4) || isBase64OfProse(v)) {
            return Verdict.NONE;
        }
        if (v.chars().anyMatch(Character::isWhitespace) || CONSTANT.matcher(v).matches() || sameWords(name, v)) {
            return Verdict.NONE;
        }
        if (WORDS.matcher(v).matches()) {
            // MAILER_PASSWORD=whiteduke: one lower-case word under a password in a shell or dotenv line is the
            // password; in code and in structured configuration a word is an enum, a mode or a name.
            return environment && strong && v.length() >= 6 && ONE_WORD.matcher(v).matches() && !EXAMPLE_WORDS.matcher(v).find()
                    ? Verdict.SECRET : Verdict.NONE;
        }
        if (EXAMPLE_WORDS.matcher(lower).find() || namesItsKind(name, v)) {
            return Verdict.PLACEHOLDER;
        }
        if (!SecretKeys.isPassword(name) && isTypeName(v)) {
            // What a token, a key or a reference holds, named by its type (a generated client's map of field types, a
            // string annotation); a password's CamelCase words (PurpleTractorOrbit) are the password someone chose.
            return Verdict.NONE;
        }
        if (DATE.matcher(v).matches()) {
            return Verdict.NONE;
        }
        if (strong) {
            return v.length() >= 6 && Entropy.shannon(v) >= 2.3 ? Verdict.SECRET : Verdict.NONE;
        }
        if (UUID.matcher(v).matches()) {
            // An id, under a bare key; but a product's token that is a UUID is a credential (Heroku's, legacy npm's,
            // Jenkins'), where a client, action or task token is an idempotency or callback handle.
            return isProductToken(name) ? Verdict.SECRET : Verdict.NONE;
        }
        if ((DOTTED_NAME.matcher(v).matches() || QUALIFIED_NAME.matcher(v).matches()) && !hasRandomSegment(v)
                || NAMESPACED_NAME.matcher(v).matches() || FILE_NAME.matcher(v).matches()) {
            // A property name or a package: what a bare key or token names in code far more often than a credential;
            // a dotted value with a random part (Vault's s.<24 characters>, a Mapbox pk.<...>) is a token. A name in a
            // namespace or a file's name is what a bare key names (an IAM condition's key, an S3 object's key).
            return Verdict.NONE;
        }
        return looksRandom(v) || isBasicCredentials(v) || looksGenerated(v) ? Verdict.SECRET : Verdict.NONE;
    }

    /**
     * Returns what {@code value} is where the structure around it says it is a credential whatever it looks like:
     * a password assigned in code or compared with ({@code if password == "..."}), or a {@code login}'s own fields. There a word or a made-up value
     * ({@code open-sesame}, {@code super$ecret}) is a weak password, reported as a {@link Verdict#PLACEHOLDER} (low),
     * not dropped as {@link #judge} drops a word in code; what still says where the secret comes from or that it is
     * to be filled in (a reference, a template, {@code xxxx}, a run such as {@code 123456}, a path, a hash, a name in
     * capitals) is none.
     *
     * @param login whether the structure is a login's own fields: a connection string's {@code Password=}, a Gradle
     *     {@code credentials { password '...' }} block. There a stand-in word ({@code secret}, {@code password}) or a spelled-out
     *     example ({@code myPassword}) is the password the login accepts; in an assignment it names a variable or
     *     shows what belongs there ({@code String password = "changeme"}), and is none
     */
    static Verdict judgeCredential(String name, String value, boolean login) {
        String v = value.strip();
        Verdict verdict = judge(name, v, true);
        if (verdict == Verdict.SECRET) {
            return verdict;
        }
        if (v.length() < 4 || Placeholders.isNotASecret(v) || REFERENCE.matcher(v).find() || MASK.matcher(v).matches()
                || Placeholders.isTemplate(v)
                || URL.matcher(v).matches() || HOST_PATH.matcher(v).matches() || PATH.matcher(v).matches()
                || HASH.matcher(v).matches() || CONSTANT.matcher(v).matches() || NAME_AS_VALUE.matcher(v).matches()
                || isAnonymousLogin(v) || Placeholders.isDocumentedExample(v) || DATE.matcher(v).matches()
                || v.chars().anyMatch(c -> c < 0x20) || v.split("\\s+").length > 2 && !isPassphrase(v) || isRun(v)
                || isTypedToken(v) || VERSION_RANGE.matcher(v).matches() || isNoText(v) || FLAG.matcher(v).matches()) {
            return Verdict.NONE;
        }
        if (!login && (sameWords(name, v) || Placeholders.isPlaceholder(v)
                // A value that spells out what it stands for (This-is-my-test-99!, PassWordMustBeAtLeast6Chars.) is
                // labelled an example by its author; one that disguises it (super$ecret, P4ssw0rd!) is a weak password.
                || SPELLED_EXAMPLE.matcher(v.toLowerCase(Locale.ROOT)).find()
                // A word ending in pass that SecretKeys reads as no password (lowpass, bandpass: a filter's kind).
                || ONE_WORD.matcher(v).matches() && v.endsWith("pass") && !SecretKeys.isSecret(v)
                // A field's or a property's name (userPassword, javax.security.auth.login.password) is what it names.
                || WORDS.matcher(v).matches() && (CAMEL_CASE.matcher(v).find() || v.indexOf('.') >= 0))) {
            return Verdict.NONE;
        }
        return Verdict.PLACEHOLDER;
    }

    /**
     * Returns whether {@code value} is a passphrase of the kind people pick ({@code purple tractor orbit lantern}): three
     * to six lower-case words of three letters or more, and none of the small words or the words about passwords that
     * a sentence, a message or a hint holds ({@code at least twelve characters}, {@code password is required}).
     */
    static boolean isPassphrase(String value) {
        if (value.length() < 15 || !PASSPHRASE.matcher(value).matches()) {
            return false;
        }
        for (String word : value.split(" ")) {
            if (SENTENCE_WORDS.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns what a literal written under the secret-like {@code name} in an environment (a compose
     * {@code environment:} entry or build argument, a dotenv line, a Dockerfile {@code ENV} or
     * {@code ARG}) is. The program reads it as its setting, so under a name that holds a secret
     * whatever it looks like ({@link SecretKeys#isStrong}: a password, an API key) every literal is the
     * secret, however weak; under a name that is secret only by its value (a bare {@code AUTH},
     * {@code DSN}, {@code TOKEN} or {@code SALT}), a number, a path, a URL without credentials, a
     * lower-case word or a list of names is a setting ({@code REGISTRY_AUTH: htpasswd},
     * {@code SENTRY_DSN: tcp://sentry:9000}). Under any name, a key file's path or a reference that the
     * program resolves itself ({@code %env(JWT_PASSPHRASE)%}) is no secret.
     *
     * <p>Compose's list syntax keeps quotes ({@code - API_KEY=""} sets two quote characters): the
     * value is judged without them. A variable's own name, or another one, in place of the value is
     * a stand-in ({@code GEMINI_API_KEY: GEMINI_API_KEY}), as are {@link Placeholders#isPlaceholder}'s.
     */
    static Verdict judgeSetting(String name, String value) {
        String v = unquoted(value.strip()).strip();
        if (Placeholders.isNotASecret(v) || PROGRAM_REFERENCE.matcher(v).find() || KEY_FILE.matcher(v).matches()) {
            return Verdict.NONE;
        }
        if (!SecretKeys.isStrong(name) && (NUMBER.matcher(v).matches() || PATH.matcher(v).matches()
                || PLAIN_URL.matcher(v).matches() && UrlPassword.in(v).isEmpty()
                || SETTING_WORDS.matcher(v).matches() || NAME_LIST.matcher(v).matches()
                || HOST_NAME.matcher(v).matches() || EMAIL.matcher(v).matches()
                || PDO_DSN.matcher(v).matches() && !PDO_PASSWORD.matcher(v).find())) {
            return Verdict.NONE;
        }
        if (isStandIn(name, v)) {
            return Verdict.NONE;
        }
        // A placeholder that an app accepts as it is (changeme, admin) is the password the service runs with.
        return Placeholders.isPlaceholder(v) ? Verdict.PLACEHOLDER : Verdict.SECRET;
    }

    /**
     * Returns whether {@code value}, written under the secret-like {@code name} in an environment, stands in for the
     * secret rather than being one that a service could run with: a template ({@code <password>}, {@code your_token},
     * {@code xxxx}), a variable's name in place of the value ({@code DB_PASSWORD}, {@code PASS},
     * {@code access_token_secret} under {@code ACCESS_TOKEN_SECRET}), an instruction ({@code
     * change-this-run-openssl-rand-hex-32}), an app's word for "the user brings their own" ({@code user_provided}), or,
     * under a key or token that is no password, a typed fill ({@code 0000...}, {@code 0123456789abcdef...}).
     */
    private static boolean isStandIn(String name, String value) {
        // SECRET: secret is a weak default the service runs with; SECRET_KEY: secret_key names the variable.
        boolean ownName = value.equalsIgnoreCase(name)
                && (value.indexOf('_') >= 0 || !value.equals(value.toLowerCase(Locale.ROOT)));
        if (ownName || NAME_AS_VALUE.matcher(value).matches() || USER_PROVIDED.matcher(value).matches()
                || INSTRUCTION.matcher(value).matches() || FILL_IN.matcher(value).matches()
                || CAPITALISED.matcher(value).matches() && SecretKeys.isSecret(value)) {
            return true;
        }
        if (Placeholders.isTemplate(value)) {
            return true;
        }
        // A password of six typed digits is weak but real; a key of a run or a repeated unit was typed to show one.
        // A word such as example or fake in it makes it a weak default or a test value, reported as such.
        return !SecretKeys.isPassword(name) && value.length() >= TYPED_TOKEN_LENGTH && !Placeholders.isPlaceholder(value)
                && (TYPED_SEQUENCE.matcher(value).find() || REPEATED_UNIT.matcher(value).matches());
    }

    /** Returns {@code value} without one pair of surrounding double or single quotes. */
    static String unquoted(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    /**
     * Returns whether {@code value} looks like a generated passphrase with symbols, such as
     * WordPress's keys and salts: long, very varied, and not a regular expression.
     */
    private static boolean looksGenerated(String value) {
        return value.length() >= 24 && Entropy.shannon(value) >= 4.2 && !REGEX_LIKE.matcher(value).find();
    }

    /** Returns whether {@code name} is a product's name and {@code TOKEN}: {@code jenkinsToken}, {@code HEROKU_TOKEN}. */
    private static boolean isProductToken(String name) {
        List<String> words = SecretKeys.words(name);
        return words.size() == 2 && words.get(1).equals("TOKEN") && !HANDLE_OWNERS.contains(words.get(0));
    }

    /** Returns whether a part of the dotted or qualified {@code value} looks generated: 16 or more varied letters and digits. */
    private static boolean hasRandomSegment(String value) {
        for (String segment : value.split("[.:/]")) {
            if (segment.length() >= 16 && segment.chars().anyMatch(Character::isDigit)
                    && segment.chars().anyMatch(Character::isUpperCase) && segment.chars().anyMatch(Character::isLowerCase)
                    && Entropy.shannon(segment) >= 3.5) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether {@code value}, under an AWS secret access key's name, is base64 longer than the 40 characters
     * such a key always has (https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html): ciphertext of
     * it (an encrypted variable, a KMS blob), which is useless without its key, not the key itself.
     */
    private static boolean isLongerThanAnAwsSecretKey(String name, String value) {
        if (value.length() <= 40 || !BASE64.matcher(value).matches()) {
            return false;
        }
        // Only the IAM key's own names: a RawSecretAccessKey (KMS's external key store proxy) is 43 to 64 characters.
        List<String> words = SecretKeys.words(name);
        return words.equals(List.of("SECRET", "ACCESS", "KEY")) || words.equals(List.of("AWS", "SECRET", "ACCESS", "KEY"));
    }

    /**
     * Returns whether {@code value} looks like a password someone set: one token of 8 to 64 characters mixing letters
     * and digits ({@code Tq7vBn3kLw}, {@code hunter2horse}), where prose after {@code password:} writes words.
     */
    static boolean looksLikePassword(String value) {
        return value.length() >= 8 && value.length() <= 64 && PASSWORD_CHARACTERS.matcher(value).matches()
                && value.chars().anyMatch(Character::isDigit) && value.chars().anyMatch(Character::isLetter);
    }

    /** Returns whether {@code value} looks like a generated token: long, mixed letters and digits, varied. */
    static boolean looksRandom(String value) {
        return value.length() >= 16 && TOKEN_ALPHABET.matcher(value).matches()
                && value.chars().anyMatch(Character::isDigit) && value.chars().anyMatch(Character::isLetter)
                && Entropy.shannon(value) >= 3.3;
    }

    /**
     * Returns whether {@code value} is the base64 of a sentence ({@code dGhpcyBpcyBub3QgYSByZWFsIHZhbHVl}: "this is not a
     * real value"): three or more words of letters, as a test writes a stand-in that must look encoded.
     */
    private static boolean isBase64OfProse(String value) {
        String decoded = value.length() < 12 ? null : decodedBase64(value);
        return decoded != null && PROSE.matcher(decoded).matches();
    }

    /**
     * Returns whether {@code value} is the base64 of {@code user:password} whose password is a stand-in
     * ({@link Placeholders#isPlaceholder}): {@code dGVzdDp0ZXN0} (test:test), {@code dXNlcm5hbWU6cGFzc3dvcmQ=}.
     */
    static boolean isBasicOfStandIn(String value) {
        String password = basicPassword(value);
        return !password.isEmpty() && Placeholders.isPlaceholder(password);
    }

    /** Returns the password of {@code value} when it is the base64 of {@code user:password}, else "". */
    static String basicPassword(String value) {
        String decoded = decodedUserPassword(value);
        return decoded == null ? "" : decoded.substring(decoded.indexOf(':') + 1);
    }

    /** Returns whether {@code value} is the base64 of {@code user:password}, as HTTP Basic auth and registries store it. */
    static boolean isBasicCredentials(String value) {
        String decoded = decodedUserPassword(value);
        return decoded != null && decoded.indexOf(':') < decoded.length() - 1
                && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** Returns what {@code value} decodes to when that is base64 of a user, a colon and perhaps more, else null. */
    private static String decodedUserPassword(String value) {
        String decoded = value.length() < 8 ? null : decodedBase64(value);
        return decoded != null && decoded.indexOf(':') > 0 ? decoded : null;
    }

    /**
     * Returns the bytes that {@code value}, base64 of at most 1,024 characters, encodes, each byte as one char
     * (ISO-8859-1: the tests above ask for ASCII text, which reads the same in any of its encodings), or null when it
     * is not such base64.
     */
    private static String decodedBase64(String value) {
        if (value.length() > 1024 || !BASE64.matcher(value).matches()) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Returns whether {@code value} is an e-mail address given as a password ({@code guest@}, {@code ftp@example.org}):
     * what anonymous FTP asks for as the password (RFC 1635, section 2), a courtesy, not a secret.
     */
    private static boolean isAnonymousLogin(String value) {
        return ANONYMOUS_LOGIN.matcher(value).matches();
    }

    /** Returns whether {@code value} is a hex digest, which a password column holds instead of the password. */
    static boolean isHexDigest(String value) {
        return HEX_DIGEST.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Returns whether {@code value} is as long as a token and typed by hand to show one
     * ({@link Placeholders#isTypedStandIn}: {@code abcdefg12346+...}, {@code ...1234567890}); a shorter value with
     * such a run is a weak password someone may really use.
     */
    private static boolean isTypedToken(String value) {
        return value.length() >= TYPED_TOKEN_LENGTH && Placeholders.isTypedStandIn(value);
    }

    /**
     * Returns whether {@code value} is a public key in base64 DER, X.509's SubjectPublicKeyInfo (RFC 5280 4.1): a SEQUENCE
     * that opens with the algorithm's SEQUENCE and its OID, and ends with the key's BIT STRING, as a package manager
     * pins its registry's signing key ({@code MFkwEwYHKoZIzj0CAQY...}). A private key's DER (PKCS#1, PKCS#8) opens with
     * its version, an INTEGER.
     */
    private static boolean isPublicKeyInfo(String value) {
        if (value.length() < 40 || !value.startsWith("M") || !BASE64.matcher(value).matches()) {
            return false;
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int inner = headerEnd(der, 0);
        if (inner < 0 || inner >= der.length || der[inner] != 0x30) {
            return false;
        }
        int algorithm = headerEnd(der, inner);
        int bitString = algorithm < 0 ? -1 : algorithm + derLength(der, inner);
        return algorithm >= 0 && algorithm < der.length && der[algorithm] == 0x06
                && bitString > 0 && bitString < der.length && der[bitString] == 0x03;
    }

    /** Returns where the contents of the DER element at {@code at} start, or -1 when its header does not fit. */
    private static int headerEnd(byte[] der, int at) {
        if (at + 1 >= der.length) {
            return -1;
        }
        int first = der[at + 1] & 0xff;
        return first < 0x80 ? at + 2 : first <= 0x82 && at + 2 + (first & 0x7f) <= der.length ? at + 2 + (first & 0x7f) : -1;
    }

    /** Returns the length of the contents of the DER element at {@code at}, whose header {@link #headerEnd} read. */
    private static int derLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = length << 8 | der[at + 2 + i] & 0xff;
        }
        return length;
    }

    /**
     * Returns whether {@code value} holds no letter and no digit ({@code %!*'();:@&=+$,/?#[] }, a test of a URL's
     * escaping) or only a string's escapes ({@link #ESCAPES}): no password anyone types.
     */
    private static boolean isNoText(String value) {
        return value.chars().noneMatch(Character::isLetterOrDigit) || ESCAPES.matcher(value).matches();
    }

    /**
     * Returns whether {@code value} was typed by a hand resting on the keyboard's home row: five letters or more, seven
     * in ten of them from {@link #HOME_ROW} ({@code sdlfkj452}, {@code askfjh234as9sd8}, {@code lsdajfh923874}, as
     * OAuth libraries' docstrings write a token). Hex is left alone: a, d and f are half its letters.
     */
    static boolean isKeyboardMash(String value) {
        int letters = 0;
        int home = 0;
        boolean hex = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letters++;
                home += HOME_ROW.indexOf(c) >= 0 ? 1 : 0;
                hex &= c <= 'f';
            } else if (!(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !hex && letters >= 5 && home * 10 >= letters * 7;
    }

    /**
     * Returns whether {@code value}, or the password of a base64 {@code user:password}, is words typed as a
     * password, perhaps with numbers after them or their letters spelled with digits and symbols ({@code abc123},
     * {@code P4ssword}, {@code p4ssw0rd}, {@code geheim$parole}, {@code FooBar123}, {@code am9lam9lOmhlbGxv}:
     * joejoe:hello): what a test or a guide makes up, where a generated value mixes capitals and digits inside its
     * words ({@code Zq8vN3kLx2Rt}).
     */
    static boolean isMadeUp(String value) {
        return isTypedWord(value) || isTypedWord(basicPassword(value));
    }

    /** Returns whether {@code value} is words typed as a password: see {@link #TYPED_WORD}. */
    private static boolean isTypedWord(String value) {
        if (value.length() > 16) {
            return false;
        }
        String digitsOff = value.replaceFirst("\\d{1,4}$", "");
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < digitsOff.length(); i++) {
            char c = digitsOff.charAt(i);
            int leet = LEET.indexOf(c);
            // A digit after a letter spells one (p4ss); after a separator or a digit it is a number (user1-123).
            boolean spells = leet >= 0 && (c > '9' || i > 0 && Character.isLetter(digitsOff.charAt(i - 1)));
            if (c != '-' && c != '_') {
                letters.append(spells ? UNLEET.charAt(leet) : c);
            }
        }
        return TYPED_WORD.matcher(letters).matches();
    }

    /**
     * Returns whether {@code value} names a type ({@link #TYPE_EXPRESSION}): two capitalised words or more (one in a
     * module) that make four fifths of the class's name at least ({@code V1LocalObjectReference},
     * {@code ExistingLabelKey1}), where a random token's capitals are seldom followed by two lower-case letters
     * ({@code Xk9QmLp2VbNw}).
     */
    private static boolean isTypeName(String value) {
        Matcher type = TYPE_EXPRESSION.matcher(value);
        if (!type.matches()) {
            return false;
        }
        String className = type.group(1);
        int words = 0;
        int inWords = 0;
        Matcher word = TYPE_WORD.matcher(className);
        while (word.find()) {
            words++;
            inWords += word.end() - word.start();
        }
        // One word is a class's name in a module (google_oauth2.Credentials); bare, it may be a word someone chose.
        boolean qualified = type.start(1) > 0 && value.charAt(type.start(1) - 1) == '.';
        return (words >= 2 || qualified && words == 1) && inWords * 5 >= className.replace("_", "").length() * 4;
    }

    /** Returns whether {@code value} is one character repeated or a run such as {@code abcdefgh} or {@code 12345678}. */
    private static boolean isRun(String value) {
        boolean same = true;
        boolean ascending = true;
        for (int i = 1; i < value.length(); i++) {
            same &= value.charAt(i) == value.charAt(0);
            ascending &= value.charAt(i) == value.charAt(i - 1) + 1;
        }
        return same || ascending;
    }

    /**
     * Returns whether {@code value} is words that say what it stands for, the name's own secret word among them:
     * {@code outToken: "client-valid-token-1"}, {@code apiKey = "my-api-key"}; a test's or a guide's label, not a token.
     * A class's name that ends in that word is the type of what the name holds: Python's string annotation
     * {@code private_key: "_EllipticCurvePrivateKey"}, a registry's {@code token = "OAuthAccessToken"}.
     */
    private static boolean namesItsKind(String name, String value) {
        List<String> nameWords = SecretKeys.words(name);
        if (nameWords.isEmpty()) {
            return false;
        }
        String kind = nameWords.get(nameWords.size() - 1);
        if (TYPE_NAME.matcher(value).matches()) {
            List<String> words = SecretKeys.words(value);
            return words.size() > 1 && words.get(words.size() - 1).equals(kind);
        }
        if (!SPELLED_WORDS.matcher(value).matches()) {
            return false;
        }
        // The name's secret word, or the word it keeps under a key (_CREDENTIALS_KEY = 'google_oauth2_credentials').
        List<String> words = List.of(value.toUpperCase(Locale.ROOT).split("[-_]+|(?<=[A-Z])\\d+"));
        return words.contains(kind)
                || kind.equals("KEY") && nameWords.size() > 1 && words.contains(nameWords.get(nameWords.size() - 2));
    }

    /** Returns whether the value spells the name itself ({@code TOKEN_KEY = "token_key"}). */
    static boolean sameWords(String name, String value) {
        String n = name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        // A string's escapes are no letters of it: "PASS\r\n" is a protocol's PASS command.
        String v = value.replaceAll("\\\\[nrt0]", "").replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        return !v.isEmpty() && (n.contains(v) || v.contains(n) && !n.isEmpty() && v.length() < n.length() + 4);
    }
}

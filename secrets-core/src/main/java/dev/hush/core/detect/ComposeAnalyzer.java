package dev.hush.core.detect;

import dev.hush.core.rules.RuleIds;
import dev.hush.core.format.SourceFile;
import dev.hush.core.format.UrlPassword;
import dev.hush.core.format.compose.ComposeFile;
import dev.hush.core.format.compose.Interpolation;
import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Severity;
import dev.hush.core.format.compose.ComposeFile.Origin;
import dev.hush.core.format.compose.ComposeFile.Scalar;
import dev.hush.core.format.compose.ComposeFile.Service;
import dev.hush.core.format.compose.ComposeFile.Setting;
import dev.hush.core.format.compose.ComposeFile.Variable;
import dev.hush.core.format.compose.ComposeFile.Volume;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the danger cards in compose files: inline secrets in {@code environment} and
 * {@code build.args} (also behind anchors, merges and literal {@code ${VAR:-default}}s),
 * passwords in URLs, {@code privileged: true}, insecure build entitlements and Docker
 * socket mounts; and tells the engine which dotenv files the services load.
 *
 * <p>An entry that several services share through an anchor is reported once, where it is
 * written, naming the services that use it.
 */
public final class ComposeAnalyzer implements Analyzer {
    private static final String FIX_SECRET = "move it to a Compose secret: hush migrate";
    private static final String FIX_WEAK = "move it to a Compose secret with a generated value in its place:"
            + " hush migrate --generate-weak, then change the password the service already stored";
    private static final String FIX_BUILD_ARG =
            "pass it as a build secret (build.secrets and RUN --mount=type=secret) instead: hush migrate";
    private static final String FIX_URL =
            "move the password to a Compose secret and build the URL from it at start-up, or reference it as"
                    + " ${VAR} from an ignored .env: hush migrate";
    private static final String FIX_PRIVILEGED = "replace privileged: true with cap_drop: [ALL] and add back only"
            + " the capabilities it needs (cap_add), plus devices: and security_opt: [no-new-privileges:true]";
    private static final String FIX_BUILD_PRIVILEGED = "remove build.privileged; give the RUN step that needs more"
            + " only the device or capability it needs, or do that step at run time";
    private static final String FIX_ENTITLEMENT = "remove security.insecure from build.entitlements and"
            + " RUN --security=insecure from the Dockerfile";
    private static final String FIX_SOCKET = "do not mount the Docker socket: run docker on the host, use docker"
            + " context over SSH/TLS, or the buildx docker-container driver";
    private static final String FIX_API_SOCKET = "remove use_api_socket: run docker on the host, use docker context"
            + " over SSH/TLS, or give the container only the registry credential it needs as a Compose secret";

    private static final String FIX_CONFIG = "move the value to a Compose secret and have the config read it from"
            + " /run/secrets (or build the file at start-up), so the compose file holds no secret";

    /** A {@code key = value}, {@code key: value} or {@code "key": "value"} line of a settings file. */
    private static final Pattern CONFIG_SETTING = Pattern.compile(
            "(?m)^[ \\t]*(?:export[ \\t]+)?[\"']?([A-Za-z_][A-Za-z0-9_.-]{0,100})[\"']?[ \\t]*[:=][ \\t]*([^\\r\\n]+?)[ \\t]*\\r?$");

    /**
     * Cheap test before parsing a file that is not named like a compose file: a top-level {@code services:} whose
     * value is a mapping, in flow or block style. GitLab CI's {@code services:} is a list of images, and a key
     * indented under a job is not top-level: neither makes a compose file.
     */
    private static final Pattern SERVICES_MAP = Pattern.compile(
            "(?m)^\\uFEFF?[\"']?services[\"']?[ \\t]*:[ \\t]*(?:\\{|(?:#[^\\n]*)?\\r?\\n(?:[ \\t]*(?:#[^\\n]*)?\\r?\\n)*[ \\t]+[^\\s#-])");

    /**
     * Returns whether the engine should give {@code path} to this analyzer: any YAML file,
     * since a compose file may have any name; the analyzer itself looks for {@code services}.
     */
    static boolean appliesTo(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yml") || lower.endsWith(".yaml");
    }

    /** Returns whether {@code text}, of a file not named like a compose file, has a top-level {@code services} mapping. */
    static boolean hasServicesMap(CharSequence text) {
        return SERVICES_MAP.matcher(text).find();
    }

    @Override
    public void analyze(FileAnalysis analysis) {
        SourceFile file = analysis.file();
        if (!ComposeFile.isComposeName(file.name()) && !hasServicesMap(file.text())) {
            return;
        }
        ComposeFile compose = ComposeFile.parse(file);
        for (ComposeFile.Problem problem : compose.problems()) {
            analysis.error(problem.line(), problem.message());
        }
        Report report = new Report(file);
        // In an example or template compose file, a word such as changeme says "fill this in".
        boolean example = DotenvAnalyzer.isExample(file.path());
        Set<String> envFiles = new LinkedHashSet<>();
        for (Service service : compose.services()) {
            List<String> names = service.environment().stream().map(Variable::name).toList();
            for (Variable variable : service.environment()) {
                checkVariable(service, variable, false, example, names, report);
            }
            List<String> argNames = service.buildArgs().stream().map(Variable::name).toList();
            for (Variable variable : service.buildArgs()) {
                checkVariable(service, variable, true, example, argNames, report);
            }
            checkSettings(service, report);
            for (Volume volume : service.volumes()) {
                checkVolume(service, volume, report);
            }
            for (ComposeFile.EnvFile envFile : service.envFiles()) {
                Interpolation.Expansion path = Interpolation.unset(envFile.path().text());
                if (path.isLiteral()) {
                    ComposeFile.resolve(file.path(), path.text()).ifPresent(envFiles::add);
                }
            }
        }
        for (ComposeFile.Document document : compose.documents()) {
            for (ComposeFile.ConfigDefinition config : document.configs()) {
                checkSettingsText(file, config.content(), new Origin("configs." + config.name(), false, false,
                        Optional.empty()), null, "the inline content of the config", example, report);
            }
        }
        report.flush(analysis);
        envFiles.forEach(analysis::envFile);
    }

    /**
     * Reports the secret-named settings of a settings file written into the compose file: a config's inline
     * {@code content:} (compose spec, configs: "content: the content is created with the inlined value") or a
     * multi-line environment value that the program reads as its configuration ({@code INVIDIOUS_CONFIG: |}). Its
     * {@code key = value} and {@code key: value} lines are as committed as an environment entry. A URL in it is the
     * provider rules' (url-basic-auth); a value with spaces is prose or code, not a setting.
     *
     * @param service the service whose environment holds the text, or null for a config
     * @param where what holds the text, for the message
     */
    private static void checkSettingsText(SourceFile file, Scalar content, Origin origin, String service, String where,
            boolean example, Report report) {
        int cursor = content.span().start();
        Matcher line = CONFIG_SETTING.matcher(content.text());
        while (line.find()) {
            String key = line.group(1);
            String written = unquote(line.group(2));
            if (written.isEmpty() || written.contains("://") || !SecretKeys.isSecret(key)) {
                continue;
            }
            Interpolation.Expansion expansion = Interpolation.unset(written);
            if (!expansion.isLiteral()) {
                continue;
            }
            String secret = expansion.text();
            AssignedValues.Verdict verdict = AssignedValues.judgeSetting(key, secret);
            // $$TOKEN is written for the program that reads the file: a reference of its own templating.
            if (verdict == AssignedValues.Verdict.NONE || secret.contains("$")) {
                continue;
            }
            // A block scalar's lines are written as they read, behind the indentation: find this one.
            int at = file.text().indexOf(line.group(), cursor);
            int offset = content.span().start();
            if (at >= 0 && at < content.span().end()) {
                cursor = at + line.group().length();
                int value = file.text().indexOf(secret, at + line.start(2) - line.start());
                offset = value >= 0 && value < cursor ? value : at;
            }
            boolean weak = !example && Placeholders.isWeakDefault(secret);
            if (example && verdict == AssignedValues.Verdict.PLACEHOLDER) {
                continue;
            }
            report.add(weak ? RuleIds.COMPOSE_WEAK_DEFAULT : RuleIds.COMPOSE_INLINE_SECRET, Card.INLINE_SECRET, offset,
                    weak ? Severity.MEDIUM : verdict == AssignedValues.Verdict.PLACEHOLDER ? Severity.LOW : Severity.HIGH,
                    key, secret, service, origin, where + " sets " + key
                            + (weak ? " to a default password that anyone can guess" : " to a literal value"),
                    weak ? FIX_WEAK : FIX_CONFIG);
        }
    }

    /** Returns a settings line's value without its trailing {@code ,} or {@code ;} and quotes; empty for prose. */
    private static String unquote(String value) {
        String trimmed = value.strip();
        if (trimmed.endsWith(",") || trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        trimmed = AssignedValues.unquoted(trimmed);
        return trimmed.chars().anyMatch(Character::isWhitespace) ? "" : trimmed;
    }

    private static void checkVariable(Service service, Variable variable, boolean buildArg, boolean example,
            List<String> neighbours, Report report) {
        if (variable.value().isEmpty()) {
            return;
        }
        Scalar value = variable.value().get();
        Interpolation.Expansion expansion = Interpolation.unset(value.text());
        String noun = (buildArg ? "build argument " : "environment variable ") + variable.name();
        List<UrlPassword> passwords = UrlPassword.in(expansion.text());
        if (!passwords.isEmpty()) {
            for (UrlPassword password : passwords) {
                if (expansion.hasGap(password.start(), password.end())) {
                    continue;
                }
                String secret = expansion.text().substring(password.start(), password.end());
                if (Placeholders.isNotASecret(secret) || Placeholders.isTemplate(secret)) {
                    continue;
                }
                report.add(RuleIds.COMPOSE_URL_CREDENTIALS, Card.INLINE_SECRET, value.offsetOf(expansion.offset(password.start())),
                        severity(secret), variable.name(), secret, service.name(), variable.origin(),
                        noun + " holds a URL with an inline password", FIX_URL);
            }
            // The URL is the secret-bearing part; the rest of it is not a secret of its own.
            return;
        }
        if (!SecretKeys.isSecret(variable.name()) && value.text().indexOf('\n') >= 0) {
            // A settings file in a variable: its own secret-named lines are inline secrets.
            checkSettingsText(report.file, value, variable.origin(), service.name(), noun, example, report);
            return;
        }
        if (!SecretKeys.isSecret(variable.name()) || !expansion.isLiteral()
                || SecretKeys.isIdOfAPair(variable.name(), neighbours)) {
            return;
        }
        String secret = expansion.text();
        AssignedValues.Verdict verdict = AssignedValues.judgeSetting(variable.name(), secret);
        // In an example file, a word such as changeme says "fill this in".
        if (verdict == AssignedValues.Verdict.NONE || example && verdict == AssignedValues.Verdict.PLACEHOLDER) {
            return;
        }
        String what = expansion.usesDefault()
                ? noun + " falls back to an inline default value when the variable is unset"
                : noun + " has an inline value";
        if (buildArg) {
            what += "; build args stay readable in the image history";
        }
        if (!buildArg && !example && Placeholders.isWeakDefault(AssignedValues.unquoted(secret))) {
            // Not a stand-in: the service runs with this password, and anyone can guess it.
            what = expansion.usesDefault()
                    ? noun + " falls back to a default password that anyone can guess when the variable is unset"
                    : noun + " is set to a default password that anyone can guess";
            report.add(RuleIds.COMPOSE_WEAK_DEFAULT, Card.INLINE_SECRET, value.offsetOf(expansion.offset(0)), Severity.MEDIUM,
                    variable.name(), secret, service.name(), variable.origin(), what, FIX_WEAK);
            return;
        }
        report.add(buildArg ? RuleIds.COMPOSE_BUILD_ARG_SECRET : RuleIds.COMPOSE_INLINE_SECRET, Card.INLINE_SECRET,
                value.offsetOf(expansion.offset(0)), verdict == AssignedValues.Verdict.PLACEHOLDER ? Severity.LOW : Severity.HIGH,
                variable.name(), secret, service.name(),
                variable.origin(), what, buildArg ? FIX_BUILD_ARG : FIX_SECRET);
    }

    private static void checkSettings(Service service, Report report) {
        service.privileged().filter(ComposeAnalyzer::isTrue).ifPresent(setting -> report.add(RuleIds.COMPOSE_PRIVILEGED,
                Card.PRIVILEGED, setting, service, "privileged: true gives the container every capability and"
                        + " every host device, so a compromise of it is a compromise of the host",
                FIX_PRIVILEGED));
        service.buildPrivileged().filter(ComposeAnalyzer::isTrue).ifPresent(setting -> report.add(RuleIds.COMPOSE_BUILD_PRIVILEGED,
                Card.PRIVILEGED, setting, service, "build.privileged: true runs the image build with every"
                        + " capability of the host", FIX_BUILD_PRIVILEGED));
        for (Setting entitlement : service.entitlements()) {
            if (Interpolation.unset(entitlement.value().text()).text().trim().equals("security.insecure")) {
                report.add(RuleIds.COMPOSE_INSECURE_ENTITLEMENT, Card.PRIVILEGED, entitlement, service, "build.entitlements grants"
                        + " security.insecure, which lets RUN --security=insecure steps run privileged",
                        FIX_ENTITLEMENT);
            }
        }
        service.useApiSocket().filter(ComposeAnalyzer::isTrue).ifPresent(setting -> report.add(RuleIds.COMPOSE_API_SOCKET,
                Card.DOCKER_SOCKET, setting, service, "use_api_socket: true gives the container the Docker API"
                        + " and your registry credentials, which is root-equivalent on the host", FIX_API_SOCKET));
    }

    private static void checkVolume(Service service, Volume volume, Report report) {
        if (volume.source().isEmpty()) {
            return;
        }
        Scalar source = volume.source().get();
        if (!isDockerSocket(Interpolation.unset(source.text()).text())) {
            return;
        }
        String what = "the volume mounts the Docker socket, which is root-equivalent on the host: whoever controls the"
                + " container controls the host";
        if (volume.readOnly()) {
            what += "; read-only does not help, the API still accepts every request";
        }
        report.add(RuleIds.COMPOSE_DOCKER_SOCKET, Card.DOCKER_SOCKET, source.offsetOf(0), Severity.HIGH, null, null, service.name(),
                volume.origin(), what, FIX_SOCKET);
    }

    private static boolean isTrue(Setting setting) {
        String value = Interpolation.unset(setting.value().text()).text().trim().toLowerCase(Locale.ROOT);
        // YAML 1.1 spellings too: Compose's loader still takes them for booleans.
        return value.equals("true") || value.equals("yes") || value.equals("on");
    }

    /**
     * Returns whether {@code path} is the Docker daemon's socket: {@code /var/run/docker.sock},
     * {@code /run/docker.sock}, a rootless {@code $XDG_RUNTIME_DIR/docker.sock}, or the Windows pipe.
     */
    public static boolean isDockerSocket(String path) {
        String normal = path.trim().replace('\\', '/');
        if (normal.equalsIgnoreCase("//./pipe/docker_engine")) {
            return true;
        }
        while (normal.startsWith("//")) {
            normal = normal.substring(1);
        }
        while (normal.length() > 1 && normal.endsWith("/")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        return normal.equals("docker.sock") || normal.endsWith("/docker.sock");
    }

    private static Severity severity(String secret) {
        return Placeholders.isPlaceholder(secret) ? Severity.LOW : Severity.HIGH;
    }

    /** Gathers findings so that one written entry gives one finding, however many services reach it. */
    private static final class Report {
        private final SourceFile file;
        private final Map<String, Pending> pending = new LinkedHashMap<>();

        Report(SourceFile file) {
            this.file = file;
        }

        void add(String rule, Card card, Setting setting, Service service, String what, String fix) {
            add(rule, card, setting.value().offsetOf(0), Severity.HIGH, null, null, service.name(),
                    setting.origin(), what, fix);
        }

        void add(String rule, Card card, int offset, Severity severity, String key, String secret, String service,
                Origin origin, String what, String fix) {
            Pending entry = pending.computeIfAbsent(rule + "@" + offset, id -> {
                Finding.Builder builder = Finding.builder(rule, card, FindingLocation.of(file, offset))
                        .severity(severity)
                        .key(key)
                        .service(origin.home())
                        .fix(fix);
                if (secret != null) {
                    builder.secret(secret);
                }
                return new Pending(offset, builder, what, origin);
            });
            if (service != null) {
                entry.users.add(service);
            }
            if (entry.anchor.isEmpty()) {
                entry.anchor = origin.anchor();
            }
        }

        void flush(FileAnalysis analysis) {
            pending.values().stream()
                    .sorted(Comparator.comparingInt(Pending::offset))
                    .forEach(entry -> analysis.add(entry.builder.message(entry.message()).build()));
        }

        private static final class Pending {
            private final int offset;
            private final Finding.Builder builder;
            private final String what;
            private final Origin origin;
            private final Set<String> users = new LinkedHashSet<>();
            private Optional<String> anchor = Optional.empty();

            Pending(int offset, Finding.Builder builder, String what, Origin origin) {
                this.offset = offset;
                this.builder = builder;
                this.what = what;
                this.origin = origin;
            }

            int offset() {
                return offset;
            }

            String message() {
                String where = origin.homeIsService() ? "Service " + origin.home() : origin.home();
                StringBuilder message = new StringBuilder(where).append(": ").append(what);
                List<String> others = users.stream()
                        .filter(user -> !(origin.homeIsService() && user.equals(origin.home())))
                        .toList();
                if (!others.isEmpty()) {
                    message.append(others.size() == 1 ? "; service " : "; services ")
                            .append(String.join(", ", others))
                            .append(others.size() == 1 ? " uses it" : " use it");
                    anchor.ifPresent(name -> message.append(" through anchor &").append(name));
                }
                return message.append('.').toString();
            }
        }
    }
}

package dev.hush.core.rules;

/**
 * Names the built-in rules that code refers to by id: the analyzers that report them and the
 * planner that moves their findings read the same constant, so a renamed rule cannot leave one
 * side behind. The catalogue ({@code rules.yaml}) describes each one.
 */
public final class RuleIds {
    /** A secret written inline in a compose file's {@code environment}. */
    public static final String COMPOSE_INLINE_SECRET = "compose-inline-secret";
    /** A guessable default password (changeme, example, admin) in a compose file's {@code environment}. */
    public static final String COMPOSE_WEAK_DEFAULT = "compose-weak-default";
    /** A secret passed as a compose build argument. */
    public static final String COMPOSE_BUILD_ARG_SECRET = "compose-build-arg-secret";
    /** A password inside a URL in a compose file. */
    public static final String COMPOSE_URL_CREDENTIALS = "compose-url-credentials";
    /** {@code privileged: true} on a compose service. */
    public static final String COMPOSE_PRIVILEGED = "compose-privileged";
    /** {@code build.privileged} in a compose file. */
    public static final String COMPOSE_BUILD_PRIVILEGED = "compose-build-privileged";
    /** {@code security.insecure} among a compose build's entitlements. */
    public static final String COMPOSE_INSECURE_ENTITLEMENT = "compose-insecure-entitlement";
    /** The Docker socket mounted into a compose service. */
    public static final String COMPOSE_DOCKER_SOCKET = "compose-docker-socket";
    /** {@code use_api_socket} on a compose service. */
    public static final String COMPOSE_API_SOCKET = "compose-api-socket";
    /** A secret in a Dockerfile's {@code ARG}. */
    public static final String DOCKERFILE_ARG_SECRET = "dockerfile-arg-secret";
    /** A secret in a Dockerfile's {@code ENV}. */
    public static final String DOCKERFILE_ENV_SECRET = "dockerfile-env-secret";
    /** A secret value in a dotenv file. */
    public static final String DOTENV_SECRET = "dotenv-secret";
    /** A guessable default password in a dotenv file that is no example. */
    public static final String DOTENV_WEAK_DEFAULT = "dotenv-weak-default";
    /** A dotenv file with secrets that git tracks. */
    public static final String DOTENV_TRACKED = "dotenv-tracked";

    private RuleIds() {
    }
}

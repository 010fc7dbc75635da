package dev.hush.core.model;

/** Names the three danger cards of a Docker project, plus a secret file left to git. */
public enum Card {
    /** A secret value written into a compose file, Dockerfile, dotenv file or any other file. */
    INLINE_SECRET("inline-secret"),
    /** {@code privileged: true}, {@code docker run --privileged} or an insecure build entitlement. */
    PRIVILEGED("privileged"),
    /** A mount of the Docker daemon's socket into a container. */
    DOCKER_SOCKET("docker-socket"),
    /** A file that holds secrets and is tracked by git or not covered by {@code .gitignore}. */
    TRACKED_SECRET_FILE("tracked-secret-file");

    private final String id;

    Card(String id) {
        this.id = id;
    }

    /** Returns the card's id as reports spell it, e.g. {@code inline-secret}. */
    public String id() {
        return id;
    }
}

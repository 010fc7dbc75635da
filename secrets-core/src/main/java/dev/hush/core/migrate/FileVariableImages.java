package dev.hush.core.migrate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Knows the official images whose entrypoint reads a variable's value from the file named
 * by {@code <KEY>_FILE}, as their documentation says, and for which variables. Only those
 * get {@code <KEY>_FILE: /run/secrets/<name>}; any other image must be changed to read the
 * file, which the checklist says.
 */
public final class FileVariableImages {
    /** How one image reads files: the variables (or prefixes ending in {@code _}) and the suffix it expects. */
    private record Support(Set<String> keys, List<String> prefixes, String suffix) {
        boolean reads(String key) {
            return keys.contains(key) || prefixes.stream().anyMatch(key::startsWith);
        }
    }

    private static final Set<String> MYSQL = Set.of("MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "MYSQL_USER",
            "MYSQL_DATABASE", "MYSQL_ROOT_HOST");

    private static final Map<String, Support> IMAGES = Map.ofEntries(
            // https://hub.docker.com/_/postgres "Docker Secrets"
            Map.entry("postgres", new Support(Set.of("POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB",
                    "POSTGRES_INITDB_ARGS"), List.of(), "_FILE")),
            // https://hub.docker.com/_/mysql "Docker Secrets"
            Map.entry("mysql", new Support(MYSQL, List.of(), "_FILE")),
            // https://hub.docker.com/_/mariadb: every MARIADB_* and its MYSQL_* alias
            Map.entry("mariadb", new Support(MYSQL, List.of("MARIADB_"), "_FILE")),
            // https://hub.docker.com/_/mongo "Docker Secrets"
            Map.entry("mongo", new Support(Set.of("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD"),
                    List.of(), "_FILE")),
            // https://hub.docker.com/_/wordpress "Docker Secrets": every WORDPRESS_DB_* and the keys and salts
            Map.entry("wordpress", new Support(Set.of(), List.of("WORDPRESS_"), "_FILE")),
            // https://hub.docker.com/_/phpmyadmin "Docker Secrets"
            Map.entry("phpmyadmin", new Support(Set.of("PMA_PASSWORD", "PMA_USER", "PMA_HOST", "PMA_HOSTS",
                    "MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "MYSQL_USER"), List.of(), "_FILE")),
            // https://hub.docker.com/_/nextcloud "Docker Secrets"
            Map.entry("nextcloud", new Support(Set.of("NEXTCLOUD_ADMIN_USER", "NEXTCLOUD_ADMIN_PASSWORD",
                    "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "MYSQL_DATABASE", "MYSQL_USER",
                    "MYSQL_PASSWORD", "REDIS_HOST_PASSWORD", "SMTP_PASSWORD", "OBJECTSTORE_S3_KEY",
                    "OBJECTSTORE_S3_SECRET"), List.of(), "_FILE")),
            // https://hub.docker.com/_/redmine "Docker Secrets"
            Map.entry("redmine", new Support(Set.of(), List.of("REDMINE_DB_", "REDMINE_SECRET_KEY_BASE"), "_FILE")),
            // https://hub.docker.com/_/joomla: JOOMLA_DB_*_FILE
            Map.entry("joomla", new Support(Set.of(), List.of("JOOMLA_DB_"), "_FILE")),
            // https://hub.docker.com/_/odoo: PASSWORD_FILE
            Map.entry("odoo", new Support(Set.of("PASSWORD"), List.of(), "_FILE")),
            // https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#override-configuration-with-environment-variables
            Map.entry("grafana/grafana", new Support(Set.of(), List.of("GF_"), "__FILE")),
            Map.entry("grafana/grafana-oss", new Support(Set.of(), List.of("GF_"), "__FILE")),
            Map.entry("grafana/grafana-enterprise", new Support(Set.of(), List.of("GF_"), "__FILE")));

    private FileVariableImages() {
    }

    /**
     * Returns the variable that {@code image} reads {@code key}'s value from a file with, such
     * as {@code POSTGRES_PASSWORD_FILE}, or empty when the image does not.
     */
    public static Optional<String> fileVariable(String image, String key) {
        Support support = IMAGES.get(repository(image));
        if (support == null || !support.reads(key)) {
            return Optional.empty();
        }
        return Optional.of(key + support.suffix());
    }

    /** Returns the file variable for {@code key} when the app is known to read {@code <KEY>_FILE}. */
    public static String defaultFileVariable(String key) {
        return key + "_FILE";
    }

    /**
     * Returns the repository of an image reference, without registry, {@code library/}, tag or
     * digest: {@code docker.io/library/postgres:16@sha256:...} gives {@code postgres}.
     */
    static String repository(String image) {
        String name = image.strip().toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            name = name.substring(0, colon);
        }
        int first = name.indexOf('/');
        if (first > 0) {
            String host = name.substring(0, first);
            if (host.contains(".") || host.contains(":") || host.equals("localhost")) {
                name = name.substring(first + 1);
            }
        }
        if (name.startsWith("library/")) {
            name = name.substring("library/".length());
        }
        return name;
    }
}

package dev.hush.core.migrate.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Knows the images whose entrypoint or application reads a variable's value from a file, as their own
 * scripts and documentation show, and for which variables. Only those get a file variable such as
 * {@code POSTGRES_PASSWORD_FILE: /run/secrets/<name>}; the values of any other image must stay
 * environment variables (the planner moves them to an ignored env file).
 *
 * <p>Each entry names its source. Images that are common but were found <em>not</em> to read file
 * variables are kept in {@link #NOT_READING}, with theirs, so that nobody adds them by mistake. The
 * table is rendered into {@code docs/file-variable-images.md} by {@link #markdown()}.
 */
final class FileVariableImages {
    /**
     * Where the marker goes in the file variable's name: after the key ({@code KEY_FILE})
     * or before it ({@code FILE__KEY}).
     */
    private record Marker(String text, boolean before) {
        static Marker suffix(String text) {
            return new Marker(text, false);
        }

        static Marker prefix(String text) {
            return new Marker(text, true);
        }

        String apply(String key) {
            return before ? text + key : key + text;
        }

        String describe() {
            return before ? "`" + text + "<KEY>`" : "`<KEY>" + text + "`";
        }
    }

    /** Which keys an image reads from a file: exactly these, every key with one of these prefixes, or every key. */
    private record Keys(Set<String> exact, List<String> prefixes, boolean every) {
        static Keys of(String... keys) {
            return new Keys(Set.of(keys), List.of(), false);
        }

        static Keys startingWith(String... prefixes) {
            return new Keys(Set.of(), List.of(prefixes), false);
        }

        static Keys all() {
            return new Keys(Set.of(), List.of(), true);
        }

        boolean contain(String key) {
            return every || exact.contains(key) || prefixes.stream().anyMatch(key::startsWith);
        }

        String describe() {
            if (every) {
                return "every variable";
            }
            List<String> parts = new ArrayList<>();
            new TreeSet<>(exact).forEach(key -> parts.add("`" + key + "`"));
            prefixes.forEach(prefix -> parts.add("`" + prefix + "*`"));
            return String.join(", ", parts);
        }
    }

    /**
     * How one image (or, for a namespace ending in {@code /}, every image under it) reads files.
     * Rules that cover more than a fixed list never offer a key that already contains the marker:
     * those images strip the marker wherever it occurs ({@code ${FILENAME//_FILE/}} in paperless-ngx),
     * so such a key would be misread.
     */
    private record Entry(String repository, Keys keys, Marker marker, String source) {
        boolean covers(String repository) {
            return repository.equals(this.repository)
                    || this.repository.endsWith("/") && repository.startsWith(this.repository);
        }

        Optional<String> fileVariable(String key) {
            if (!keys.contain(key)) {
                return Optional.empty();
            }
            if (!keys.exact().contains(key) && key.contains(marker.text())) {
                return Optional.empty();
            }
            return Optional.of(marker.apply(key));
        }
    }

    private static final Marker FILE = Marker.suffix("_FILE");
    private static final Marker DOUBLE_FILE = Marker.suffix("__FILE");

    private static final Keys POSTGRES = Keys.of("POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB",
            "POSTGRES_INITDB_ARGS");
    private static final Keys MYSQL = Keys.of("MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "MYSQL_USER",
            "MYSQL_DATABASE", "MYSQL_ROOT_HOST");
    private static final String GRAFANA = "https://github.com/grafana/grafana/blob/main/packaging/docker/run.sh"
            + " (every `GF_*__FILE`)";

    private static final List<Entry> IMAGES = List.of(
            new Entry("postgres", POSTGRES, FILE,
                    "https://github.com/docker-library/postgres/blob/master/17/bookworm/docker-entrypoint.sh"
                            + " (`file_env` in `docker_setup_env`)"),
            new Entry("postgis/postgis", POSTGRES, FILE,
                    "https://github.com/postgis/docker-postgis/blob/master/17-3.5/bookworm/Dockerfile"
                            + " (FROM postgres, keeps its entrypoint)"),
            new Entry("mysql", MYSQL, FILE,
                    "https://github.com/docker-library/mysql/blob/master/8.4/docker-entrypoint.sh"
                            + " (`file_env` in `docker_setup_env`)"),
            new Entry("mariadb", Keys.of("MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "MYSQL_USER", "MYSQL_DATABASE",
                    "MYSQL_ROOT_HOST", "MARIADB_ROOT_PASSWORD", "MARIADB_PASSWORD", "MARIADB_USER",
                    "MARIADB_DATABASE", "MARIADB_ROOT_HOST", "MARIADB_PASSWORD_HASH", "MARIADB_ROOT_PASSWORD_HASH",
                    "MARIADB_REPLICATION_USER", "MARIADB_REPLICATION_PASSWORD", "MARIADB_REPLICATION_PASSWORD_HASH",
                    "MARIADB_MASTER_HOST", "MARIADB_MASTER_PORT"), FILE,
                    "https://github.com/MariaDB/mariadb-docker/blob/master/11.4/docker-entrypoint.sh"
                            + " (`_mariadb_file_env` and `file_env` in `docker_setup_env`)"),
            new Entry("mongo", Keys.of("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD"), FILE,
                    "https://github.com/docker-library/mongo/blob/master/8.0/docker-entrypoint.sh (`file_env`)"),
            new Entry("wordpress", Keys.of("WORDPRESS_DB_HOST", "WORDPRESS_DB_USER", "WORDPRESS_DB_PASSWORD",
                    "WORDPRESS_DB_NAME", "WORDPRESS_DB_CHARSET", "WORDPRESS_DB_COLLATE", "WORDPRESS_AUTH_KEY",
                    "WORDPRESS_SECURE_AUTH_KEY", "WORDPRESS_LOGGED_IN_KEY", "WORDPRESS_NONCE_KEY",
                    "WORDPRESS_AUTH_SALT", "WORDPRESS_SECURE_AUTH_SALT", "WORDPRESS_LOGGED_IN_SALT",
                    "WORDPRESS_NONCE_SALT", "WORDPRESS_TABLE_PREFIX", "WORDPRESS_DEBUG", "WORDPRESS_CONFIG_EXTRA"),
                    FILE, "https://github.com/docker-library/wordpress/blob/master/wp-config-docker.php"
                            + " (`getenv_docker`)"),
            new Entry("nextcloud", Keys.of("NEXTCLOUD_ADMIN_USER", "NEXTCLOUD_ADMIN_PASSWORD", "POSTGRES_DB",
                    "POSTGRES_USER", "POSTGRES_PASSWORD", "MYSQL_DATABASE", "MYSQL_USER", "MYSQL_PASSWORD",
                    "REDIS_HOST_PASSWORD", "SMTP_PASSWORD"), FILE,
                    "https://github.com/nextcloud/docker/blob/master/docker-entrypoint.sh (`file_env`) and"
                            + " `config/smtp.config.php` (`SMTP_PASSWORD_FILE`)"),
            new Entry("odoo", Keys.of("PASSWORD"), FILE,
                    "https://github.com/odoo/docker/blob/master/18.0/entrypoint.sh (`PASSWORD_FILE`)"),
            new Entry("grafana/grafana", Keys.startingWith("GF_"), DOUBLE_FILE, GRAFANA),
            new Entry("grafana/grafana-oss", Keys.startingWith("GF_"), DOUBLE_FILE, GRAFANA),
            new Entry("grafana/grafana-enterprise", Keys.startingWith("GF_"), DOUBLE_FILE, GRAFANA),
            new Entry("gitea/gitea", Keys.startingWith("GITEA__"), DOUBLE_FILE,
                    "https://github.com/go-gitea/gitea/blob/main/contrib/environment-to-ini/README"
                            + " (`GITEA__SECTION__KEY__FILE`, since go-gitea/gitea#24832)"),
            new Entry("paperless-ngx/paperless-ngx", Keys.startingWith("PAPERLESS_"), FILE,
                    "https://github.com/paperless-ngx/paperless-ngx/blob/dev/docker/rootfs/etc/s6-overlay/"
                            + "s6-rc.d/init-env-file/run (every `PAPERLESS_*_FILE`)"),
            new Entry("immich-app/immich-server", Keys.of("DB_URL", "DB_HOSTNAME", "DB_DATABASE_NAME",
                    "DB_USERNAME", "DB_PASSWORD", "REDIS_PASSWORD"), FILE,
                    "https://github.com/immich-app/immich/blob/main/server/bin/start.sh (`read_file_and_export`)"),
            new Entry("requarks/wiki", Keys.of("DB_PASS"), FILE,
                    "https://github.com/requarks/wiki/blob/main/server/core/config.js (`DB_PASS_FILE`)"),
            new Entry("vaultwarden/server", Keys.all(), FILE,
                    "https://github.com/dani-garcia/vaultwarden/blob/main/src/util.rs"
                            + " (`get_env_str_value` reads `<KEY>_FILE` for every setting)"),
            new Entry("n8nio/n8n", Keys.all(), FILE,
                    "https://docs.n8n.io/hosting/configuration/configuration-methods/"
                            + " (Keeping sensitive data in separate files)"),
            new Entry("linuxserver/", Keys.all(), Marker.prefix("FILE__"),
                    "https://github.com/linuxserver/docker-baseimage-alpine/blob/master/root/etc/s6-overlay/"
                            + "s6-rc.d/init-envfile/run (every `FILE__<KEY>`, all linuxserver.io images)"),
            // Kept from the first table; not re-read for the corpus count (they occur less than 3 times).
            new Entry("phpmyadmin", Keys.of("PMA_PASSWORD", "PMA_USER", "PMA_HOST", "PMA_HOSTS",
                    "MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "MYSQL_USER"), FILE,
                    "https://hub.docker.com/_/phpmyadmin (Docker Secrets)"),
            new Entry("redmine", Keys.startingWith("REDMINE_DB_", "REDMINE_SECRET_KEY_BASE"), FILE,
                    "https://hub.docker.com/_/redmine (Docker Secrets)"),
            new Entry("joomla", Keys.startingWith("JOOMLA_DB_"), FILE, "https://hub.docker.com/_/joomla"));

    /**
     * Common images whose values must stay environment variables, and why: each was checked and does not
     * read a file variable the planner could use.
     */
    static final Map<String, String> NOT_READING = Map.of(
            "rabbitmq", "since 3.9 the entrypoint exits with an error when `RABBITMQ_DEFAULT_USER_FILE` or"
                    + " `RABBITMQ_DEFAULT_PASS_FILE` is set:"
                    + " https://github.com/docker-library/rabbitmq/blob/master/4.1/ubuntu/docker-entrypoint.sh",
            "ghost", "the entrypoint reads no file variables:"
                    + " https://github.com/docker-library/ghost/blob/master/docker-entrypoint.sh",
            "mysql/mysql-server", "no `<KEY>_FILE`; `MYSQL_ROOT_PASSWORD` itself may hold a path, which the planner"
                    + " does not write: https://github.com/mysql/mysql-docker (template/docker-entrypoint.sh)",
            "minio/minio", "reads `MINIO_ROOT_USER_FILE` and `MINIO_ROOT_PASSWORD_FILE` only when both files exist,"
                    + " so moving one of the pair loses it:"
                    + " https://github.com/minio/minio/blob/master/dockerscripts/docker-entrypoint.sh"
                    + " (`docker_secrets_env`)");

    private FileVariableImages() {
    }

    /**
     * Returns the variable that {@code image} reads {@code key}'s value from a file with, such
     * as {@code POSTGRES_PASSWORD_FILE}, or empty when the image does not.
     */
    static Optional<String> fileVariable(String image, String key) {
        return entry(image).flatMap(entry -> entry.fileVariable(key));
    }

    /** Returns whether the table knows {@code image} to read at least some variables from files. */
    static boolean readsFiles(String image) {
        return entry(image).isPresent();
    }

    /** Returns the file variable for {@code key} when the app is known to read {@code <KEY>_FILE}. */
    static String defaultFileVariable(String key) {
        return key + "_FILE";
    }

    private static Optional<Entry> entry(String image) {
        String repository = repository(image);
        return IMAGES.stream().filter(entry -> entry.covers(repository)).findFirst();
    }

    /**
     * Returns the repository of an image reference, without registry, {@code library/}, tag or
     * digest: {@code docker.io/library/postgres:16@sha256:...} gives {@code postgres}. An interpolated
     * tag ({@code postgres:${TAG:-16}}) is dropped; an interpolated name is returned as it is, since
     * no repository can be known from it.
     */
    static String repository(String image) {
        String name = image.strip().toLowerCase(Locale.ROOT);
        int dollar = name.indexOf('$');
        if (dollar >= 0) {
            String head = name.substring(0, dollar);
            int tag = Math.max(head.lastIndexOf(':'), head.indexOf('@'));
            if (tag <= head.lastIndexOf('/')) {
                return name;
            }
            name = head.substring(0, tag);
        }
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

    /** Returns the Markdown reference of the table: what each image reads, how, and the source. */
    static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Images that read secrets from files\n\n")
                .append("<!-- Generated from FileVariableImages.java; do not edit. Regenerate with\n")
                .append("     mvn -B -ntp -o -pl secrets-core -am test -Dtest='FileVariableImages*'")
                .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dhush.updateDocs=true -->\n\n")
                .append("When `hush migrate` moves an inline secret of a service whose image is listed here, it\n")
                .append("mounts a Compose secret and sets the file variable the image reads, for example\n")
                .append("`POSTGRES_PASSWORD_FILE: /run/secrets/db_password`. For any other image the value moves\n")
                .append("to a git-ignored env file, so the container still gets the same variable.\n")
                .append("The image is matched by repository: registry host, `library/`, tag and digest are ignored\n")
                .append("(`docker.io/library/postgres:16@sha256:...` is `postgres`, `lscr.io/linuxserver/mariadb`\n")
                .append("is `linuxserver/mariadb`). A repository ending in `/` stands for every image under it.\n\n")
                .append("| image | variables read from a file | file variable | source |\n")
                .append("| --- | --- | --- | --- |\n");
        IMAGES.stream().sorted(Comparator.comparing(Entry::repository)).forEach(entry -> out.append("| `")
                .append(entry.repository().endsWith("/") ? entry.repository() + "*" : entry.repository())
                .append("` | ").append(entry.keys().describe()).append(" | ").append(entry.marker().describe())
                .append(" | ").append(entry.source()).append(" |\n"));
        out.append("\n## Common images that do not read file variables\n\n")
                .append("Their values are delivered in an env file. Do not add them to the table above. Images in\n")
                .append("neither table were not checked, and are treated the same way until someone reads\n")
                .append("their source.\n\n")
                .append("| image | why |\n| --- | --- |\n");
        NOT_READING.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> out.append("| `")
                .append(entry.getKey()).append("` | ").append(entry.getValue()).append(" |\n"));
        return out.toString();
    }

    /** Returns the repositories (or namespaces ending in {@code /}) of the table, for tests and docs. */
    static Set<String> repositories() {
        return IMAGES.stream().map(Entry::repository).collect(Collectors.toCollection(TreeSet::new));
    }
}

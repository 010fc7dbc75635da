package dev.hush.core.migrate.plan;

import dev.hush.core.testing.Reactor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.core.testing.SharedFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileVariableImagesTest {
    /**
     * The images that occur three times or more in the shared corpus's compose files and were found to
     * read file variables (see each entry's source). When the corpus changes, this list and the table
     * are brought in step again: research the new images, then update both.
     */
    private static final Set<String> COMMON_IMAGES_THAT_READ_FILES = Set.of(
            "postgres", "postgis/postgis", "mysql", "mariadb", "mongo", "wordpress", "nextcloud", "odoo",
            "grafana/grafana", "grafana/grafana-oss", "gitea/gitea", "paperless-ngx/paperless-ngx",
            "immich-app/immich-server", "requarks/wiki", "vaultwarden/server", "n8nio/n8n",
            "linuxserver/bookstack", "linuxserver/calibre-web", "linuxserver/code-server", "linuxserver/dokuwiki",
            "linuxserver/duplicati", "linuxserver/emby", "linuxserver/freshrss", "linuxserver/grav",
            "linuxserver/grocy", "linuxserver/heimdall", "linuxserver/jellyfin", "linuxserver/kasm",
            "linuxserver/mariadb", "linuxserver/nextcloud", "linuxserver/pairdrop", "linuxserver/plex",
            "linuxserver/prowlarr", "linuxserver/qbittorrent", "linuxserver/radarr", "linuxserver/sonarr",
            "linuxserver/speedtest-tracker", "linuxserver/transmission", "linuxserver/unifi-network-application");

    private static final Pattern COMPOSE_NAME = Pattern.compile(
            "(docker-)?compose.*\\.ya?ml|docker-stack.*\\.ya?ml", Pattern.CASE_INSENSITIVE);
    private static final Pattern SERVICES = Pattern.compile("^services:", Pattern.MULTILINE);
    private static final Pattern IMAGE = Pattern.compile("^\\s*-?\\s*image:\\s*[\"']?([^\"'\\s#]+)",
            Pattern.MULTILINE);

    /** Each image with a variable its source shows it reads from a file, and that file variable. */
    @ParameterizedTest
    @CsvSource({
            "postgres:16, POSTGRES_PASSWORD, POSTGRES_PASSWORD_FILE",
            "postgis/postgis:17-3.5, POSTGRES_USER, POSTGRES_USER_FILE",
            "mysql:8.4, MYSQL_ROOT_PASSWORD, MYSQL_ROOT_PASSWORD_FILE",
            "mariadb:11, MARIADB_REPLICATION_PASSWORD, MARIADB_REPLICATION_PASSWORD_FILE",
            "mariadb:10.9, MYSQL_PASSWORD, MYSQL_PASSWORD_FILE",
            "mongo:7, MONGO_INITDB_ROOT_PASSWORD, MONGO_INITDB_ROOT_PASSWORD_FILE",
            "wordpress:latest, WORDPRESS_DB_PASSWORD, WORDPRESS_DB_PASSWORD_FILE",
            "nextcloud:apache, NEXTCLOUD_ADMIN_PASSWORD, NEXTCLOUD_ADMIN_PASSWORD_FILE",
            "nextcloud:apache, SMTP_PASSWORD, SMTP_PASSWORD_FILE",
            "odoo:18, PASSWORD, PASSWORD_FILE",
            "grafana/grafana:11, GF_SECURITY_ADMIN_PASSWORD, GF_SECURITY_ADMIN_PASSWORD__FILE",
            "grafana/grafana-oss:10, GF_DATABASE_PASSWORD, GF_DATABASE_PASSWORD__FILE",
            "gitea/gitea:1.22, GITEA__database__PASSWD, GITEA__database__PASSWD__FILE",
            "ghcr.io/paperless-ngx/paperless-ngx:latest, PAPERLESS_DBPASS, PAPERLESS_DBPASS_FILE",
            "ghcr.io/immich-app/immich-server:release, DB_PASSWORD, DB_PASSWORD_FILE",
            "ghcr.io/requarks/wiki:2, DB_PASS, DB_PASS_FILE",
            "vaultwarden/server:latest, ADMIN_TOKEN, ADMIN_TOKEN_FILE",
            "docker.n8n.io/n8nio/n8n, DB_POSTGRESDB_PASSWORD, DB_POSTGRESDB_PASSWORD_FILE",
            "lscr.io/linuxserver/mariadb:latest, MYSQL_ROOT_PASSWORD, FILE__MYSQL_ROOT_PASSWORD",
            "linuxserver/code-server, PASSWORD, FILE__PASSWORD",
            "ghcr.io/linuxserver/bookstack, DB_PASSWORD, FILE__DB_PASSWORD",
            "docker.io/library/postgres:16-alpine@sha256:0123, POSTGRES_PASSWORD, POSTGRES_PASSWORD_FILE",
            "localhost:5000/nextcloud:apache, POSTGRES_PASSWORD, POSTGRES_PASSWORD_FILE",
    })
    void namesTheFileVariableTheImageReads(String image, String key, String fileVariable) {
        assertThat(FileVariableImages.fileVariable(image, key)).contains(fileVariable);
    }

    /** Each image with a variable its source shows it does not read from a file, and images that read none. */
    @ParameterizedTest
    @CsvSource({
            "postgres:16, PGPASSWORD",
            "postgis/postgis, POSTGRES_HOST_AUTH_METHOD",
            "mysql:8.4, MYSQL_RANDOM_ROOT_PASSWORD",
            "mariadb:11, MARIADB_RANDOM_ROOT_PASSWORD",
            "mongo:7, MONGO_INITDB_DATABASE",
            "wordpress:latest, WORDPRESS_ADMIN_PASSWORD",
            "nextcloud:apache, NEXTCLOUD_TRUSTED_DOMAINS",
            "odoo:18, DB_PASSWORD",
            "grafana/grafana:11, ADMIN_PASSWORD",
            "gitea/gitea:1.22, DB_PASSWD",
            "paperless-ngx/paperless-ngx, PAPERLESS_FILENAME_FORMAT",
            "paperless-ngx/paperless-ngx, POSTGRES_PASSWORD",
            "immich-app/immich-server, JWT_SECRET",
            "requarks/wiki, DB_USER",
            "linuxserver/mariadb, FILE__MYSQL_PASSWORD",
            "redis:7, REDIS_PASSWORD",
            "rabbitmq:3-management, RABBITMQ_DEFAULT_PASS",
            "ghost:5, database__connection__password",
            "mysql/mysql-server:8.0, MYSQL_ROOT_PASSWORD",
            "minio/minio, MINIO_ROOT_PASSWORD",
            "example/postgres:16, POSTGRES_PASSWORD",
            "bitnami/postgresql:16, POSTGRES_PASSWORD",
            "mcr.microsoft.com/azure-sql-edge:1.0.4, SA_PASSWORD",
            "immich-app/immich-machine-learning, DB_PASSWORD",
    })
    void knowsNoFileVariableForOtherImagesAndKeys(String image, String key) {
        assertThat(FileVariableImages.fileVariable(image, key)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "postgres, postgres",
            "postgres:16, postgres",
            "Postgres:16, postgres",
            "library/postgres, postgres",
            "docker.io/postgres:16, postgres",
            "docker.io/library/postgres:16-alpine, postgres",
            "index.docker.io/library/postgres, postgres",
            "postgres@sha256:0123abcd, postgres",
            "postgres:16@sha256:0123abcd, postgres",
            "ghcr.io/immich-app/immich-server:v1.120.0, immich-app/immich-server",
            "lscr.io/linuxserver/mariadb:latest, linuxserver/mariadb",
            "linuxserver/mariadb, linuxserver/mariadb",
            "quay.io/keycloak/keycloak:26.0, keycloak/keycloak",
            "bitnami/postgresql:16, bitnami/postgresql",
            "docker.io/bitnami/postgresql:16, bitnami/postgresql",
            "localhost:5000/nextcloud:apache, nextcloud",
            "registry.example.com:5000/team/app:1, team/app",
            "'postgres:${POSTGRES_VERSION:-16}', postgres",
            "'ghcr.io/immich-app/immich-server:${IMMICH_VERSION:-release}', immich-app/immich-server",
            "'${REGISTRY}/postgres:16', '${registry}/postgres:16'",
            "'team/${APP}:1', 'team/${app}:1'",
    })
    void normalisesRegistryLibraryTagAndDigest(String image, String repository) {
        assertThat(FileVariableImages.repository(image)).isEqualTo(repository);
    }

    @Test
    void keepsCommonImagesThatReadNoFileVariablesOutOfTheTable() {
        for (String image : FileVariableImages.NOT_READING.keySet()) {
            assertThat(FileVariableImages.readsFiles(image)).as(image).isFalse();
        }
    }

    @Test
    void coversEveryCommonCorpusImageThatReadsFiles() throws IOException {
        Optional<Path> corpus = SharedFolder.find("corpus");
        Assumptions.assumeTrue(corpus.isPresent(), "shared/corpus not found");
        Map<String, Integer> counts = imageCounts(corpus.get());
        Set<String> common = counts.entrySet().stream().filter(entry -> entry.getValue() >= 3)
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        Set<String> readers = common.stream().filter(FileVariableImages::readsFiles)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(common).as("images occurring 3 times or more").containsAll(COMMON_IMAGES_THAT_READ_FILES);
        assertThat(readers).as("common images the table reads").isEqualTo(new TreeSet<>(COMMON_IMAGES_THAT_READ_FILES));
        for (String image : FileVariableImages.NOT_READING.keySet()) {
            assertThat(common).as("documented as not reading files because it is common").contains(image);
        }
    }

    @Test
    void keepsDocsFileVariableImagesMdInStepWithTheTable() throws IOException {
        Reactor.assertGeneratedFileIsCurrent("docs/file-variable-images.md", FileVariableImages.markdown(),
                "mvn -B -ntp -pl secrets-core -am test -Dtest='FileVariableImages*' "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dhush.updateDocs=true");
    }

    @Test
    void documentsEveryImageWithItsSource() {
        String markdown = FileVariableImages.markdown();

        for (String repository : FileVariableImages.repositories()) {
            String shown = repository.endsWith("/") ? repository + "*" : repository;
            assertThat(markdown).contains("| `" + shown + "` |");
        }
        assertThat(markdown).contains("`FILE__<KEY>`", "`<KEY>__FILE`", "https://github.com/docker-library/");
        assertThat(markdown).contains("| `rabbitmq` |");
    }

    /**
     * Counts the repositories of the {@code image:} lines of every compose file of the corpus (a file
     * named like one, or any YAML file with a top-level {@code services:}), credential fixtures aside.
     */
    private static Map<String, Integer> imageCounts(Path corpus) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(path -> !corpus.relativize(path).startsWith("credentials"))
                    .filter(path -> {
                        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".yml") || name.endsWith(".yaml");
                    })
                    .sorted().toList();
        }
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (!COMPOSE_NAME.matcher(file.getFileName().toString()).matches() && !SERVICES.matcher(text).find()) {
                continue;
            }
            Matcher image = IMAGE.matcher(text);
            while (image.find()) {
                String repository = FileVariableImages.repository(image.group(1));
                if (!repository.contains("$")) {
                    counts.merge(repository, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

}

package dev.hush.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileVariableImagesTest {
    @ParameterizedTest
    @CsvSource({
            "postgres:16, POSTGRES_PASSWORD, POSTGRES_PASSWORD_FILE",
            "docker.io/library/postgres:16-alpine@sha256:0123, POSTGRES_PASSWORD, POSTGRES_PASSWORD_FILE",
            "library/mysql, MYSQL_ROOT_PASSWORD, MYSQL_ROOT_PASSWORD_FILE",
            "mariadb:10.9, MARIADB_PASSWORD, MARIADB_PASSWORD_FILE",
            "mongo:7, MONGO_INITDB_ROOT_PASSWORD, MONGO_INITDB_ROOT_PASSWORD_FILE",
            "wordpress:latest, WORDPRESS_DB_PASSWORD, WORDPRESS_DB_PASSWORD_FILE",
            "grafana/grafana-oss:10, GF_SECURITY_ADMIN_PASSWORD, GF_SECURITY_ADMIN_PASSWORD__FILE",
            "localhost:5000/nextcloud:apache, POSTGRES_PASSWORD, POSTGRES_PASSWORD_FILE",
    })
    void namesTheFileVariableOfOfficialImages(String image, String key, String fileVariable) {
        assertThat(FileVariableImages.fileVariable(image, key)).contains(fileVariable);
    }

    @ParameterizedTest
    @CsvSource({
            "redis:7, REDIS_PASSWORD",
            "postgres:16, PGPASSWORD",
            "example/postgres:16, POSTGRES_PASSWORD",
            "mcr.microsoft.com/azure-sql-edge:1.0.4, SA_PASSWORD",
            "gitea/gitea:latest, DB_PASSWD",
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
}

package dev.hush.core.migrate;

import dev.hush.core.model.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The project the diff, transaction and recovery tests share: one Postgres service whose
 * password moves to the secret {@code db_password}, before ({@link #COMPOSE}) and after
 * ({@link #MIGRATED}), with a fake value of our own.
 */
public final class SamplePlan {
    public static final String PASSWORD = "hushTest-Pg-9c41e7aa02";

    public static final String COMPOSE = """
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_USER: app
                  POSTGRES_PASSWORD: hushTest-Pg-9c41e7aa02
                  POSTGRES_DB: app
                volumes:
                  - data:/var/lib/postgresql/data
            volumes:
              data:
            """;

    public static final String MIGRATED = """
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_USER: app
                  POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                  POSTGRES_DB: app
                secrets:
                  - db_password
                volumes:
                  - data:/var/lib/postgresql/data
            volumes:
              data:
            secrets:
              db_password:
                file: ./.secrets/db_password.txt
            """;

    private SamplePlan() {
    }

    /** Returns the migration of {@link #COMPOSE}: the secret file, the compose edit, and a new {@code examplePath}. */
    public static MigrationPlan plan(String examplePath) {
        SecretValue value = SecretValue.of(PASSWORD);
        return MigrationPlan.builder()
                .secretFile(SecretFile.of(SecretName.of("db_password"), value))
                .edit(FileEdit.modify("compose.yaml", bytes(COMPOSE), bytes(MIGRATED),
                        List.of("move POSTGRES_PASSWORD of db to secret db_password"), List.of(value)))
                .edit(FileEdit.create(examplePath, bytes("POSTGRES_PASSWORD=\n"), List.of("keep the keys of .env")))
                .build();
    }

    /** Returns {@code text} in UTF-8. */
    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

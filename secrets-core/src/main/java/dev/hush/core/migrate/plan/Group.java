package dev.hush.core.migrate.plan;

import dev.hush.core.migrate.SecretName;
import dev.hush.core.model.SecretValue;
import java.util.ArrayList;
import java.util.List;

/** One value under one key: one secret file. */
final class Group {
    final String key;
    /** The value as the project's files hold it. */
    final SecretValue value;
    /** The value the deliveries get: {@link #value}, or the generated one that replaces it. */
    SecretValue delivered;
    /** Whether {@link #delivered} was generated in place of {@link #value}. */
    boolean generated;
    final List<Site> sites = new ArrayList<>();
    final List<DotenvSource> dotenv = new ArrayList<>();
    SecretName name;

    Group(String key, SecretValue value) {
        this.key = key;
        this.value = value;
        this.delivered = value;
    }
}

package dev.hush.runtime;

import java.util.function.Supplier;

/** Supplies a secret, reading it again only when the file it came from changed. */
final class RotatingSecret implements Supplier<Secret> {

    private final SecretReader reader;
    private final String name;
    private SourcedSecret current;

    RotatingSecret(SecretReader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    /** Returns the secret, read again if its file changed modification time or size. */
    @Override
    public synchronized Secret get() {
        if (current == null || current.fileChanged()) {
            current = reader.lookupRequired(name);
        }
        return current.secret();
    }

    @Override
    public String toString() {
        return "RotatingSecret[name=" + name + ", directory=" + reader.directory() + "]";
    }
}

package dev.hush.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the test fixtures under {@code src/test/resources}. */
public final class TestResources {
    private TestResources() {
    }

    /** Returns the compose fixture {@code name} from {@code /compose/}, as UTF-8 text. */
    public static String composeFixture(String name) {
        return text("/compose/" + name);
    }

    /** Returns the resource at the absolute {@code path} as UTF-8 text. */
    public static String text(String path) {
        try (InputStream in = TestResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

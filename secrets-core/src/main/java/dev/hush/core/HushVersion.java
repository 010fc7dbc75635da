package dev.hush.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads hush's version, written into the core jar at build time. */
public final class HushVersion {
    private static final String VERSION = load();

    private HushVersion() {
    }

    /** Returns the version of hush, or {@code dev} outside a built jar. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = HushVersion.class.getResourceAsStream("hush-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}

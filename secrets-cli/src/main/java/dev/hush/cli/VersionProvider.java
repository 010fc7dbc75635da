package dev.hush.cli;

import dev.hush.core.HushVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Reports hush's version, the commit it was built from ({@code unknown} when it was built
 * outside git) and the Java runtime that runs it, so that a bug report says all three.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "hush " + HushVersion.get() + " (commit " + commit() + ")",
            "Java " + System.getProperty("java.runtime.version", Runtime.version().toString()) + " ("
                    + System.getProperty("java.vm.vendor", "unknown vendor") + ") at " + System.getProperty("java.home")
        };
    }

    /** Returns the commit written into the jar at build time, or {@code unknown}. */
    static String commit() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("build.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String commit = properties.getProperty("commit", "unknown");
            // Unfiltered (a build that skipped the resource filter) reads as the placeholder itself.
            return commit.matches("[0-9a-f]{40}") ? commit : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}

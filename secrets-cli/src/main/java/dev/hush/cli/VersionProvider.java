package dev.hush.cli;

import dev.hush.core.HushVersion;
import picocli.CommandLine;

/** Reports hush's version, as written into the core jar at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"hush " + HushVersion.get()};
    }
}

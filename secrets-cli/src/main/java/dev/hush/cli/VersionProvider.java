package dev.hush.cli;

import picocli.CommandLine;

/** Reads hush's version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"hush " + (version == null ? "dev" : version)};
    }
}

package dev.hush.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the bash and zsh completion scripts into a folder; the build runs it to ship them. */
public final class CompletionScripts {
    private CompletionScripts() {
    }

    /** Writes {@code hush.bash} and {@code hush.zsh} into the folder {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("args.length != 1: give the output folder");
        }
        Path folder = Files.createDirectories(Path.of(args[0]));
        for (CompletionCli.Shell shell : CompletionCli.Shell.values()) {
            Files.writeString(folder.resolve("hush." + shell), CompletionCli.script(shell), StandardCharsets.UTF_8);
        }
    }
}

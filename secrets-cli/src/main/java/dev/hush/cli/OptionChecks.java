package dev.hush.cli;

import dev.hush.core.rules.Rule;
import dev.hush.core.rules.RuleCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Checks the paths and names given on the command line before any work starts, so that a bad
 * one is a usage error naming the option, the value and what to give instead, never an
 * internal error from deep inside a command.
 */
final class OptionChecks {
    /** Folders that belong to git and to hush, where no file of the user's may go. */
    private static final List<String> OWN_FOLDERS = List.of(".git", ".hush");

    private OptionChecks() {
    }

    /** Returns {@code path} when it is an existing folder hush may read; else a usage error naming it. */
    static Path projectFolder(Path path) {
        if (Files.isDirectory(path)) {
            return readable(path);
        }
        if (Files.exists(path)) {
            throw new UserError(path + " is not a folder; give the project folder that holds it");
        }
        throw new UserError(path + ": no such folder; give the project folder (default: the current one)");
    }

    /**
     * Returns {@code path} unless it exists and this user may not read it, which a scan would
     * otherwise report as one skipped file without a name.
     */
    static Path readable(Path path) {
        if (Files.exists(path) && !Files.isReadable(path)) {
            throw new UserError(path + ": permission denied; run hush as a user who may read it");
        }
        return path;
    }

    /**
     * Returns {@code value} without a leading {@code ./} or trailing {@code /}, after
     * {@code check} (the core's own check of a project-relative path) accepted it and when it
     * is not inside {@code .git} or {@code .hush}; else a usage error naming {@code option}.
     */
    static String inProject(String option, String value, String example, Consumer<String> check) {
        String trimmed = value.replaceFirst("^(\\./)+", "").replaceFirst("(?<=.)/+$", "");
        try {
            check.accept(trimmed);
        } catch (IllegalArgumentException e) {
            // ProjectPaths names the problem and the path the user typed: no file content.
            throw new UserError(option + " '" + value + "': " + e.getMessage() + "; give a path inside the project"
                    + " folder, such as " + example);
        }
        String first = trimmed.split("/", 2)[0];
        for (String own : OWN_FOLDERS) {
            if (first.equalsIgnoreCase(own)) {
                String owner = own.equals(".git") ? "git's" : "hush's";
                throw new UserError(option + " '" + value + "': " + own + " is " + owner + " own folder; give a path"
                        + " of your own, such as " + example);
            }
        }
        return trimmed;
    }

    /** Returns {@code checklist} when it names a Markdown file, which no migration edit can be; else a usage error. */
    static String markdown(String option, String checklist) {
        if (!checklist.toLowerCase(Locale.ROOT).endsWith(".md")) {
            throw new UserError(option + " '" + checklist + "': the rotation checklist is Markdown; give a .md file"
                    + " such as SECRETS-ROTATION.md");
        }
        return checklist;
    }

    /**
     * Returns {@code only} when it is a rule id of {@code rules} or a file or folder under
     * {@code root}; else a usage error listing the rule ids that contain it.
     */
    static String ruleOrPath(String option, String only, Path root, RuleCatalogue rules) {
        String trimmed = only.replaceFirst("^(\\./)+", "");
        if (rules.find(trimmed).isPresent() || (!trimmed.isEmpty() && Files.exists(root.resolve(trimmed)))) {
            return trimmed;
        }
        String typed = trimmed.toLowerCase(Locale.ROOT);
        List<String> near = rules.rules().stream().map(Rule::id)
                .filter(id -> !typed.isEmpty() && (id.contains(typed) || typed.contains(id))).limit(8).toList();
        throw new UserError(option + " '" + only + "': neither a rule id nor a file or folder in " + root
                + (near.isEmpty() ? "" : "; rule ids like it: " + String.join(", ", near))
                + "; 'hush rules' lists all " + rules.rules().size() + " rule ids");
    }

    /**
     * Returns {@code file} when a new file can be written there: its folder exists, and it is
     * not a folder, nor (unless {@code force}) an existing file; checked before a long scan.
     */
    static Path newFile(String option, Path file, boolean force) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UserError(option + " " + file + ": the folder " + folder + " does not exist; create it first");
        }
        if (Files.isDirectory(file)) {
            throw new UserError(option + " " + file + ": is a folder; give a file name");
        }
        if (Files.exists(file) && !force) {
            throw new UserError(option + " " + file + " exists; choose another file or add --force to overwrite it");
        }
        return file;
    }
}

package dev.hush.core.detect;

import dev.hush.core.format.SourceFile;
import dev.hush.core.model.Location;

/** Turns a position in a parsed file into the {@link Location} a finding reports. */
final class FindingLocation {
    private FindingLocation() {
    }

    /** Returns the location of {@code offset} in {@code file}. */
    static Location of(SourceFile file, int offset) {
        return Location.of(file.path(), file.lineOf(offset), file.columnOf(offset));
    }

    /** Returns the location of a 1-based {@code line} and {@code column} of {@code file}. */
    static Location at(SourceFile file, int line, int column) {
        return Location.of(file.path(), line, column);
    }
}

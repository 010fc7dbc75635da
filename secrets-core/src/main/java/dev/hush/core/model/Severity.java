package dev.hush.core.model;

import java.util.Locale;

/** Ranks findings; reports list the most severe first. */
public enum Severity {
    /** A real-looking secret or a dangerous setting: act now. */
    HIGH,
    /** Probably a secret, or a risk that depends on the context. */
    MEDIUM,
    /** The pattern is wrong but the value looks like a placeholder. */
    LOW;

    /** Returns the severity as reports spell it, e.g. {@code high}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

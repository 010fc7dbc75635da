package dev.hush.core.migrate;

/**
 * Describes a migration or an undo that was interrupted (killed, or the machine stopped) and
 * that the next {@code hush migrate} finishes or rolls back first.
 *
 * @param journalId the migration's id
 * @param undo whether an undo was interrupted (it is finished) rather than an apply (it is rolled back)
 * @param trusted whether its journal was written by hush for this project on this machine; an
 *     untrusted journal is never acted on
 * @param journal the journal's path relative to the project root
 */
public record UnfinishedMigration(String journalId, boolean undo, boolean trusted, String journal) {
    /** Returns one line for the user saying what was interrupted and what happens next. */
    public String message() {
        if (!trusted) {
            return journal + " says a migration was interrupted, but hush did not write it for this project on this"
                    + " machine, so hush will not act on it; inspect it with: cat " + journal;
        }
        return undo
                ? "an interrupted hush migrate --undo (" + journalId + ") is unfinished; the next hush migrate finishes it first"
                : "an interrupted hush migrate (" + journalId + ") left this project half-migrated; the next hush migrate"
                        + " (--yes or --undo) rolls it back first";
    }
}

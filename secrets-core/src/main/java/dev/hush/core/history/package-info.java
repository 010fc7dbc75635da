/**
 * History scans: every blob of every ref read once, by the scan engine through
 * {@code HistorySource}, each finding attributed to the commit that introduced it, with whether it is in {@code HEAD} and whether it was pushed, and the purge plan.
 *
 * <p>Front door: {@link dev.hush.core.history.HistoryCommand}, from {@code Hush.history()}.
 */
package dev.hush.core.history;

/**
 * The scan engine: reads files in parallel from a source (a work tree, git's index, a diff, a
 * range, or the blobs of a history walk), runs the detector, the {@code env_file} second pass and
 * the baseline, and builds the sorted report. {@code ScanEngine}, {@code Source} and
 * {@code Fragment} are public for the history scan only: their signatures name the unexported
 * detection package, so no caller outside this module can run the engine.
 *
 * <p>Front door: {@link dev.hush.core.scan.ScanCommand} and {@link
 * dev.hush.core.scan.GitScanCommand}, from {@code Hush.scan()}, {@code Hush.stagedScan()} and
 * {@code Hush.diffScan(...)}.
 */
package dev.hush.core.scan;

/**
 * The scan engine: reads files in parallel from a source (a work tree, git's index, a diff or a
 * range), runs the detector, the {@code env_file} second pass and the baseline, and builds the
 * sorted report.
 *
 * <p>Front door: {@link dev.hush.core.scan.ScanCommand} and {@link
 * dev.hush.core.scan.GitScanCommand}, from {@code Hush.scan()}, {@code Hush.stagedScan()} and
 * {@code Hush.diffScan(...)}.
 */
package dev.hush.core.scan;

/**
 * Report formats, one class each: text, JSON, SARIF 2.1.0, the plan's JSON.
 *
 * <p>Front door: {@link dev.hush.core.report.Reporter}.
 */
package dev.hush.core.report;

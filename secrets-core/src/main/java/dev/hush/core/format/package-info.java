/**
 * Parsers and immutable models of the file formats hush reads, shared by detection and
 * migration; each sub-package is one format. Depends on nothing else in hush.
 *
 * <p>Front door: {@link dev.hush.core.format.SourceFile}, a file's text with its line index,
 * which every parser takes.
 */
package dev.hush.core.format;

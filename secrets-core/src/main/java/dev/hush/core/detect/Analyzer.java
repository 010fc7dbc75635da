package dev.hush.core.detect;

/** Looks for findings in one kind of file. */
interface Analyzer {
    /** Reports what it finds in {@code analysis.file()} to {@code analysis}. */
    void analyze(FileAnalysis analysis);
}

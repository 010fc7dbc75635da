package dev.hush.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Describes one of hush's own bugs so that the user can paste it into a report: the failing
 * class and method chain, and with {@code --debug} the stack trace, both without the
 * exceptions' messages, which may quote a file's content.
 */
final class InternalErrors {
    /** Where the README asks for bug reports. */
    static final String REPORT_AT = "https://github.com/hush-dev/hush/issues";

    /** The most methods the one-line summary names, innermost first. */
    private static final int CHAIN = 4;

    private InternalErrors() {
    }

    /**
     * Returns the one line for {@code e}, e.g. {@code internal error in ComposePlanning.plan ←
     * MigrationPlanner.plan (IllegalStateException); please report it at ...}: hush's own methods
     * where the innermost cause was thrown, and the class of every exception in the cause chain.
     */
    static String line(Throwable e) {
        Throwable root = e;
        List<String> classes = new ArrayList<>();
        Set<Throwable> seen = new LinkedHashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            classes.add(t.getClass().getSimpleName());
            root = t;
        }
        List<String> chain = new ArrayList<>();
        for (StackTraceElement frame : root.getStackTrace()) {
            // Only hush's own methods, and not the entry point, which every chain ends in.
            if (!frame.getClassName().startsWith("dev.hush.") || frame.getMethodName().equals("main")) {
                continue;
            }
            String method = simpleClass(frame.getClassName()) + "." + method(frame.getMethodName());
            if (chain.isEmpty() || !chain.get(chain.size() - 1).equals(method)) {
                chain.add(method);
            }
            if (chain.size() == CHAIN) {
                break;
            }
        }
        if (chain.isEmpty() && root.getStackTrace().length > 0) {
            StackTraceElement top = root.getStackTrace()[0];
            chain.add(simpleClass(top.getClassName()) + "." + method(top.getMethodName()));
        }
        return "internal error" + (chain.isEmpty() ? "" : " in " + String.join(" ← ", chain)) + " ("
                + String.join(" ← ", classes) + "); please report it at " + REPORT_AT
                + " (run again with --debug for the stack trace; neither quotes your files)";
    }

    /** Returns the stack trace of {@code e} and its causes: classes, methods, files and lines, never a message. */
    static String trace(Throwable e) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = new LinkedHashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            out.append(t == e ? "" : "Caused by: ").append(t.getClass().getName()).append(System.lineSeparator());
            for (StackTraceElement frame : t.getStackTrace()) {
                out.append("\tat ").append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(')
                        .append(frame.getFileName() == null ? "Unknown Source" : frame.getFileName())
                        .append(frame.getLineNumber() >= 0 ? ":" + frame.getLineNumber() : "").append(')')
                        .append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** Returns the class's name without its package, nested classes after a dot, anonymous and generated parts left out. */
    private static String simpleClass(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.substring(name.lastIndexOf('.') + 1).split("\\$")) {
            if (!part.isEmpty() && !Character.isDigit(part.charAt(0)) && !part.startsWith("Lambda")) {
                parts.add(part);
            }
        }
        return String.join(".", parts);
    }

    /** Returns the method a lambda was written in: {@code lambda$plan$3} gives {@code plan}. */
    private static String method(String name) {
        if (name.startsWith("lambda$")) {
            String rest = name.substring("lambda$".length());
            int end = rest.indexOf('$');
            return end > 0 ? rest.substring(0, end) : rest;
        }
        return name;
    }
}

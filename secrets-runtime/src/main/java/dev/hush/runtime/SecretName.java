package dev.hush.runtime;

import java.util.Locale;
import java.util.Objects;

/** Checks secret names and derives the environment variables that may hold them. */
final class SecretName {

    private SecretName() {
    }

    /** Returns {@code name} if it is safe as a single file name, else throws naming the problem. */
    static String check(String name) {
        Objects.requireNonNull(name, "name == null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("secret name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "secret name '%s' contains the control character U+%04X at index %d",
                        escaped(name), (int) c, i));
            }
        }
        if (name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("secret name '" + name + "' contains '/'");
        }
        if (name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("secret name '" + name + "' contains '\\'");
        }
        if (name.contains("..")) {
            throw new IllegalArgumentException("secret name '" + name + "' contains '..'");
        }
        if (name.equals(".")) {
            throw new IllegalArgumentException("secret name '.' names the directory itself");
        }
        return name;
    }

    /** Returns the variable holding the value: upper case, every non-alphanumeric as {@code _}. */
    static String variable(String name) {
        StringBuilder variable = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            variable.append(alphanumeric ? Character.toUpperCase(c) : '_');
        }
        return variable.toString();
    }

    /** Returns {@code name} with each control character written as a Java unicode escape. */
    private static String escaped(String name) {
        StringBuilder escaped = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                escaped.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

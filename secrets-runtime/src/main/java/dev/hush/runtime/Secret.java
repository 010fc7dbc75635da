package dev.hush.runtime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Holds one secret value and where it came from, and never shows the value in
 * {@link #toString()}.
 *
 * <p>A value read from a file loses exactly one trailing {@code \n} or {@code \r\n}, so a
 * multi-line PEM key keeps its inner newlines; {@link #bytes()} still gives the file as it is.
 * Text is decoded as UTF-8, with malformed input replaced.
 */
public final class Secret {

    private final String name;
    private final String source;
    private final byte[] bytes;
    private final int valueLength;

    private Secret(String name, String source, byte[] bytes, int valueLength) {
        this.name = name;
        this.source = source;
        this.bytes = bytes;
        this.valueLength = valueLength;
    }

    /** Returns a secret read from a file, without one trailing line break in its value. */
    static Secret fromFile(String name, String source, byte[] bytes) {
        int length = bytes.length;
        if (length >= 2 && bytes[length - 2] == '\r' && bytes[length - 1] == '\n') {
            length -= 2;
        } else if (length >= 1 && bytes[length - 1] == '\n') {
            length -= 1;
        }
        return new Secret(name, source, bytes, length);
    }

    /** Returns a secret taken from an environment variable, as it is. */
    static Secret fromVariable(String name, String variable, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new Secret(name, variable, bytes, bytes.length);
    }

    /** Returns the secret's name, e.g. {@code jwt_secret}. */
    public String name() {
        return name;
    }

    /** Returns where the value came from: a file path or an environment variable's name. */
    public String source() {
        return source;
    }

    /** Returns the value as text, without the file's one trailing line break. */
    public String value() {
        return new String(bytes, 0, valueLength, StandardCharsets.UTF_8);
    }

    /**
     * Returns a fresh copy of the value as characters, which the caller may overwrite when done.
     */
    public char[] chars() {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, valueLength));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        if (decoded.hasArray()) {
            Arrays.fill(decoded.array(), '\0');
        }
        return chars;
    }

    /** Returns a fresh copy of the raw bytes: the whole file, or the variable's UTF-8 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Returns whether {@code other} is a secret of the same name and source with the same bytes,
     * comparing the bytes in time that does not depend on where they differ.
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Secret)) {
            return false;
        }
        Secret that = (Secret) other;
        return name.equals(that.name)
                && source.equals(that.source)
                && valueLength == that.valueLength
                && MessageDigest.isEqual(bytes, that.bytes);
    }

    /** Returns a hash of the name and source only, so the value cannot be recovered from it. */
    @Override
    public int hashCode() {
        return Objects.hash(name, source);
    }

    /**
     * Returns the metadata only, e.g.
     * {@code Secret[name=jwt_secret, source=/run/secrets/jwt_secret, 12 bytes]}; the count is
     * the length of {@link #bytes()}.
     */
    @Override
    public String toString() {
        return "Secret[name=" + name + ", source=" + source + ", " + bytes.length + " bytes]";
    }
}

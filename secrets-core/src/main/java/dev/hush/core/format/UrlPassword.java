package dev.hush.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A password written in a URL's user info, {@code scheme://user:password@host}: where the URL
 * starts and where the password is, as offsets of the text it was found in (ends exclusive).
 * One parser for every analyzer and the migration, so they agree on what the password is.
 *
 * @param urlStart where the URL's scheme starts
 * @param start where the password starts
 * @param end the offset after the password
 */
public record UrlPassword(int urlStart, int start, int end) {
    /**
     * Returns the passwords of the URLs in {@code text}, in order. The last {@code @} of the
     * authority ends the user info: an unencoded {@code @} in a password is a mistake, but a
     * common one, and the server reads it that way too.
     */
    public static List<UrlPassword> in(String text) {
        List<UrlPassword> passwords = new ArrayList<>();
        int from = 0;
        for (int separator = text.indexOf("://"); separator >= 0; separator = text.indexOf("://", from)) {
            int authority = separator + 3;
            from = authority;
            int scheme = separator;
            while (scheme > 0 && isSchemeChar(text.charAt(scheme - 1))) {
                scheme--;
            }
            if (scheme == separator || !isAsciiLetter(text.charAt(scheme))) {
                continue;
            }
            int authorityEnd = authority;
            while (authorityEnd < text.length() && "/?#".indexOf(text.charAt(authorityEnd)) < 0
                    && !Character.isWhitespace(text.charAt(authorityEnd))) {
                authorityEnd++;
            }
            int at = text.lastIndexOf('@', authorityEnd - 1);
            int colon = text.indexOf(':', authority);
            if (at < authority || colon < 0 || colon + 1 >= at) {
                continue;
            }
            passwords.add(new UrlPassword(scheme, colon + 1, at));
            from = authorityEnd;
        }
        return passwords;
    }

    /**
     * Returns {@code text} with the password of each of its URLs replaced by what {@code
     * replacement} gives for that password as written; empty when it gives nothing for any.
     */
    public static Optional<String> replaceIn(String text, Function<String, Optional<String>> replacement) {
        List<UrlPassword> passwords = in(text);
        StringBuilder out = new StringBuilder(text);
        boolean replaced = false;
        for (int i = passwords.size() - 1; i >= 0; i--) {
            UrlPassword password = passwords.get(i);
            Optional<String> with = replacement.apply(text.substring(password.start, password.end));
            if (with.isPresent()) {
                out.replace(password.start, password.end, with.get());
                replaced = true;
            }
        }
        return replaced ? Optional.of(out.toString()) : Optional.empty();
    }

    private static boolean isSchemeChar(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}

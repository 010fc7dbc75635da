package dev.hush.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPasswordTest {
    private static List<String> passwords(String text) {
        return UrlPassword.in(text).stream().map(p -> text.substring(p.start(), p.end())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "postgres://app:Zq8vN3kLx2Rt@db:5432/app | Zq8vN3kLx2Rt",
        // An unencoded @ in the password: the last @ of the authority ends the user info.
        "mysql://u:p@ss@db/x | p@ss",
        "redis://:Rk3vT9pLm2Qx@cache:6379/0 | Rk3vT9pLm2Qx",
        "amqp://app:se:cr3t@rabbit:5672/ | se:cr3t",
        "QUEUE=amqp://app:Rk3vT9pLm2Qx@rabbit/ and more | Rk3vT9pLm2Qx",
    })
    void findsThePasswordOfAUrl(String text, String password) {
        assertThat(passwords(text)).containsExactly(password);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://example.com/path?user=a:b@c",
        "https://user@example.com/",
        "https://user:@example.com/",
        "://u:p@host",
        "1http://u:p@host",
        "no url at all",
    })
    void findsNoPasswordWhereTheUrlHasNone(String text) {
        assertThat(passwords(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "postgres://app:Zq8vN3kLx2Rt@db/app | 0",
        "'  postgres://app:Zq8vN3kLx2Rt@db/app' | 2",
    })
    void saysWhereTheUrlStarts(String text, int start) {
        assertThat(UrlPassword.in(text)).extracting(UrlPassword::urlStart).containsExactly(start);
    }

    @Test
    void replacesThePasswordsItIsGivenAReplacementForAndSaysWhenItReplacedNone() {
        Map<String, String> fresh = Map.of("p@ss", "NEW", "Zq8vN3kLx2Rt", "OTHER");
        Function<String, Optional<String>> replacement = written -> Optional.ofNullable(fresh.get(written));
        String text = "A=mysql://u:p@ss@db/x B=redis://:keep@cache C=postgres://app:Zq8vN3kLx2Rt@db/app";
        assertThat(UrlPassword.replaceIn(text, replacement))
                .hasValue("A=mysql://u:NEW@db/x B=redis://:keep@cache C=postgres://app:OTHER@db/app");
        assertThat(UrlPassword.replaceIn("B=redis://:keep@cache, not a url: p@ss", replacement)).isEmpty();
    }
}

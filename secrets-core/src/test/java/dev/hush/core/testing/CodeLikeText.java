package dev.hush.core.testing;

import java.util.random.RandomGenerator;

/**
 * Generates lines of ordinary-looking application code for benchmarks and load tests: one line
 * in forty mentions a secret's keyword without holding a secret, as real code does, so the
 * rules' regexes run but a precise scanner reports nothing.
 */
public final class CodeLikeText {
    /** Identifiers of ordinary code; the keywords of secrets come in through {@link #NEAR_MISSES}. */
    private static final String[] WORDS = {
        "user", "order", "items", "total", "request", "response", "config", "value", "result", "index", "count",
        "buffer", "stream", "client", "server", "handler", "session", "cache", "retry", "timeout", "message",
        "payload", "status", "customer", "invoice", "amount", "render", "widget", "layout", "parser"
    };

    /** Lines that mention secrets without holding one: a precise scanner reports none of them. */
    private static final String[] NEAR_MISSES = {
        "    String password = request.getParameter(\"password\");",
        "    api_key = os.environ[\"API_KEY\"]",
        "    const token = process.env.GITHUB_TOKEN;",
        "DB_PASSWORD_FILE=/run/secrets/db_password",
        "    # TODO: rotate the SECRET before release",
        "    password: ${DB_PASSWORD}",
        "    if (privileged) { return deny(); }",
        "    log.info(\"docker.sock is not mounted\");",
        "    tokenizer.next(passwordPolicy.minLength, secretary.name);",
        "    String authorName = keyboardLayout.author();",
    };

    private CodeLikeText() {
    }

    /** Returns about {@code size} characters of code-like lines; the same generator state gives the same text. */
    public static String lines(RandomGenerator random, int size) {
        StringBuilder text = new StringBuilder(size + 200);
        while (text.length() < size) {
            if (random.nextInt(40) == 0) {
                text.append(NEAR_MISSES[random.nextInt(NEAR_MISSES.length)]).append('\n');
                continue;
            }
            text.append("    ");
            int words = 3 + random.nextInt(9);
            for (int i = 0; i < words; i++) {
                text.append(WORDS[random.nextInt(WORDS.length)]);
                text.append(i % 3 == 2 ? " = " : i % 2 == 0 ? "." : "(");
            }
            text.append(random.nextInt(100_000)).append(");\n");
        }
        return text.toString();
    }
}

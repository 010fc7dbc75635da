package dev.hush.example;

import dev.hush.runtime.MissingSecretException;
import dev.hush.runtime.Secret;
import dev.hush.runtime.SecretReadException;
import dev.hush.runtime.SecretReader;
import dev.hush.runtime.Secrets;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code db_password} and {@code api_token} at start-up and says where each came from,
 * never what it is.
 */
public final class RuntimeApp {

    /** The secrets this app cannot start without. */
    static final List<String> SECRETS = List.of("db_password", "api_token");

    private RuntimeApp() {
    }

    /** Starts the app with the default reader and exits with the code {@link #run} returns. */
    public static void main(String[] args) {
        int code = run(Secrets.reader().build(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Reads every secret the app needs, prints one line per secret to {@code out} and one line
     * per problem to {@code err}.
     *
     * @return 0 when every secret was read, 1 otherwise
     */
    public static int run(SecretReader reader, PrintStream out, PrintStream err) {
        int code = 0;
        for (String name : SECRETS) {
            try {
                Secret secret = reader.require(name);
                byte[] bytes = secret.bytes();
                out.println(name + ": from " + secret.source() + " (" + bytes.length + " bytes)");
                Arrays.fill(bytes, (byte) 0);
            } catch (MissingSecretException | SecretReadException e) {
                // Both messages name the sources and paths only, never a value.
                err.println(e.getMessage());
                code = 1;
            }
        }
        return code;
    }
}

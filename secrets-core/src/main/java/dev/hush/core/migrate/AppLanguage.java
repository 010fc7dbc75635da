package dev.hush.core.migrate;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Names the language of an app built from this repository, found from its build context, so
 * that the checklist shows the few lines that read a mounted secret in that language: the file
 * {@code /run/secrets/<name>} first, then the variable the app read before.
 */
public enum AppLanguage {
    /** {@code package.json} and {@code tsconfig.json}: the chapter's {@code readSecret}, typed. */
    TYPESCRIPT("typescript"),
    /** {@code package.json}: the chapter's {@code readSecret}. */
    JAVASCRIPT("js"),
    /** {@code pom.xml} or {@code build.gradle(.kts)}: secrets-runtime's {@code Secrets}. */
    JAVA("java"),
    /** {@code requirements.txt} or {@code pyproject.toml}. */
    PYTHON("python"),
    /** {@code go.mod}. */
    GO("go"),
    /** Anything else: a few lines of the entrypoint script, before the app starts. */
    SHELL("sh");

    private final String fence;

    AppLanguage(String fence) {
        this.fence = fence;
    }

    /** Returns the language of the build context {@code context}, or {@link #SHELL} when it tells nothing. */
    public static AppLanguage of(Path context) {
        Objects.requireNonNull(context, "context == null");
        if (has(context, "package.json")) {
            return has(context, "tsconfig.json") ? TYPESCRIPT : JAVASCRIPT;
        }
        if (has(context, "pom.xml") || has(context, "build.gradle") || has(context, "build.gradle.kts")) {
            return JAVA;
        }
        if (has(context, "requirements.txt") || has(context, "pyproject.toml")) {
            return PYTHON;
        }
        return has(context, "go.mod") ? GO : SHELL;
    }

    private static boolean has(Path context, String file) {
        return Files.isRegularFile(context.resolve(file), LinkOption.NOFOLLOW_LINKS);
    }

    /** Returns the Markdown fence's info string for the snippet, e.g. {@code js}. */
    public String fence() {
        return fence;
    }

    /**
     * Returns the lines that read secret {@code name} from {@code /run/secrets/<name>}, else from
     * the variable {@code key} the app read before, and fail with a message naming both (never
     * the value) when neither is there.
     */
    public String snippet(SecretName name, String key) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(key, "key == null");
        String path = name.runPath();
        String camel = camel(name.value());
        return switch (this) {
            case TYPESCRIPT, JAVASCRIPT -> {
                String type = this == TYPESCRIPT ? ": string" : "";
                yield "import fs from \"node:fs/promises\";\n"
                        + "\n"
                        + "async function readSecret(filePath" + type + ", envKey" + type + ") {\n"
                        + "  try {\n"
                        + "    return (await fs.readFile(filePath, \"utf8\")).trim();\n"
                        + "  } catch {\n"
                        + "    const v = process.env[envKey];\n"
                        + "    if (!v) throw new Error(`Missing secret: ${envKey} (or ${filePath})`);\n"
                        + "    return v;\n"
                        + "  }\n"
                        + "}\n"
                        + "\n"
                        + "const " + camel + " = await readSecret(\"" + path + "\", \"" + key + "\");\n";
            }
            case JAVA -> name.value().replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT).equals(key)
                    ? "import dev.hush.runtime.Secrets;\n"
                            + "\n"
                            + "// " + path + ", else the file named by " + key + "_FILE, else " + key + "\n"
                            + "String " + camel + " = Secrets.require(\"" + name + "\").value();\n"
                    : "import dev.hush.runtime.Secret;\n"
                            + "import dev.hush.runtime.Secrets;\n"
                            + "import java.util.Optional;\n"
                            + "\n"
                            + "// " + path + ", else the variable " + key + " that the app read before\n"
                            + "String " + camel + " = Secrets.find(\"" + name + "\").map(Secret::value)\n"
                            + "        .or(() -> Optional.ofNullable(System.getenv(\"" + key + "\")).filter(v -> !v.isEmpty()))\n"
                            + "        .orElseThrow(() -> new IllegalStateException(\"Missing secret: " + name + " (or "
                            + key + ")\"));\n";
            case PYTHON -> "import os\n"
                    + "\n"
                    + "\n"
                    + "def read_secret(path, env_key):\n"
                    + "    try:\n"
                    + "        with open(path, encoding=\"utf-8\") as f:\n"
                    + "            return f.read().strip()\n"
                    + "    except FileNotFoundError:\n"
                    + "        value = os.environ.get(env_key)\n"
                    + "        if not value:\n"
                    + "            raise RuntimeError(f\"Missing secret: {env_key} (or {path})\")\n"
                    + "        return value\n"
                    + "\n"
                    + "\n"
                    + snake(name.value()) + " = read_secret(\"" + path + "\", \"" + key + "\")\n";
            case GO -> "import (\n"
                    + "\t\"fmt\"\n"
                    + "\t\"os\"\n"
                    + "\t\"strings\"\n"
                    + ")\n"
                    + "\n"
                    + "func readSecret(path, envKey string) (string, error) {\n"
                    + "\tif b, err := os.ReadFile(path); err == nil {\n"
                    + "\t\treturn strings.TrimSpace(string(b)), nil\n"
                    + "\t}\n"
                    + "\tif v := os.Getenv(envKey); v != \"\" {\n"
                    + "\t\treturn v, nil\n"
                    + "\t}\n"
                    + "\treturn \"\", fmt.Errorf(\"missing secret: %s (or %s)\", envKey, path)\n"
                    + "}\n"
                    + "\n"
                    + "// At start-up:\n"
                    + "// " + camel + ", err := readSecret(\"" + path + "\", \"" + key + "\")\n";
            case SHELL -> "# In the entrypoint script, before the app starts:\n"
                    + "if [ -f " + path + " ]; then\n"
                    + "  " + key + "=\"$(cat " + path + ")\"\n"
                    + "  export " + key + "\n"
                    + "fi\n"
                    + ": \"${" + key + ":?Missing secret: " + key + " (or " + path + ")}\"\n";
        };
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : name.toCharArray()) {
            if (!Character.isLetterOrDigit(ch)) {
                upper = out.length() > 0;
                continue;
            }
            out.append(upper ? Character.toUpperCase(ch) : ch);
            upper = false;
        }
        String camel = out.toString();
        return camel.isEmpty() || Character.isDigit(camel.charAt(0)) ? "secret" + camel : camel;
    }

    private static String snake(String name) {
        String snake = name.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
        return Character.isDigit(snake.charAt(0)) ? "secret_" + snake : snake;
    }
}

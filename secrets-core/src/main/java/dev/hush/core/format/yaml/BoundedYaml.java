package dev.hush.core.format.yaml;

import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads one YAML document of a file hush did not write ({@code .hush.yaml}, its rules, a
 * journal a repository may carry) within limits, so that a hostile file gives an error with
 * its line instead of exhausting memory, time or the stack.
 *
 * <p>snakeyaml-engine limits aliases and code points but not nesting: its composer recurses
 * once per level, so {@code [[[[...} a few hundred KB deep ends in a {@link StackOverflowError}.
 * Its stream reader also copies its buffer each time a long scalar outgrows it, which takes
 * seconds for a scalar of a few MB; the buffer here is sized to the text once.
 */
public final class BoundedYaml {
    /** Nesting of maps and lists; hush's own files need fewer than ten levels. */
    public static final int MAX_DEPTH = 50;

    /** Aliases of maps and lists per document; billion-laughs documents need far more. */
    public static final int MAX_ALIASES = 50;

    private BoundedYaml() {
    }

    /**
     * Returns the single document of {@code text} as a node tree with marks, or nothing for an
     * empty text.
     *
     * @param label the file name that snakeyaml-engine's messages name
     * @param codePointLimit the longest text read; longer texts are refused before parsing
     * @throws YamlEngineException for malformed YAML, several documents, duplicate keys or an
     *     exceeded limit; a {@link org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException}
     *     when the problem has a place
     */
    public static Optional<Node> compose(String text, String label, int codePointLimit) {
        Objects.requireNonNull(text, "text == null");
        if (text.length() > codePointLimit && text.codePointCount(0, text.length()) > codePointLimit) {
            // Checked first: the reader would only notice after scanning that far.
            throw new YamlEngineException("the text has more than " + codePointLimit + " characters");
        }
        LoadSettings settings = settings(label, text, codePointLimit);
        return new DepthLimitedComposer(settings, new ParserImpl(settings, new StreamReader(settings, text)), MAX_DEPTH)
                .getSingleNode();
    }

    /**
     * Returns the single document of {@code text} as Java maps, lists and scalars (the core
     * schema), or null for an empty text; duplicate keys are refused.
     *
     * @throws YamlEngineException as {@link #compose(String, String, int)} does
     */
    public static Object load(String text, String label, int codePointLimit) {
        Optional<Node> root = compose(text, label, codePointLimit);
        return new StandardConstructor(settings(label, text, codePointLimit)).constructSingleDocument(root);
    }

    private static LoadSettings settings(String label, String text, int codePointLimit) {
        return LoadSettings.builder()
                .setLabel(label)
                .setUseMarks(true)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(codePointLimit)
                .setBufferSize(Math.min(text.length(), codePointLimit) + 1)
                .build();
    }
}

package dev.hush.core.format.compose;

import dev.hush.core.format.yaml.DepthLimitedComposer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML into snakeyaml-engine's node tree, with marks, within limits that keep a
 * hostile file from exhausting memory, time or the stack.
 *
 * <p>This is what {@code org.snakeyaml.engine.v2.api.lowlevel.Compose} does, plus a nesting
 * limit: the composer recurses once per level, so {@code [[[[...} a few MB deep would
 * otherwise end in a {@link StackOverflowError}.
 */
public final class ComposeYaml {
    /** Files beyond this many code points are not parsed; real compose files are a few KB. */
    public static final int CODE_POINT_LIMIT = 4 * 1024 * 1024;

    /** Aliases of maps and lists per document; billion-laughs documents need far more. */
    static final int MAX_ALIASES = 1024;

    /**
     * Map entries per file, counted after {@code <<} merges copied them: a few hundred aliases
     * merging a huge map would otherwise copy it a few hundred times.
     */
    static final int MAX_MAP_ENTRIES = 200_000;

    /** Nesting of maps and lists; compose files need about ten levels. */
    static final int MAX_DEPTH = 100;

    private static LoadSettings settings(String text) {
        return LoadSettings.builder()
                .setLabel("compose")
                // The core schema makes << a merge key and ~ a null, as Compose's own loader does.
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(CODE_POINT_LIMIT)
                // Sized to the text once: the reader copies its buffer each time a scalar outgrows it,
                // which took seconds for one scalar of a few MB.
                .setBufferSize(Math.min(text.length(), CODE_POINT_LIMIT) + 1)
                .build();
    }

    private ComposeYaml() {
    }

    /**
     * Returns the documents of {@code text}, composed one at a time; the iterator throws
     * snakeyaml-engine's exceptions for malformed YAML and exceeded limits.
     */
    static Documents documents(String text) {
        LoadSettings settings = settings(text);
        return new Documents(settings, new ParserImpl(settings, new StreamReader(settings, text)));
    }

    /**
     * Composes the documents of one text, stopping past {@link #MAX_DEPTH} levels of nesting and
     * {@link #MAX_MAP_ENTRIES} entries, and refusing maps that merge themselves.
     */
    static final class Documents extends DepthLimitedComposer {
        private long entries;
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

        Documents(LoadSettings settings, ParserImpl parser) {
            super(settings, parser, MAX_DEPTH);
        }

        @Override
        protected Node composeMappingNode(Optional<Anchor> anchor) {
            Optional<Mark> start = parser.peekEvent().getStartMark();
            Node node = super.composeMappingNode(anchor);
            if (node instanceof MappingNode map) {
                entries += map.getValue().size();
                if (entries > MAX_MAP_ENTRIES) {
                    throw new ComposerException("more than " + MAX_MAP_ENTRIES + " map entries once merges are applied",
                            start);
                }
            }
            return node;
        }

        @Override
        protected void composeMappingChildren(List<NodeTuple> children, MappingNode node) {
            open.add(node);
            try {
                super.composeMappingChildren(children, node);
            } finally {
                open.remove(node);
            }
        }

        /**
         * Refuses an alias to a map that is still being read, such as {@code x: &a {<<: *a}}:
         * snakeyaml-engine's merge of such a map never ends. Compose refuses these too.
         */
        @Override
        protected Node composeValueNode(MappingNode node) {
            Optional<Mark> at = parser.peekEvent().getStartMark();
            Node value = super.composeValueNode(node);
            boolean recursive = open.contains(value)
                    || value instanceof SequenceNode list && list.getValue().stream().anyMatch(open::contains);
            if (recursive) {
                throw new ComposerException("an alias refers to the map that holds it", at);
            }
            return value;
        }
    }
}

package dev.hush.core.format.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;

/**
 * Composes like snakeyaml-engine's composer, refusing maps and lists nested deeper than a
 * limit: the composer recurses once per level, so {@code [[[[...} a few hundred KB deep would
 * otherwise end in a {@link StackOverflowError}. It remembers where the last map or list
 * started, to place errors that carry no position of their own.
 */
public class DepthLimitedComposer extends Composer {
    private final int maxDepth;
    private int depth;
    private Optional<Mark> lastStart = Optional.empty();

    /** Creates a composer over {@code parser} that refuses nesting past {@code maxDepth} levels. */
    public DepthLimitedComposer(LoadSettings settings, ParserImpl parser, int maxDepth) {
        super(settings, parser);
        this.maxDepth = maxDepth;
    }

    /** Returns where the last map or list that was read starts. */
    public Optional<Mark> lastStart() {
        return lastStart;
    }

    @Override
    protected SequenceNode composeSequenceNode(Optional<Anchor> anchor) {
        enter();
        try {
            return super.composeSequenceNode(anchor);
        } finally {
            depth--;
        }
    }

    @Override
    protected Node composeMappingNode(Optional<Anchor> anchor) {
        enter();
        try {
            return super.composeMappingNode(anchor);
        } finally {
            depth--;
        }
    }

    private void enter() {
        depth++;
        lastStart = parser.peekEvent().getStartMark();
        if (depth > maxDepth) {
            throw new ComposerException("maps and lists nested more than " + maxDepth + " levels deep", lastStart);
        }
    }
}

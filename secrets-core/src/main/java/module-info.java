/**
 * The hush library. Only the API packages are exported: the front door {@code dev.hush.core}
 * and the packages of its commands, their results and the shared model. The pipeline's
 * internals ({@code format}, {@code detect}) are not, so they can change freely.
 */
module dev.hush.core {
    requires java.xml;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.eclipse.jgit;
    requires org.snakeyaml.engine;
    requires tools.jackson.core;
    requires tools.jackson.databind;
    requires tools.jackson.dataformat.toml;

    exports dev.hush.core;
    exports dev.hush.core.baseline;
    exports dev.hush.core.config;
    exports dev.hush.core.git;
    exports dev.hush.core.history;
    exports dev.hush.core.migrate;
    exports dev.hush.core.model;
    exports dev.hush.core.report;
    exports dev.hush.core.rules;
    exports dev.hush.core.scan;
}

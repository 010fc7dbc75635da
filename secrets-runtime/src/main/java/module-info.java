/** Reads Compose secrets at start-up: the file first, then {@code KEY_FILE}, then {@code KEY}. */
module dev.hush.runtime {
    exports dev.hush.runtime;
}

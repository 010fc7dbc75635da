package dev.hush.core.detect;

/** Tells whether a file of the scanned project is tracked by git or ignored by it. */
public interface GitFacts {
    /** Facts for a folder that is not a git work tree: nothing tracked, nothing ignored. */
    GitFacts NONE = same(false, false, false);

    /** Facts for a blob read from git history: it was committed, so it is tracked. */
    GitFacts COMMITTED = same(true, false, true);

    /** Returns facts that say the same of every path. */
    static GitFacts same(boolean tracked, boolean ignored, boolean repository) {
        return new GitFacts() {
            @Override
            public boolean isTracked(String path) {
                return tracked;
            }

            @Override
            public boolean isIgnored(String path) {
                return ignored;
            }

            @Override
            public boolean isRepository() {
                return repository;
            }
        };
    }

    /** Returns whether {@code path}, relative to the scanned root, is in git's index. */
    boolean isTracked(String path);

    /** Returns whether {@code path}, relative to the scanned root, is matched by a {@code .gitignore}. */
    boolean isIgnored(String path);

    /** Returns whether the scanned root is inside a git work tree. */
    boolean isRepository();
}

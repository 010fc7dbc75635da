package dev.hush.core.history;

import dev.hush.core.model.Card;
import dev.hush.core.model.Finding;
import dev.hush.core.model.Location;
import dev.hush.core.detect.Detector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Builds small git repositories in temp folders for history tests, with commits one hour
 * apart from a fixed date so that "oldest" is deterministic.
 */
final class GitFixture implements AutoCloseable {
    static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static final Pattern FAKE_SECRET = Pattern.compile("FAKE_SECRET_[A-Z0-9]+");

    final Git git;
    final Path workTree;
    private int commits;

    private GitFixture(Git git, Path workTree) {
        this.git = git;
        this.workTree = workTree;
    }

    /** Creates a repository with a {@code main} branch in {@code folder}. */
    static GitFixture init(Path folder) throws GitAPIException {
        return new GitFixture(Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call(), folder);
    }

    /** Writes {@code text} at {@code path} (relative, with {@code /}) in the work tree. */
    GitFixture write(String path, String text) {
        try {
            Path file = workTree.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code path} from the work tree and the index. */
    GitFixture delete(String path) throws GitAPIException {
        git.rm().addFilepattern(path).call();
        return this;
    }

    /** Stages everything and commits it by "Ada Lovelace", an hour after the previous commit. */
    RevCommit commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Ada Lovelace", "ada@example.com",
                EPOCH.plusSeconds(3600L * ++commits), ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    /** Returns the identity used for stashes and tags, at the next hour. */
    PersonIdent nextPerson() {
        return new PersonIdent("Ada Lovelace", "ada@example.com", EPOCH.plusSeconds(3600L * ++commits), ZoneOffset.UTC);
    }

    @Override
    public void close() {
        git.close();
    }

    /**
     * Finds {@code FAKE_SECRET_...} tokens as rule {@code fake-secret}, and reports content
     * with a NUL byte as binary: a stand-in for the detector that keeps these tests about the walk.
     */
    static final class FakeAnalyzer implements BlobAnalyzer {
        final List<String> paths = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Detector.Result analyze(String path, byte[] content) {
            paths.add(path);
            for (byte b : content) {
                if (b == 0) {
                    return new Detector.Result(List.of(), List.of(), List.of(), true);
                }
            }
            String text = new String(content, StandardCharsets.UTF_8);
            List<Finding> findings = new ArrayList<>();
            Matcher matcher = FAKE_SECRET.matcher(text);
            while (matcher.find()) {
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < matcher.start(); i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                findings.add(Finding.builder("fake-secret", Card.INLINE_SECRET,
                                Location.of(path, line, matcher.start() - lineStart + 1))
                        .secret(matcher.group())
                        .message("A fake secret is committed.")
                        .fix("Remove it.")
                        .build());
            }
            return new Detector.Result(findings, List.of(), List.of(), false);
        }
    }
}

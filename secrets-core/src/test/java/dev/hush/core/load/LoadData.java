package dev.hush.core.load;

import dev.hush.core.testing.CodeLikeText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/** Generates the trees and the repository that {@link UnderLoadTest} scans, quickly and reproducibly. */
final class LoadData {
    private static final String[] KINDS = {"java", "py", "md", "txt"};

    private LoadData() {
    }

    /** Returns about {@code size} bytes of code-like text lines. */
    static byte[] text(SplittableRandom random, int size) {
        return CodeLikeText.lines(random, size).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code count} small files (about 300 bytes) in folders of 200, one in a thousand a dotenv file with a secret. */
    static void smallFiles(Path root, int count) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        byte[][] bodies = new byte[64][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = text(random, 300);
        }
        for (int i = 0; i < count; i++) {
            Path dir = root.resolve(String.format("d%04d", i / 200));
            if (i % 200 == 0) {
                Files.createDirectories(dir);
            }
            if (i % 1000 == 0) {
                Files.writeString(dir.resolve("f" + i + ".env"), "APP_MODE=production\nDB_PASSWORD=Load-Test-Pw-"
                        + Integer.toHexString(i * 7919 + 1_000_003) + "x9\n");
            } else {
                Files.write(dir.resolve("f" + i + "." + KINDS[i % KINDS.length]), bodies[i % bodies.length]);
            }
        }
    }

    /** Writes {@code totalBytes} of text in files of about 1 MB, 200 to a folder. */
    static void bigTree(Path root, long totalBytes) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        byte[][] bodies = new byte[16][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = text(random, 1_000_000);
        }
        long written = 0;
        for (int i = 0; written < totalBytes; i++) {
            Path dir = root.resolve(String.format("m%03d", i / 200));
            if (i % 200 == 0) {
                Files.createDirectories(dir);
            }
            byte[] body = bodies[i % bodies.length];
            try (OutputStream out = Files.newOutputStream(dir.resolve("part" + i + "." + KINDS[i % KINDS.length]))) {
                out.write(("// part " + i + "\n").getBytes(StandardCharsets.UTF_8));
                out.write(body);
            }
            written += body.length;
        }
    }

    /**
     * Creates a bare repository at {@code gitDir} whose {@code main} has {@code commits} linear
     * commits, each changing one line of one of 50 files of about 1 KB in 5 folders, with one
     * planted secret every ten thousand commits. Objects go straight into one pack.
     */
    static void history(Path gitDir, int commits) throws Exception {
        SplittableRandom random = new SplittableRandom(13);
        try (Git git = Git.init().setBare(true).setGitDir(gitDir.toFile()).setInitialBranch("main").call()) {
            Repository repo = git.getRepository();
            int files = 50;
            int perDir = 10;
            byte[][] content = new byte[files][];
            ObjectId[] blobs = new ObjectId[files];
            ObjectId[] dirs = new ObjectId[files / perDir];
            ObjectId head = null;
            try (PackInserter inserter = ((ObjectDirectory) repo.getObjectDatabase()).newPackInserter()) {
                inserter.checkExisting(false);
                for (int f = 0; f < files; f++) {
                    content[f] = text(random, 1_000);
                    blobs[f] = inserter.insert(Constants.OBJ_BLOB, content[f]);
                }
                for (int d = 0; d < dirs.length; d++) {
                    dirs[d] = dirTree(inserter, blobs, d, perDir);
                }
                for (int n = 0; n < commits; n++) {
                    int f = random.nextInt(files);
                    String line = n % 10_000 == 5_000
                            // A literal in the files' own syntax: the detector reads code's values from its literals.
                            ? "    String DB_PASSWORD = \"Load-Hist-Pw-" + Integer.toHexString(n * 7919 + 1_000_003) + "x9\";\n"
                            : "    count = " + n + ";\n";
                    content[f] = replaceFirstLine(content[f], line);
                    blobs[f] = inserter.insert(Constants.OBJ_BLOB, content[f]);
                    dirs[f / perDir] = dirTree(inserter, blobs, f / perDir, perDir);
                    TreeFormatter root = new TreeFormatter();
                    for (int d = 0; d < dirs.length; d++) {
                        root.append("dir" + d, FileMode.TREE, dirs[d]);
                    }
                    CommitBuilder commit = new CommitBuilder();
                    commit.setTreeId(inserter.insert(root));
                    if (head != null) {
                        commit.setParentId(head);
                    }
                    PersonIdent who = new PersonIdent("Load", "load@example.com", (1_600_000_000L + n * 60L) * 1000, 0);
                    commit.setAuthor(who);
                    commit.setCommitter(who);
                    commit.setMessage("change " + n + "\n");
                    head = inserter.insert(commit);
                }
                inserter.flush();
            }
            RefUpdate update = repo.updateRef("refs/heads/main");
            update.setNewObjectId(head);
            update.setForceUpdate(true);
            update.update();
        }
    }

    private static ObjectId dirTree(PackInserter inserter, ObjectId[] blobs, int dir, int perDir) throws IOException {
        TreeFormatter tree = new TreeFormatter();
        for (int i = 0; i < perDir; i++) {
            int f = dir * perDir + i;
            // Git sorts tree entries by name: f00..f49 sort as numbers do.
            tree.append(String.format("f%02d.%s", f, KINDS[f % KINDS.length]), FileMode.REGULAR_FILE, blobs[f]);
        }
        return inserter.insert(tree);
    }

    private static byte[] replaceFirstLine(byte[] content, String line) {
        int end = 0;
        while (content[end] != '\n') {
            end++;
        }
        byte[] head = line.getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[head.length + content.length - end - 1];
        System.arraycopy(head, 0, result, 0, head.length);
        System.arraycopy(content, end + 1, result, head.length, content.length - end - 1);
        return result;
    }
}

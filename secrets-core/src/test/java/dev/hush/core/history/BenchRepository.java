package dev.hush.core.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Generates the repository that {@code scripts/bench-history} measures: a bare repository
 * with a long linear {@code main} (a few files edited a few lines at a time per commit, as
 * real projects are), short unmerged side branches, a tag every thousand commits, and
 * planted fake secrets that are added and later removed. The same arguments always give
 * the same objects: a fixed seed and fixed dates.
 *
 * <p>Usage: {@code BenchRepository [--small] <folder>}; writes {@code <folder>/repo.git} and
 * {@code <folder>/planted.tsv.tmp} (value, introducing commit, path), which the script
 * renames once the repository is packed.
 */
public final class BenchRepository {
    private static final String[] WORDS = words();
    private static final long START = 1_600_000_000L;

    private final Repository repo;
    private final ObjectInserter inserter;
    private final SplittableRandom random = new SplittableRandom(20240101L);
    private final int filesPerModule;
    private final List<List<String>> files = new ArrayList<>();
    private final ObjectId[] blobs;
    private final ObjectId[] modules;
    private final boolean[] dirtyModules;
    private List<String> compose;
    private ObjectId readme;
    private int commitCount;

    private BenchRepository(Repository repo, int fileCount, int filesPerModule) {
        this.repo = repo;
        this.inserter = repo.newObjectInserter();
        this.filesPerModule = filesPerModule;
        this.blobs = new ObjectId[fileCount];
        this.modules = new ObjectId[(fileCount + filesPerModule - 1) / filesPerModule];
        this.dirtyModules = new boolean[modules.length];
    }

    /** Generates the repository; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        boolean small = args.length == 2 && args[0].equals("--small");
        Path folder = Path.of(args[args.length - 1]);
        int commits = small ? 2_000 : 20_000;
        int fileCount = small ? 600 : 3_000;
        Path gitDir = folder.resolve("repo.git");
        try (Git git = Git.init().setBare(true).setGitDir(gitDir.toFile()).setInitialBranch("main").call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setInt("core", null, "looseCompression", 1);
            config.save();
            BenchRepository bench = new BenchRepository(git.getRepository(), fileCount, 50);
            long start = System.nanoTime();
            List<String> planted = bench.generate(commits);
            Files.write(folder.resolve("planted.tsv.tmp"), planted, StandardCharsets.UTF_8);
            System.out.printf("generated %d commits, %d files in %.1f s%n", bench.commitCount, fileCount,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private List<String> generate(int commits) throws IOException {
        for (int i = 0; i < blobs.length; i++) {
            List<String> lines = new ArrayList<>();
            // Sizes from 1 to about 40 KiB, skewed small as in real code bases.
            int count = 15 + (int) (Math.pow(random.nextDouble(), 2) * 900);
            for (int j = 0; j < count; j++) {
                lines.add(line());
            }
            files.add(lines);
            blobs[i] = blob(lines);
            dirtyModules[i / filesPerModule] = true;
        }
        compose = new ArrayList<>(List.of("services:", "  db:", "    image: postgres:16", "    environment:",
                "      POSTGRES_USER: app", "      POSTGRES_DB: app"));
        readme = blob(List.of("# bench", "A generated repository for scripts/bench-history."));
        ObjectId head = commit(new ObjectId[0], "initial import");

        List<String> planted = new ArrayList<>();
        int tokens = 10;
        int passwords = 2;
        int[] plantAt = new int[tokens + passwords];
        for (int i = 0; i < plantAt.length; i++) {
            plantAt[i] = 1 + (int) ((long) (commits - 2) * (i + 1) / (plantAt.length + 2));
        }
        int plantIndex = 0;
        int[] removeAt = new int[plantAt.length];
        String[] plantedValue = new String[plantAt.length];
        int[] plantedFile = new int[plantAt.length];
        for (int n = 1; n < commits; n++) {
            ObjectId previous = head;
            if (plantIndex < plantAt.length && n == plantAt[plantIndex]) {
                String value;
                String path;
                if (plantIndex < tokens) {
                    int file = random.nextInt(blobs.length);
                    value = "ghp_FAKE" + alnum(32);
                    List<String> lines = files.get(file);
                    lines.add(random.nextInt(lines.size()), "export GITHUB_TOKEN=" + value);
                    touch(file);
                    plantedFile[plantIndex] = file;
                    path = path(file);
                } else {
                    value = "Fake-Bench-Password-" + alnum(12);
                    // A key of its own per password, so two planted ones never make a duplicate key.
                    compose.add("      DB_PASSWORD_" + plantIndex + ": " + value);
                    path = "deploy/compose.yaml";
                    plantedFile[plantIndex] = -1;
                }
                plantedValue[plantIndex] = value;
                removeAt[plantIndex] = n + 50 + random.nextInt(500);
                head = commit(new ObjectId[] {previous}, "add configuration " + n);
                planted.add(value + "\t" + head.name() + "\t" + path);
                plantIndex++;
                continue;
            }
            for (int p = 0; p < plantIndex; p++) {
                if (removeAt[p] == n) {
                    String value = plantedValue[p];
                    if (plantedFile[p] >= 0) {
                        files.get(plantedFile[p]).removeIf(l -> l.contains(value));
                        touch(plantedFile[p]);
                    } else {
                        compose.removeIf(l -> l.contains(value));
                        String file = "      DB_PASSWORD_" + p + "_FILE: /run/secrets/db_password_" + p;
                        if (!compose.contains(file)) {
                            compose.add(file);
                        }
                    }
                }
            }
            int changed = 1 + random.nextInt(5);
            for (int c = 0; c < changed; c++) {
                edit(random.nextInt(blobs.length));
            }
            head = commit(new ObjectId[] {previous}, "change " + n);
            if (n % 1000 == 0) {
                tag("v" + (n / 1000) + ".0", head);
            }
            if (n % 2000 == 500) {
                sideBranch("topic-" + n, head);
            }
        }
        inserter.flush();
        setRef(Constants.R_HEADS + "main", head);
        return planted;
    }

    /** Commits a few edits on a branch that is never merged, then restores main's files. */
    private void sideBranch(String name, ObjectId base) throws IOException {
        List<List<String>> saved = new ArrayList<>();
        for (List<String> file : files) {
            saved.add(new ArrayList<>(file));
        }
        ObjectId[] savedBlobs = blobs.clone();
        ObjectId[] savedModules = modules.clone();
        ObjectId tip = base;
        for (int i = 0; i < 10; i++) {
            edit(random.nextInt(blobs.length));
            tip = commit(new ObjectId[] {tip}, "topic work " + i);
        }
        setRef(Constants.R_HEADS + name, tip);
        files.clear();
        files.addAll(saved);
        System.arraycopy(savedBlobs, 0, blobs, 0, blobs.length);
        System.arraycopy(savedModules, 0, modules, 0, modules.length);
    }

    private void edit(int file) throws IOException {
        List<String> lines = files.get(file);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            lines.set(random.nextInt(lines.size()), line());
        }
        if (random.nextInt(4) == 0) {
            lines.add(line());
        }
        touch(file);
    }

    private void touch(int file) throws IOException {
        blobs[file] = blob(files.get(file));
        dirtyModules[file / filesPerModule] = true;
    }

    private ObjectId commit(ObjectId[] parents, String message) throws IOException {
        for (int m = 0; m < modules.length; m++) {
            if (dirtyModules[m]) {
                TreeFormatter tree = new TreeFormatter();
                for (int f = m * filesPerModule; f < Math.min(blobs.length, (m + 1) * filesPerModule); f++) {
                    tree.append(String.format("file%04d.txt", f), FileMode.REGULAR_FILE, blobs[f]);
                }
                modules[m] = inserter.insert(tree);
                dirtyModules[m] = false;
            }
        }
        TreeFormatter src = new TreeFormatter();
        for (int m = 0; m < modules.length; m++) {
            src.append(String.format("mod%03d", m), FileMode.TREE, modules[m]);
        }
        TreeFormatter deploy = new TreeFormatter();
        deploy.append("compose.yaml", FileMode.REGULAR_FILE, blob(compose));
        TreeFormatter root = new TreeFormatter();
        root.append("README.md", FileMode.REGULAR_FILE, readme);
        root.append("deploy", FileMode.TREE, inserter.insert(deploy));
        root.append("src", FileMode.TREE, inserter.insert(src));
        PersonIdent who = new PersonIdent("Bench Author", "bench@example.com", (START + 600L * commitCount) * 1000, 0);
        commitCount++;
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(inserter.insert(root));
        commit.setParentIds(parents);
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage(message + "\n");
        return inserter.insert(commit);
    }

    private void tag(String name, ObjectId commit) throws IOException {
        setRef(Constants.R_TAGS + name, commit);
    }

    private void setRef(String name, ObjectId id) throws IOException {
        inserter.flush();
        RefUpdate update = repo.updateRef(name);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        update.update();
    }

    private String path(int file) {
        return String.format("src/mod%03d/file%04d.txt", file / filesPerModule, file);
    }

    private ObjectId blob(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder(lines.size() * 60);
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return inserter.insert(Constants.OBJ_BLOB, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String line() {
        StringBuilder line = new StringBuilder("    ");
        int words = 3 + random.nextInt(10);
        for (int i = 0; i < words; i++) {
            line.append(WORDS[random.nextInt(WORDS.length)]).append(i % 4 == 3 ? "(" : " ");
        }
        return line.append(random.nextInt(100_000)).append(';').toString();
    }

    private String alnum(int length) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(chars.charAt(random.nextInt(chars.length())));
        }
        return text.toString();
    }

    private static String[] words() {
        SplittableRandom random = new SplittableRandom(7);
        String[] words = new String[2_000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            int length = 2 + random.nextInt(9);
            for (int j = 0; j < length; j++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.toString();
        }
        return words;
    }
}

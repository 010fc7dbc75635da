package dev.hush.core.migrate;

import static dev.hush.core.migrate.SamplePlan.COMPOSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.core.Hush;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migrate command is one run, as the other commands are one call: plan, apply, undo, each once and in order. */
class MigrateCommandTest {
    @TempDir
    Path root;

    @BeforeEach
    void writeProject() throws Exception {
        Files.writeString(root.resolve("compose.yaml"), COMPOSE);
        Git.init().setDirectory(root.toFile()).call().close();
    }

    @Test
    void plansOnlyOnce() throws Exception {
        MigrateCommand migrate = Hush.migrate().root(root);
        migrate.plan();

        assertThatThrownBy(migrate::plan).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MigrateCommand.plan() was already called");
    }

    @Test
    void appliesOnlyOnceAndPlansNoMoreOnceApplied() throws Exception {
        MigrateCommand migrate = Hush.migrate().root(root);
        MigrationPlan plan = migrate.plan().plan();
        migrate.apply(plan);

        assertThatThrownBy(() -> migrate.apply(plan)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MigrateCommand.apply() was already called");
        assertThatThrownBy(migrate::plan).isInstanceOf(IllegalStateException.class);
        // The migration happened once: the compose file no longer holds the password.
        assertThat(Files.readString(root.resolve("compose.yaml"))).doesNotContain(SamplePlan.PASSWORD);
    }

    @Test
    void undoesWhatItAppliedOnceAndThenNothingMore() throws Exception {
        MigrateCommand migrate = Hush.migrate().root(root);
        MigrationPlan plan = migrate.plan().plan();
        migrate.apply(plan);
        migrate.undo();

        assertThat(Files.readString(root.resolve("compose.yaml"))).isEqualTo(COMPOSE);
        assertThatThrownBy(migrate::undo).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MigrateCommand.undo() was already called");
        assertThatThrownBy(() -> migrate.apply(plan)).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(root.resolve("compose.yaml"))).isEqualTo(COMPOSE);
    }

    @Test
    void fixesTheOptionsOnceAStepRan() throws Exception {
        MigrateCommand migrate = Hush.migrate().root(root);
        migrate.plan();

        assertThatThrownBy(() -> migrate.secretsDir("other")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MigrateCommand.plan() was already called");
        assertThatThrownBy(() -> migrate.skip(Set.of("POSTGRES_PASSWORD"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(migrate::recover).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void undoesOnlyOnceAndNeitherPlansNorAppliesAfterward() throws Exception {
        Hush.migrate().root(root).apply(Hush.migrate().root(root).plan().plan());
        MigrateCommand undo = Hush.migrate().root(root);
        undo.undo();

        assertThatThrownBy(undo::undo).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MigrateCommand.undo() was already called");
        assertThatThrownBy(undo::plan).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> undo.apply(MigrationPlan.builder().build())).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(root.resolve("compose.yaml"))).isEqualTo(COMPOSE);
    }

    @Test
    void appliesAPlanThatAFreshCommandMadeAfterTheUserChose() throws Exception {
        // The prompts plan once to ask, then plan again with the choices in a new command, and apply that plan.
        MigrateCommand migrate = Hush.migrate().root(root);
        migrate.recover();
        migrate.plan();
        MigrationPlan chosen = Hush.migrate().root(root).plan().plan();

        migrate.apply(chosen);

        assertThat(migrate.interrupted()).isEmpty();
        assertThat(Files.readString(root.resolve("compose.yaml"))).doesNotContain(SamplePlan.PASSWORD);
    }
}

package dev.hush.core.migrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The URL arithmetic of a rotation: which passwords are the value, and how the new one is written. */
class RotationPlannerTest {
    @Test
    void encodesEverythingButTheUnreservedCharactersOfRfc3986() {
        assertThat(RotationPlanner.encodePassword("a-Z_0.9~")).isEqualTo("a-Z_0.9~");
        assertThat(RotationPlanner.encodePassword("p@ss:w/rd%?#é")).isEqualTo("p%40ss%3Aw%2Frd%25%3F%23%C3%A9");
    }

    @Test
    void decodesPercentEscapesAsUtf8AndRefusesABrokenOne() {
        assertThat(RotationPlanner.decodePassword("p%40ss%3Aw%2Frd%25%3F%23%C3%A9")).hasValue("p@ss:w/rd%?#é");
        assertThat(RotationPlanner.decodePassword("100%")).isEmpty();
        assertThat(RotationPlanner.decodePassword("10%zz")).isEmpty();
        assertThat(RotationPlanner.decodePassword("plain")).isEmpty();
    }

    @Test
    void replacesOnlyPasswordPartsThatAreTheValueAsWrittenOrEncoded() {
        String text = "a=postgres://admin:admin@db/x b=redis://:p%40ss@cache c=http://admin:other@h admin";
        assertThat(RotationPlanner.replacePasswords(text, "admin", "NEW"))
                .isEqualTo("a=postgres://admin:NEW@db/x b=redis://:p%40ss@cache c=http://admin:other@h admin");
        assertThat(RotationPlanner.replacePasswords(text, "p@ss", "NEW"))
                .isEqualTo("a=postgres://admin:admin@db/x b=redis://:NEW@cache c=http://admin:other@h admin");
        assertThat(RotationPlanner.replacePasswords("no url here: example", "example", "NEW")).isEqualTo("no url here: example");
    }
}

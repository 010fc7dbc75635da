package dev.hush.core.migrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The places of a value in a shell script that hush may point at the secret, and the quoting there. */
class CommandPlanningTest {
    @Test
    void findsAValueAsAWordOrAsTheArgumentOfAOneLetterOption() {
        assertThat(CommandPlanning.occurrences("mysqladmin ping -pexample", "example")).containsExactly(18);
        assertThat(CommandPlanning.occurrences("redis-cli -a example ping", "example")).containsExactly(13);
        assertThat(CommandPlanning.occurrences("pg --password=example", "example")).containsExactly(14);
    }

    @Test
    void leavesTheSameLettersInsideALongerWord() {
        assertThat(CommandPlanning.occurrences("curl http://x/examples", "example")).isEmpty();
        assertThat(CommandPlanning.occurrences("run --pexample", "example")).isEmpty();
        assertThat(CommandPlanning.occurrences("my_example", "example")).isEmpty();
        assertThat(CommandPlanning.occurrences("counterexample", "example")).isEmpty();
    }

    @Test
    void tellsTheQuoteOpenAtAPlace() {
        assertThat(CommandPlanning.quoting("a 'b c' \"d", 9)).isEqualTo('"');
        assertThat(CommandPlanning.quoting("a 'b", 4)).isEqualTo('\'');
        assertThat(CommandPlanning.quoting("a \\' b", 5)).isEqualTo(' ');
        assertThat(CommandPlanning.quoting("a \"it's\" b", 9)).isEqualTo(' ');
    }

    @Test
    void rewritesOnlyValuesThatEveryQuotingReadsAlike() {
        assertThat(CommandPlanning.plain("hushTest-pw_1.2@x")).isTrue();
        assertThat(CommandPlanning.plain("has space")).isFalse();
        assertThat(CommandPlanning.plain("pa$$word")).isFalse();
        assertThat(CommandPlanning.plain("it's")).isFalse();
    }
}

package dev.troupe.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowTest {

    @Test
    void against_dividesByTheBaseline() {
        Row row = Row.of("x", 30, "B").against("baseline", 120);

        assertThat(row.ratio()).isEqualTo(0.25);
        assertThat(row.baseline()).isEqualTo("baseline");
    }

    @Test
    void target_atMost_isMetAtTheBound() {
        assertThat(Row.of("x", 1024, "B").target(Target.atMost(1024)).met()).isTrue();
        assertThat(Row.of("x", 1025, "B").target(Target.atMost(1024)).met()).isFalse();
    }

    @Test
    void target_atLeast_keepsTheBaseline() {
        Row row = Row.of("x", 10, "/s").against("b", 5).target(Target.atLeast(20));

        assertThat(row.met()).isFalse();
        assertThat(row.ratio()).isEqualTo(2.0);
    }

    @Test
    void numbers_areGroupedOrRoundedToAboutThreeDigits() {
        assertThat(Numbers.format(212_345.6)).isEqualTo("212,346");
        assertThat(Numbers.format(12.345)).isEqualTo("12.3");
        assertThat(Numbers.format(0.012345)).isEqualTo("0.0123");
        assertThat(Numbers.ratio(0.866)).isEqualTo("0.87x");
    }
}

package dev.troupe.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void of_oddCount_takesTheMiddleValue() {
        assertThat(Summary.of(5, 1, 3)).isEqualTo(new Summary(3, 1, 5, 3));
    }

    @Test
    void of_evenCount_averagesTheMiddleTwo() {
        assertThat(Summary.of(4, 1, 3, 10)).isEqualTo(new Summary(3.5, 1, 10, 4));
    }

    @Test
    void of_nothing_isRefused() {
        assertThatThrownBy(Summary::of).isInstanceOf(IllegalArgumentException.class);
    }
}

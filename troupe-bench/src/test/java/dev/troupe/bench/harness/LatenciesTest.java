package dev.troupe.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void quantileMillis_uniformMicroseconds_isWithinThreePercent() {
        Latencies latencies = new Latencies();
        for (long micros = 1; micros <= 10_000; micros++) {
            latencies.record(micros * 1_000);
        }
        assertThat(latencies.count()).isEqualTo(10_000);
        assertThat(latencies.quantileMillis(0.50)).isCloseTo(5.0, within(0.15));
        assertThat(latencies.quantileMillis(0.99)).isCloseTo(9.9, within(0.3));
    }

    @Test
    void quantileMillis_empty_isNaN() {
        assertThat(new Latencies().quantileMillis(0.5)).isNaN();
    }

    @Test
    void index_isMonotonic() {
        int previous = -1;
        for (long value = 0; value < 1L << 40; value = value * 3 / 2 + 1) {
            int index = Latencies.index(value);
            assertThat(index).isGreaterThanOrEqualTo(previous);
            assertThat(Latencies.middle(index)).isCloseTo(value, within(value * 0.04 + 1));
            previous = index;
        }
    }
}

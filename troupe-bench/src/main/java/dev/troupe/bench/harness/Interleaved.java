package dev.troupe.bench.harness;

import dev.troupe.bench.result.Numbers;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two sides of a same-run comparison measured in interleaved windows: both warm up once, then each
 * round measures both, the first side first in even rounds and second in odd ones, so that a drift of
 * the machine during the run weighs on both alike. Each side is a rate over one window.
 */
public final class Interleaved {
    private static final Logger LOG = LoggerFactory.getLogger(Interleaved.class);

    /** One side: measures its rate (per second) over about {@code window}. */
    @FunctionalInterface
    public interface Side {
        /** The side's rate, per second, measured over about {@code window}. */
        double rate(Duration window) throws InterruptedException;
    }

    /** The rates of both sides over the rounds. */
    public record Rates(Summary first, Summary second) {
    }

    private Interleaved() {
    }

    /**
     * Warms both sides up for {@code warmUp}, then measures {@code rounds} rounds of a {@code window}
     * per side, logging each round under {@code what} with the sides' {@code names}.
     */
    public static Rates run(String what, String[] names, Side first, Side second, int rounds, Duration warmUp,
                            Duration window) throws InterruptedException {
        first.rate(warmUp);
        second.rate(warmUp);
        double[] firsts = new double[rounds];
        double[] seconds = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 1) {
                seconds[round] = second.rate(window);
            }
            firsts[round] = first.rate(window);
            if (round % 2 == 0) {
                seconds[round] = second.rate(window);
            }
            LOG.info("{} round {}: {} {}/s, {} {}/s", what, round + 1, Numbers.format(firsts[round]), names[0],
                    Numbers.format(seconds[round]), names[1]);
        }
        return new Rates(Summary.of(firsts), Summary.of(seconds));
    }
}

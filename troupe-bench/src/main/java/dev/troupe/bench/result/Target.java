package dev.troupe.bench.result;

/**
 * A goal a measurement should reach, such as "at least 200,000 actions/s" or "at most 1,024 bytes".
 *
 * @param atLeast true if the value must be at least {@code bound}, false if at most
 * @param bound   the bound, in the unit of the measurement it belongs to
 */
public record Target(boolean atLeast, double bound) {

    /** A target the value must reach or exceed. */
    public static Target atLeast(double bound) {
        return new Target(true, bound);
    }

    /** A target the value must not exceed. */
    public static Target atMost(double bound) {
        return new Target(false, bound);
    }

    /** Whether {@code value} meets this target. */
    public boolean isMetBy(double value) {
        return atLeast ? value >= bound : value <= bound;
    }

    /** The target as a short phrase, {@code ">= 200,000"}. */
    public String describe() {
        return (atLeast ? ">= " : "<= ") + Numbers.format(bound);
    }
}

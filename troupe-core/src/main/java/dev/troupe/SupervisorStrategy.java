package dev.troupe;

import java.time.Duration;
import java.util.Objects;

/**
 * What a parent does when a turn of one of its children fails (see {@link ChildFailure}), declared per
 * parent type with {@link TypeOptions#supervision}. Immutable; each method returns a changed copy.
 *
 * <ul>
 *   <li>{@link #restart()} (the default), one-for-one: the failed child's activation is dropped and
 *       rebuilt from its last committed state, after a backoff. {@link #restartAll()}, all-for-one:
 *       every child of the parent is rebuilt so. {@link #fromInitialState()} rebuilds from the child's
 *       initial state instead, which is committed.</li>
 *   <li>{@link #stop()}: the child is destroyed, with its own children.</li>
 *   <li>{@link #escalate()}: the failure becomes the parent's own, reported to its parent; at the
 *       root of a tree it is logged.</li>
 *   <li>{@link #resume()}: nothing more happens; the failed turn was discarded and the child goes on.</li>
 * </ul>
 *
 * <p>Restarts back off exponentially: the n-th restart of a child within {@link #window()} waits
 * {@code min(maxBackoff, minBackoff * 2^(n-1))}, stretched by a random factor in
 * {@code [1, 1 + jitter)}. A child that already had {@link #maxRestarts()} restarts within the window
 * is not restarted again: the failure escalates.
 *
 * {@snippet :
 * Troupe.builder().register(TeamActor.class, type -> type
 *     .supervision(SupervisorStrategy.restart()
 *         .backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 0.2)
 *         .maxRestarts(5, Duration.ofMinutes(1))));
 * }
 */
public final class SupervisorStrategy {
    private static final SupervisorStrategy DEFAULT = new SupervisorStrategy(Directive.RESTART, false, false,
            Duration.ofMillis(100), Duration.ofSeconds(10), 0.2, 10, Duration.ofMinutes(1));

    /** What happens to a failed child. */
    public enum Directive {
        /** Rebuild the child (or, for all-for-one, every child) after a backoff. */
        RESTART,
        /** Destroy the child and its subtree. */
        STOP,
        /** Report the failure to the parent's own parent, as the parent's failure. */
        ESCALATE,
        /** Keep the child as it is. */
        RESUME
    }

    private final Directive directive;
    private final boolean allForOne;
    private final boolean fromInitialState;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final int maxRestarts;
    private final Duration window;

    private SupervisorStrategy(Directive directive, boolean allForOne, boolean fromInitialState, Duration minBackoff,
                               Duration maxBackoff, double jitter, int maxRestarts, Duration window) {
        this.directive = directive;
        this.allForOne = allForOne;
        this.fromInitialState = fromInitialState;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.jitter = jitter;
        this.maxRestarts = maxRestarts;
        this.window = window;
    }

    /** Restart the failed child only (one-for-one): backoff 100 ms to 10 s, jitter 0.2, 10 restarts a minute. */
    public static SupervisorStrategy restart() {
        return DEFAULT;
    }

    /** Restart every child of the parent when one fails (all-for-one), with the defaults of {@link #restart()}. */
    public static SupervisorStrategy restartAll() {
        return DEFAULT.with(Directive.RESTART, true);
    }

    /** Destroy the failed child and its subtree. */
    public static SupervisorStrategy stop() {
        return DEFAULT.with(Directive.STOP, false);
    }

    /** Hand the failure to the parent's own parent. */
    public static SupervisorStrategy escalate() {
        return DEFAULT.with(Directive.ESCALATE, false);
    }

    /** Let the child go on. */
    public static SupervisorStrategy resume() {
        return DEFAULT.with(Directive.RESUME, false);
    }

    private SupervisorStrategy with(Directive next, boolean all) {
        return new SupervisorStrategy(next, all, fromInitialState, minBackoff, maxBackoff, jitter, maxRestarts, window);
    }

    /** Restarts rebuild the child from its initial state ({@code initialState} with its spawn input), not its last commit. */
    public SupervisorStrategy fromInitialState() {
        return new SupervisorStrategy(directive, allForOne, true, minBackoff, maxBackoff, jitter, maxRestarts, window);
    }

    /**
     * The restart backoff: the first restart waits {@code min}, each next one twice as long, at most
     * {@code max}; each delay is stretched by a random factor in {@code [1, 1 + jitter)}.
     *
     * @throws TroupeException {@code config/invalid_registration} if {@code min} is negative, {@code max}
     *                         below it, or {@code jitter} outside {@code [0, 1]}
     */
    public SupervisorStrategy backoff(Duration min, Duration max, double jitter) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0 || !(jitter >= 0 && jitter <= 1)) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "backoff needs 0 <= min <= max and jitter in [0, 1]: "
                    + min + ", " + max + ", " + jitter);
        }
        return new SupervisorStrategy(directive, allForOne, fromInitialState, min, max, jitter, maxRestarts, window);
    }

    /**
     * At most {@code restarts} restarts of one child within {@code within}; the next failure escalates.
     *
     * @throws TroupeException {@code config/invalid_registration} if {@code restarts} is negative or
     *                         {@code within} not positive
     */
    public SupervisorStrategy maxRestarts(int restarts, Duration within) {
        Objects.requireNonNull(within, "within");
        if (restarts < 0 || within.isNegative() || within.isZero()) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION,
                    "maxRestarts needs restarts >= 0 and a positive window: " + restarts + ", " + within);
        }
        return new SupervisorStrategy(directive, allForOne, fromInitialState, minBackoff, maxBackoff, jitter, restarts,
                within);
    }

    /** What the strategy does with a failed child. */
    public Directive directive() {
        return directive;
    }

    /** Whether a restart restarts every child of the parent (all-for-one). */
    public boolean allForOne() {
        return allForOne;
    }

    /** Whether a restart rebuilds from the initial state rather than the last committed one. */
    public boolean restartsFromInitialState() {
        return fromInitialState;
    }

    /** The most restarts of one child within {@link #window()}. */
    public int maxRestarts() {
        return maxRestarts;
    }

    /** The window over which restarts are counted. */
    public Duration window() {
        return window;
    }

    /**
     * The delay before restart number {@code attempt} (1 for the first in the window), for a random
     * draw {@code random} in {@code [0, 1)}.
     */
    public Duration backoffFor(int attempt, double random) {
        long max = maxBackoff.toNanos();
        long delay = minBackoff.toNanos();
        for (int n = 1; n < attempt && delay < max; n++) {
            delay = Math.min(max, delay * 2);
        }
        return Duration.ofNanos(delay + (long) (delay * jitter * random));
    }

    @Override
    public String toString() {
        return directive + (allForOne ? " all-for-one" : "") + (fromInitialState ? " from initial state" : "")
                + ", backoff " + minBackoff + ".." + maxBackoff + " jitter " + jitter + ", at most " + maxRestarts
                + " restarts in " + window;
    }
}

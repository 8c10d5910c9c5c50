package dev.troupe;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an actor type keeps its turn history, set with {@link TypeOptions#history(java.util.function.Consumer)}:
 * whether failed turns are recorded, how often a checkpoint binds a full state snapshot to the chain,
 * and how much of the chain is kept.
 *
 * {@snippet :
 * .register(AccountActor.class, type -> type.history(history -> history
 *     .checkpointEvery(50)
 *     .keepEntries(10_000)
 *     .recordFailures(true)))
 * }
 *
 * <p>Retention drops only entries older than a checkpoint, so what is kept always starts at one and
 * stays verifiable from there. With both limits set, an entry is kept while either limit keeps it.
 * Not thread-safe; used only while building a {@link Troupe}.
 */
public final class HistoryOptions {
    /** Checkpoints unless set otherwise: every hundredth entry (and the first). */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 100;

    private boolean recordFailures;
    private int checkpointEvery = DEFAULT_CHECKPOINT_INTERVAL;
    private long keepEntries = Long.MAX_VALUE;
    private @Nullable Duration keepFor;

    HistoryOptions() {
    }

    /**
     * Whether turns that throw get an entry too (a failure entry, which changes no state); off unless
     * set.
     */
    public HistoryOptions recordFailures(boolean value) {
        this.recordFailures = value;
        return this;
    }

    /** Every how many entries a checkpoint is written (the first entry of a chain always is one). */
    public HistoryOptions checkpointEvery(int entries) {
        if (entries < 1) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "checkpointEvery must be >= 1: " + entries);
        }
        this.checkpointEvery = entries;
        return this;
    }

    /** Keeps at least the newest {@code entries} entries (and what leads back to their checkpoint). */
    public HistoryOptions keepEntries(long entries) {
        if (entries < 1) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "keepEntries must be >= 1: " + entries);
        }
        this.keepEntries = entries;
        return this;
    }

    /** Keeps at least the entries of the last {@code age} (and what leads back to their checkpoint). */
    public HistoryOptions keepFor(Duration age) {
        Objects.requireNonNull(age, "age");
        if (age.isNegative() || age.isZero()) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "keepFor must be positive: " + age);
        }
        this.keepFor = age;
        return this;
    }

    /** Whether failed turns are recorded. */
    public boolean recordsFailures() {
        return recordFailures;
    }

    /** The checkpoint interval in entries. */
    public int checkpointInterval() {
        return checkpointEvery;
    }

    /** How many newest entries are kept at least; {@link Long#MAX_VALUE} for all. */
    public long keptEntries() {
        return keepEntries;
    }

    /** How long entries are kept at least; null unless set. */
    public @Nullable Duration keptFor() {
        return keepFor;
    }

    /** Whether any retention limit is set. */
    public boolean prunes() {
        return keepEntries != Long.MAX_VALUE || keepFor != null;
    }
}

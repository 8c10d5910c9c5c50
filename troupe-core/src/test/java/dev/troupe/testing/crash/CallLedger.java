package dev.troupe.testing.crash;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What a run of counter increments did, per key: how many calls were sent, and how each one that
 * ended did end, acknowledged with the count it returned or failed with an error code. Sent and ended
 * differ by the calls still in flight, or in doubt when their process was killed.
 *
 * <p>A {@link WorkerProcess} feeds it from its worker's {@code SENT}/{@code ACK}/{@code FAILED} lines;
 * calls made in the test's own JVM feed it through {@link #increment(String, LongSupplier)}, so both
 * sides of a two-process test are tallied alike. Thread-safe.
 */
public final class CallLedger {
    private final Map<String, KeyLedger> keys = new ConcurrentHashMap<>();
    private final AtomicLong totalAcks = new AtomicLong();

    /**
     * How one increment ended.
     *
     * @param value the count the increment returned, if acknowledged
     * @param error the qualified error code ({@code actor/fenced}) if it failed, else null
     */
    public record Outcome(long value, @Nullable String error) {

        /** An acknowledged increment that returned {@code value}. */
        public static Outcome ack(long value) {
            return new Outcome(value, null);
        }

        /** A failed increment. */
        public static Outcome failure(String error) {
            return new Outcome(0, Objects.requireNonNull(error, "error"));
        }

        /** Whether the increment was acknowledged. */
        public boolean acked() {
            return error == null;
        }

        /** Whether the increment failed with {@code code}. */
        public boolean failedWith(ErrorCode code) {
            return code.qualified().equals(error);
        }
    }

    private static final class KeyLedger {
        final AtomicLong sent = new AtomicLong();
        final List<Outcome> outcomes = new ArrayList<>();
    }

    /** Records that an increment of {@code key} is about to be sent. */
    public void recordSent(String key) {
        ledger(key).sent.incrementAndGet();
    }

    /** Records how an increment of {@code key} ended. */
    public void recordOutcome(String key, Outcome outcome) {
        KeyLedger ledger = ledger(key);
        synchronized (ledger) {
            ledger.outcomes.add(outcome);
        }
        if (outcome.acked()) {
            totalAcks.incrementAndGet();
        }
    }

    /**
     * Runs one increment in this JVM and records it: sent before {@code call} runs, then its
     * acknowledgement or the code of the {@link TroupeException} it threw.
     *
     * @return how it ended
     */
    public Outcome increment(String key, LongSupplier call) {
        recordSent(key);
        Outcome outcome;
        try {
            outcome = Outcome.ack(call.getAsLong());
        } catch (TroupeException e) {
            outcome = Outcome.failure(e.error().qualifiedCode());
        }
        recordOutcome(key, outcome);
        return outcome;
    }

    /** Increments of {@code key} sent so far. */
    public long sent(String key) {
        KeyLedger ledger = keys.get(key);
        return ledger == null ? 0 : ledger.sent.get();
    }

    /** The outcomes of {@code key}'s increments, in the order they were recorded. */
    public List<Outcome> outcomes(String key) {
        KeyLedger ledger = keys.get(key);
        if (ledger == null) {
            return List.of();
        }
        synchronized (ledger) {
            return List.copyOf(ledger.outcomes);
        }
    }

    /** The counts that acknowledged increments of {@code key} returned, in the order recorded. */
    public List<Long> acks(String key) {
        return outcomes(key).stream().filter(Outcome::acked).map(Outcome::value).toList();
    }

    /** The highest count an acknowledged increment of {@code key} returned, or 0 if none was. */
    public long maxAck(String key) {
        return acks(key).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The error codes of the failed increments of {@code key}, in the order recorded. */
    public List<String> failures(String key) {
        return outcomes(key).stream().filter(o -> !o.acked()).map(Outcome::error).toList();
    }

    /** The keys that have at least one acknowledged call. */
    public List<String> ackedKeys() {
        return keys.keySet().stream().filter(key -> !acks(key).isEmpty()).sorted().toList();
    }

    /** Increments acknowledged so far, over all keys. */
    public long totalAcks() {
        return totalAcks.get();
    }

    private KeyLedger ledger(String key) {
        return keys.computeIfAbsent(key, k -> new KeyLedger());
    }
}

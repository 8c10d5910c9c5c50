package dev.troupe.bench.http;

import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/*
 * What a load test knows about one counter: how many increments were acknowledged, how many are in
 * doubt (answered with an error or not at all, so they may or may not have applied), and which counts
 * the acknowledgements returned. A correct server answers each acknowledged increment with a distinct
 * count, and its final count lies between the acknowledged increments and those plus the doubtful ones.
 * Thread-safe: the callers on one key share it.
 */
final class KeyLedger {
    private final String key;
    private final BitSet answered = new BitSet();
    private long acknowledged;
    private long inDoubt;
    private long duplicates;
    private long firstDuplicate = -1;
    private long highestAnswer;

    KeyLedger(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    synchronized void acknowledged(long count) {
        acknowledged++;
        highestAnswer = Math.max(highestAnswer, count);
        if (count < 1 || count > Integer.MAX_VALUE) {
            duplicates++;
            firstDuplicate = firstDuplicate < 0 ? count : firstDuplicate;
            return;
        }
        if (answered.get((int) count)) {
            duplicates++;
            firstDuplicate = firstDuplicate < 0 ? count : firstDuplicate;
        }
        answered.set((int) count);
    }

    synchronized void inDoubt() {
        inDoubt++;
    }

    synchronized long acknowledgedCount() {
        return acknowledged;
    }

    synchronized long inDoubtCount() {
        return inDoubt;
    }

    /** Checks the ledger against the count read at the end, reporting each problem found. */
    synchronized void check(long finalCount, Consumer<String> problems) {
        if (finalCount < acknowledged) {
            problems.accept(key + ": " + acknowledged + " increments acknowledged but the count is " + finalCount
                    + " (acknowledged writes lost)");
        }
        if (finalCount > acknowledged + inDoubt) {
            problems.accept(key + ": the count is " + finalCount + " after " + acknowledged + " acknowledged and "
                    + inDoubt + " doubtful increments (increments applied twice)");
        }
        if (duplicates > 0) {
            problems.accept(key + ": " + duplicates + " acknowledgements repeated a count (first: " + firstDuplicate
                    + "); each increment must answer a count of its own");
        }
        if (highestAnswer > finalCount) {
            problems.accept(key + ": an increment answered " + highestAnswer + " but the final count is " + finalCount);
        }
    }

    static List<KeyLedger> of(List<String> keys) {
        return keys.stream().map(KeyLedger::new).toList();
    }
}

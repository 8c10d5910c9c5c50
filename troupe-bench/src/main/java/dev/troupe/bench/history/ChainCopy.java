package dev.troupe.bench.history;

import dev.troupe.demo.Counter;
import dev.troupe.ActorContract;
import dev.troupe.Key;
import dev.troupe.store.ActorRecord;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.Store;
import java.util.List;

/** Copies one counter and its whole history from one store to another through the store SPI. */
final class ChainCopy {
    private static final int BATCH = 1_000;

    private ChainCopy() {
    }

    /** Copies the counter under {@code key}; returns its id. Closes {@code target}. */
    static String copy(Store source, Store target, Key key) {
        String type = Counter.class.getAnnotation(ActorContract.class).value();
        ActorRecord record = source.find(type, key).orElseThrow();
        List<HistoryEntry> entries = source.history(record.id(), 0, Integer.MAX_VALUE);
        try (target) {
            target.create(record.withEpoch(1), List.of(), entries.subList(0, 1));
            for (int from = 1; from < entries.size(); from += BATCH) {
                List<HistoryEntry> batch = entries.subList(from, Math.min(entries.size(), from + BATCH));
                boolean last = from + BATCH >= entries.size();
                target.commit(List.of(new ActorWrite(record.id(), 1, last ? record.state() : null, record.stateVersion(),
                        List.of(), batch, null)));
            }
        }
        return record.id();
    }
}

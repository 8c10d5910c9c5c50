package dev.troupe.runtime;

import dev.troupe.store.StorageChange;
import java.util.List;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * An awake actor's key–value storage in memory: what the store held when the activation first used
 * it, with the changes of every completed turn applied since, durable or not yet (as the activation's
 * state runs ahead of durability). A failed commit unloads the activation, and with it this copy, so
 * the next turn reads the store again. Turns of the actor apply changes one at a time; read-only turns
 * may read beside them, hence a concurrent map.
 *
 * The pages of the actor's SQL database ({@code #sql/...}) are not kept here: they are handed once to the
 * database ({@link #takeSqlPages}), which is from then on what they hold, and changes to them are skipped.
 */
final class ActorStorage {
    private final ConcurrentSkipListMap<String, byte[]> values;
    private @Nullable SortedMap<String, byte[]> sqlPages;

    ActorStorage(NavigableMap<String, byte[]> stored) {
        this.values = new ConcurrentSkipListMap<>(stored);
        NavigableMap<String, byte[]> pages = values.subMap(ActorSql.PREFIX, true, ActorSql.PREFIX + Character.MAX_VALUE, true);
        this.sqlPages = new TreeMap<>(pages);
        pages.clear();
    }

    /** The SQL database's pages as loaded, for the one time the database opens in this activation. */
    synchronized SortedMap<String, byte[]> takeSqlPages() {
        SortedMap<String, byte[]> pages = sqlPages;
        if (pages == null) {
            throw new IllegalStateException("the SQL pages were taken already");
        }
        sqlPages = null;
        return pages;
    }

    @Nullable byte[] get(String key) {
        return values.get(key);
    }

    /** The keys starting with {@code prefix}, in order. */
    List<String> keys(String prefix) {
        if (prefix.isEmpty()) {
            return List.copyOf(values.keySet());
        }
        return values.tailMap(prefix, true).keySet().stream().takeWhile(key -> key.startsWith(prefix)).toList();
    }

    /** Applies a completed turn's changes, in order. */
    void apply(List<StorageChange> changes) {
        for (StorageChange change : changes) {
            if (change.key().startsWith(ActorSql.PREFIX)) {
                continue;
            }
            if (change.deletes()) {
                values.remove(change.key());
            } else {
                values.put(change.key(), change.value());
            }
        }
    }
}

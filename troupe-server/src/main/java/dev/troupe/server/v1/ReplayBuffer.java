package dev.troupe.server.v1;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The latest messages of one event stream, by position, for a client that resumes: at most {@code
 * capacity}, the oldest dropped first. Not thread-safe: the stream guards it.
 */
final class ReplayBuffer {
    private record Entry(long seq, String text) {
    }

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();

    /** A buffer of at most {@code capacity} messages. */
    ReplayBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Keeps the message at {@code seq}, the position after the newest kept. */
    void add(long seq, String text) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(seq, text));
    }

    /**
     * The messages after position {@code seq}, oldest first, when the newest is at {@code current}:
     * empty if {@code seq} is the newest; null if some message after {@code seq} is no longer kept.
     */
    @Nullable List<String> after(long seq, long current) {
        long oldest = entries.isEmpty() ? current + 1 : entries.getFirst().seq();
        if (seq < oldest - 1) {
            return null;
        }
        List<String> missed = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.seq() > seq) {
                missed.add(entry.text());
            }
        }
        return missed;
    }
}

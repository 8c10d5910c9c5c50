package dev.troupe.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each supervised child was restarted, for the strategies' "at most n restarts within a window".
 * In memory: after a process restart every child starts with a clean window. Thread-safe.
 */
final class RestartWindows {
    private final Map<String, Deque<Instant>> restartsByChild = new ConcurrentHashMap<>();

    /** The restarts of {@code childId} within {@code window} before {@code now}; older ones are dropped. */
    int count(String childId, Instant now, Duration window) {
        Deque<Instant> restarts = restartsByChild.get(childId);
        if (restarts == null) {
            return 0;
        }
        synchronized (restarts) {
            Instant from = now.minus(window);
            while (!restarts.isEmpty() && !restarts.peekFirst().isAfter(from)) {
                restarts.pollFirst();
            }
            return restarts.size();
        }
    }

    /** {@code childId} is being restarted at {@code now}. */
    void record(String childId, Instant now) {
        Deque<Instant> restarts = restartsByChild.computeIfAbsent(childId, id -> new ArrayDeque<>());
        synchronized (restarts) {
            restarts.addLast(now);
        }
    }

    /** The child is gone. */
    void forget(String childId) {
        restartsByChild.remove(childId);
    }
}

package dev.troupe.testkit;

import dev.troupe.Actor;
import dev.troupe.Input;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** Implements {@link Gate} with one latch per key, shared by the JVM's tests (use distinct keys). */
public final class GateActor extends Actor<GateActor.State> implements Gate {
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    /** No state. */
    public record State() {
    }

    /** Lets every turn waiting at the gate of {@code key} (and every later one) through. */
    public static void open(String key) {
        latch(key).countDown();
    }

    private static CountDownLatch latch(String key) {
        return GATES.computeIfAbsent(key, k -> new CountDownLatch(1));
    }

    @Override
    protected State initialState(Input input) {
        return new State();
    }

    @Override
    public void pass() {
        try {
            latch(key().part(0)).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
    }
}

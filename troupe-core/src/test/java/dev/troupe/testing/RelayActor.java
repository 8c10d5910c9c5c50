package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.Key;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** Implements {@link Relay}. */
public final class RelayActor extends Actor<RelayActor.State> implements Relay {
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    /** The state: how many calls passed through. */
    public record State(int hops) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    public String forward(List<String> path) {
        if (path.isEmpty()) {
            return key().part(0);
        }
        Relay next = actor(Relay.class, Key.of(path.getFirst()));
        return key().part(0) + ">" + next.forward(path.subList(1, path.size()));
    }

    @Override
    public String waitForGate() {
        try {
            gate(key().part(0)).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        update(s -> new State(s.hops() + 1));
        return "opened";
    }

    /** The gate that {@link #waitForGate()} of the relay keyed {@code name} waits at; open it with countDown. */
    public static CountDownLatch gate(String name) {
        return GATES.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    @Override
    public int hops() {
        return state().hops();
    }
}

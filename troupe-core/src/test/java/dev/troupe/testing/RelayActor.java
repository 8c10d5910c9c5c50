package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.Key;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Implements {@link Relay}. */
public final class RelayActor extends Actor<RelayActor.State> implements Relay {
    /** Released by tests to let {@link #waitForGate()} answer. */
    public static volatile CountDownLatch gate = new CountDownLatch(1);

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
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "opened";
    }
}

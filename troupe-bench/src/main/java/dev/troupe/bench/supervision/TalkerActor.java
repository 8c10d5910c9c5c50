package dev.troupe.bench.supervision;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.Key;

/** Implements {@link Talker}; its state counts its turns, so each one writes as a real sender would. */
public final class TalkerActor extends Actor<TalkerActor.State> implements Talker {
    /** The state: turns so far. */
    public record State(long turns) {
    }

    @Override
    protected State initialState(Input input) {
        return new State(0);
    }

    @Override
    public void send(String tallyKey) {
        send(Tally.class, Key.of(tallyKey)).add(1);
        update(s -> new State(s.turns() + 1));
    }

    @Override
    public long request(String tallyKey) {
        long count = actor(Tally.class, Key.of(tallyKey)).add(1);
        update(s -> new State(s.turns() + 1));
        return count;
    }
}

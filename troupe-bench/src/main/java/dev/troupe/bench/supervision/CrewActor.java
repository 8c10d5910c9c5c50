package dev.troupe.bench.supervision;

import dev.troupe.Actor;
import dev.troupe.Input;

/** The {@link Crew}: it only spawns; it keeps nothing. */
public final class CrewActor extends Actor<CrewActor.State> implements Crew {
    /** No state worth keeping. */
    public record State() {
    }

    @Override
    protected State initialState(Input input) {
        return new State();
    }

    @Override
    public int spawn(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            children().spawn(Hand.class, prefix + i);
        }
        return count;
    }

    @Override
    public String spawnOne(String name) {
        children().spawn(Hand.class, name);
        return children().list().stream().filter(child -> child.name().equals(name)).findFirst().orElseThrow()
                .key().toJson();
    }
}

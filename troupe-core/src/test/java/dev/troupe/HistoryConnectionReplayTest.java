package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.history.History;
import dev.troupe.history.ReplayReport;
import dev.troupe.store.HistoryEntry;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Connect and disconnect turns are in the history and replay: a connect's outcome is null (the live
 * connection the transport gets is not a value of the turn), as replay with its stand-in gives it.
 */
class HistoryConnectionReplayTest {

    @Test
    void replay_ofAnActorThatWasSubscribedTo_reproducesTheChain() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore())
                .register(CounterActor.class, type -> type.history()).build()) {
            Counter counter = troupe.actor(Counter.class, Key.of("watched"));
            counter.increment(1);
            try (Subscription ignored = troupe.ref(Counter.class, Key.of("watched")).subscribe((name, args) -> { }, "newCount")) {
                counter.increment(2);
            }
            counter.increment(3);

            History history = troupe.history(Counter.class, Key.of("watched"));
            List<HistoryEntry> entries = history.entries(0, 100);
            assertThat(entries).anySatisfy(entry -> {
                assertThat(entry.message()).contains("\"kind\":\"connect\"");
                assertThat(entry.outcome()).isEqualTo("{\"result\":null}");
            });
            ReplayReport replay = history.replay();
            assertThat(replay.deterministic()).as(replay.problem()).isTrue();
            assertThat(history.stateAt(entries.getLast().seq()).path("count").asLong()).isEqualTo(6);
        }
    }
}

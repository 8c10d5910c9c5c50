package dev.troupe.runtime;

import dev.troupe.host.Address;
import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Caller;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.store.ActorWrite;
import dev.troupe.store.MemoryStore;
import dev.troupe.store.ScheduleChange;
import dev.troupe.store.ScheduleRecord;
import dev.troupe.testing.CounterActor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Write coalescing merges the writes of turns but keeps each turn's record, in order. */
class PendingWriteTest {
    private final Troupe troupe = Troupe.builder().store(new MemoryStore()).register(CounterActor.class).build();

    @AfterEach
    void close() {
        troupe.close();
    }

    /** An empty pending write of a new activation, which nobody submits. */
    private PendingWrite openWrite(long epoch) {
        ActorRuntime runtime = (ActorRuntime) troupe.host();
        ActorType type = runtime.type("test-counter");
        Activation activation = new Activation(runtime, type, new Address(type.name(), Key.of("w")));
        return new PendingWrite(activation, 1, "actor-1", epoch);
    }

    @Test
    void coalescedTurns_keepARecordEach_andSealToTheNewestStateAndEveryScheduleChange() throws Exception {
        PendingWrite write = openWrite(3);
        CounterActor.State zero = new CounterActor.State(0);
        CounterActor.State one = new CounterActor.State(1);
        ScheduleChange put = new ScheduleChange.Put(
                new ScheduleRecord("s1", "actor-1", Instant.parse("2030-01-01T00:00:00Z"), "increment", "[1]"));
        ScheduleChange remove = new ScheduleChange.Remove("s0");
        TurnRecord first = record(zero, one, List.of(put));
        TurnRecord second = record(one, one, List.of(remove));
        TurnRecord third = record(one, new CounterActor.State(3), List.of());

        assertThat(write.merge(first, null)).isTrue();
        assertThat(write.merge(second, null)).isTrue();
        assertThat(write.merge(third, null)).isTrue();
        ActorWrite sealed = write.seal();

        assertThat(write.records()).containsExactly(first, second, third);
        assertThat(write.turns()).isEqualTo(3);
        assertThat(sealed.state()).isEqualTo("{\"count\":3}");
        assertThat(sealed.epoch()).isEqualTo(3);
        assertThat(sealed.scheduleChanges()).containsExactly(put, remove);
        assertThat(write.merge(record(one, zero, List.of()), null)).isFalse();
    }

    @Test
    void writeOfScheduleChangesOnly_carriesNoState() throws Exception {
        PendingWrite write = openWrite(1);
        CounterActor.State same = new CounterActor.State(5);

        write.merge(record(same, same, List.of(new ScheduleChange.Remove("s9"))), null);

        assertThat(write.seal().state()).isNull();
    }

    private static TurnRecord record(Object before, Object after, List<ScheduleChange> changes) {
        return new TurnRecord(TurnKind.ACTION, "increment", null, Caller.system("test"), null, null, before, after,
                changes, List.of(), List.of(), List.of(), List.of(), null, List.of());
    }
}

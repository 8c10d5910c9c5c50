package dev.troupe.runtime;

import dev.troupe.host.Address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.Caller;
import dev.troupe.Children;
import dev.troupe.Contents;
import dev.troupe.Key;
import dev.troupe.TestTypes;
import dev.troupe.TimeSource;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.store.ScheduleChange;
import dev.troupe.testing.CounterActor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A turn needs only a {@link TurnScope}: built, bound and recorded here without a runtime. */
class TurnTest {
    private static final Caller CALLER = Caller.system("test");

    private static final ActorType TYPE = ActorType.of(TestTypes.definitionOf(CounterActor.class), TestTypes.defaults());

    private final TimeSource time = new FixedTime(Instant.parse("2030-01-01T00:00:00Z"));
    private final ActorBehaviour behaviour = TYPE.newBehaviour();
    private final TurnScope scope = new StubScope(behaviour, time);

    @Test
    void turn_runsWithoutARuntime_andItsRecordHoldsWhatItDid() throws Exception {
        CounterActor.State before = new CounterActor.State(1);
        Turn turn = new Turn(scope, TurnKind.ACTION, "increment", null, before, CALLER, CallChain.EMPTY, null);

        Turn previous = turn.bind();
        long result;
        try {
            result = (long) behaviour.invoke(turn, "increment", new Object[] {2L});
            turn.schedules().after(Duration.ofSeconds(5), "increment", 1L);
        } finally {
            Turn.restore(previous);
        }
        TurnRecord record = turn.record(result, null, List.of());

        assertThat(record.stateBefore()).isSameAs(before);
        assertThat(record.stateAfter()).isEqualTo(new CounterActor.State(3));
        assertThat(record.result()).isEqualTo(3L);
        assertThat(record.wrote()).isTrue();
        assertThat(record.events()).extracting(Turn.Event::name).containsExactly("newCount");
        assertThat(record.scheduleChanges()).singleElement().isInstanceOfSatisfying(ScheduleChange.Put.class, put -> {
            assertThat(put.schedule().actorId()).isEqualTo("actor-1");
            assertThat(put.schedule().dueAt()).isEqualTo(time.instant().plusSeconds(5));
        });
        assertThat(record.effects()).isEmpty();
    }

    @Test
    void discardedTurn_leavesNoTrace() throws Exception {
        CounterActor.State before = new CounterActor.State(1);
        Turn turn = new Turn(scope, TurnKind.TIMER, "increment", null, before, CALLER, CallChain.EMPTY, null);
        Turn previous = turn.bind();
        try {
            behaviour.invoke(turn, "increment", new Object[] {2L});
            turn.requestSleep();
        } finally {
            Turn.restore(previous);
        }

        turn.discard();
        TurnRecord record = turn.record(null, null, List.of());

        assertThat(record.stateAfter()).isSameAs(before);
        assertThat(record.wrote()).isFalse();
        assertThat(record.events()).isEmpty();
        assertThat(turn.sleepRequested()).isFalse();
    }

    @Test
    void readOnlyTurn_mayReadButNotWrite() throws Exception {
        Turn turn = new Turn(scope, TurnKind.READ_ONLY, "count", null, new CounterActor.State(4), CALLER,
                CallChain.EMPTY, null);
        Turn previous = turn.bind();
        try {
            assertThat(behaviour.invoke(turn, "count", new Object[0])).isEqualTo(4L);
            assertThatThrownBy(() -> behaviour.invoke(turn, "increment", new Object[] {1L}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("@ReadOnly");
        } finally {
            Turn.restore(previous);
        }
    }

    /** A clock that stands still: a turn reads the time but sets no wake-ups of its own. */
    private record FixedTime(Instant instant) implements TimeSource {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public Wakeup schedule(Instant at, Runnable task) {
            throw new UnsupportedOperationException("a unit-test turn sets no wake-ups");
        }
    }

    /** One actor, no connections, a clock that stands still, no other actors to call. */
    private record StubScope(ActorBehaviour behaviour, TimeSource time) implements TurnScope {
        @Override
        public Contents contents() {
            throw new UnsupportedOperationException("a unit-test turn has no content store");
        }

        @Override
        public Address address() {
            return new Address(TYPE.name(), Key.of("unit"));
        }

        @Override
        public @Nullable String id() {
            return "actor-1";
        }

        @Override
        public ActorType type() {
            return TYPE;
        }

        @Override
        public Set<ActorConnection> connections() {
            return Set.of();
        }

        @Override
        public ActorStorage storage() {
            throw new UnsupportedOperationException("a unit-test turn stores nothing");
        }

        @Override
        public ActorSql sql() {
            throw new UnsupportedOperationException("a unit-test turn has no SQL");
        }

        @Override
        public <C> C handle(Class<C> contract, Key key) {
            throw new UnsupportedOperationException("a unit-test turn calls no other actor");
        }

        @Override
        public Object call(String type, Key key, String action, com.fasterxml.jackson.databind.JsonNode args) {
            throw new UnsupportedOperationException("a unit-test turn calls no other actor");
        }

        @Override
        public Children children() {
            throw new UnsupportedOperationException("a unit-test turn has no children");
        }
    }
}

package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorContext;
import dev.troupe.testing.CounterActor;
import java.util.Collection;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * A Java actor reaches the context of the call it runs in, and only that: the binding is per thread
 * and per instance, and a call nested in another on the same thread gets its own and gives it back.
 */
class ClassBehaviourTest {
    private static final ClassDefinition COUNTER = ClassDefinition.of(CounterActor.class);

    @Test
    void anAction_readsTheStateOfTheContextItIsCalledWith() throws Exception {
        ActorBehaviour behaviour = COUNTER.newBehaviour();

        assertThat(behaviour.invoke(new StateContext(() -> new CounterActor.State(7)), "count", new Object[0]))
                .isEqualTo(7L);
    }

    @Test
    void aCallNestedOnTheSameThread_seesItsOwnContext_andTheOuterCallGetsItsBack() throws Exception {
        ActorBehaviour outer = COUNTER.newBehaviour();
        ActorBehaviour inner = COUNTER.newBehaviour();
        StateContext innerContext = new StateContext(() -> new CounterActor.State(2));
        Object[] seenInside = new Object[1];
        StateContext outerContext = new StateContext(() -> {
            try {
                seenInside[0] = inner.invoke(innerContext, "count", new Object[0]);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return new CounterActor.State(5);
        });

        assertThat(outer.invoke(outerContext, "count", new Object[0])).isEqualTo(5L);
        assertThat(seenInside[0]).isEqualTo(2L);
    }

    @Test
    void anInstance_usedOutsideItsCalls_failsFast_evenWhileAnotherInstanceRunsOnTheThread() throws Exception {
        CounterActor stray = new CounterActor();
        ActorBehaviour running = COUNTER.newBehaviour();
        StateContext context = new StateContext(() -> {
            assertThatThrownBy(stray::count).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside a turn of this actor");
            return new CounterActor.State(1);
        });

        assertThat(running.invoke(context, "count", new Object[0])).isEqualTo(1L);
        assertThatThrownBy(stray::count).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a turn of this actor");
    }

    /** A context that only has a state, computed by {@code reader} each time it is read. */
    private record StateContext(Supplier<Object> reader) implements ActorContext {
        @Override
        public Object state() {
            return reader.get();
        }

        @Override
        public void setState(Object next) {
            throw unused();
        }

        @Override
        public Key key() {
            throw unused();
        }

        @Override
        public String id() {
            throw unused();
        }

        @Override
        public Caller caller() {
            throw unused();
        }

        @Override
        public @Nullable Connection connection() {
            return null;
        }

        @Override
        public void broadcast(String event, Object... args) {
            throw unused();
        }

        @Override
        public void broadcastNow(String event, Object... args) {
            throw unused();
        }

        @Override
        public Collection<Connection> connections() {
            throw unused();
        }

        @Override
        public Schedules schedules() {
            throw unused();
        }

        @Override
        public dev.troupe.Sql sql() {
            throw unused();
        }

        @Override
        public dev.troupe.Storage storage() {
            throw unused();
        }

        @Override
        public Workflows workflows() {
            throw unused();
        }

        @Override
        public void waitUntil(java.util.concurrent.CompletionStage<?> work) {
            throw unused();
        }

        @Override
        public void keepAwake(java.time.Duration duration) {
            throw unused();
        }

        @Override
        public Contents contents() {
            throw unused();
        }

        @Override
        public Timers timers() {
            throw unused();
        }

        @Override
        public <C> C actor(Class<C> contract, Key key) {
            throw unused();
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode call(String type, Key key, String action,
                                                            com.fasterxml.jackson.databind.JsonNode args) {
            throw unused();
        }

        @Override
        public <C> C send(Class<C> contract, Key key) {
            throw unused();
        }

        @Override
        public void enqueue(Class<?> contract, Key key, String queue, Object message) {
            throw unused();
        }

        @Override
        public Channel openChannel(Class<?> contract, Key key, @Nullable Object message) {
            throw unused();
        }

        @Override
        public Collection<Channel> channels() {
            throw unused();
        }

        @Override
        public ReplyHandle deferReply() {
            throw unused();
        }

        @Override
        public boolean reply(ReplyHandle handle, @Nullable Object result) {
            throw unused();
        }

        @Override
        public boolean replyError(ReplyHandle handle, TroupeException error) {
            throw unused();
        }

        @Override
        public void requestSleep() {
            throw unused();
        }

        @Override
        public void requestDestroy() {
            throw unused();
        }

        @Override
        public Children children() {
            throw unused();
        }

        @Override
        public void finish(@Nullable Object result) {
            throw unused();
        }

        @Override
        public dev.troupe.Effects effects() {
            throw unused();
        }

        @Override
        public Logger logger() {
            throw unused();
        }

        private static UnsupportedOperationException unused() {
            return new UnsupportedOperationException("these tests read only the state");
        }
    }
}

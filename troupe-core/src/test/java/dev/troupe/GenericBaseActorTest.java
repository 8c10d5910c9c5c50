package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.store.MemoryStore;
import org.junit.jupiter.api.Test;

/** An actor class may extend a generic base class of {@link Actor} (as troupe-agent's {@code Agent<S>} does). */
class GenericBaseActorTest {

    /** A reusable base that passes its state type on. */
    public abstract static class Base<S> extends Actor<S> {
        protected final String salute(String name) {
            return "hello " + name;
        }
    }

    /** A second level that binds nothing itself. */
    public abstract static class Middle<T> extends Base<T> {
    }

    /** A contract. */
    @ActorContract("test-generic-base")
    public interface Greeter {
        String greet(String name);
    }

    /** Its state type comes through two generic bases. */
    public static final class GreeterActor extends Middle<GreeterActor.State> implements Greeter {
        /** The state: how many greetings. */
        public record State(long greeted) {
        }

        @Override
        protected State initialState(Input input) {
            return new State(0);
        }

        @Override
        public String greet(String name) {
            State next = update(s -> new State(s.greeted() + 1));
            return salute(name + " #" + next.greeted());
        }
    }

    /** A contract. */
    @ActorContract("test-unbound")
    public interface Unbound {
        void noop();
    }

    /** Leaves the state type open: refused. */
    public static final class UnboundActor<X> extends Base<X> implements Unbound {
        @Override
        protected X initialState(Input input) {
            return null;
        }

        @Override
        public void noop() {
        }
    }

    @Test
    void stateType_isResolvedThroughGenericBaseClasses() {
        try (Troupe troupe = Troupe.builder().store(new MemoryStore()).register(GreeterActor.class).build()) {
            Greeter greeter = troupe.actor(Greeter.class, Key.of("g"));

            assertThat(greeter.greet("ada")).isEqualTo("hello ada #1");
            assertThat(greeter.greet("bob")).isEqualTo("hello bob #2");
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void stateType_leftOpen_isRefusedAtRegistration() {
        Class<? extends Actor<?>> open = (Class) UnboundActor.class;
        assertThatThrownBy(() -> Troupe.builder().store(new MemoryStore()).register(open).build())
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.getMessage())
                        .contains("the state type must be concrete"));
    }
}

package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.host.HostedAction;
import dev.troupe.json.Json;
import dev.troupe.store.MemoryStore;
import dev.troupe.testing.Counter;
import dev.troupe.testing.CounterActor;
import java.util.Collections;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class BadInputTest {

    private static void fails(ErrorCode code, String messagePart, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TroupeException.class, e -> {
            assertThat(e.error().qualifiedCode()).isEqualTo(code.qualified());
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void key_withTooManyParts_isInvalid() {
        fails(ErrorCode.INVALID_KEY, "at most 8 parts", () -> Key.of("1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    @Test
    void key_withEmptyOrNullPart_isInvalid() {
        fails(ErrorCode.INVALID_KEY, "key part 1 is empty", () -> Key.of("a", ""));
        fails(ErrorCode.INVALID_KEY, "key part 0 is null", () -> Key.of((String) null));
    }

    @Test
    void key_withOversizedParts_isInvalid() {
        fails(ErrorCode.INVALID_KEY, "129 UTF-8 bytes", () -> Key.of("x".repeat(129)));
        fails(ErrorCode.INVALID_KEY, "UTF-8 bytes", () -> Key.of("é".repeat(65)));
        assertThat(Key.of(Collections.nCopies(8, "y".repeat(128))).size()).isEqualTo(8);
    }

    @Test
    void key_roundTripsThroughItsCanonicalForm() {
        Key key = Key.of("acme", "gen\"eral", "ü");
        assertThat(Key.fromJson(key.toJson())).isEqualTo(key);
        fails(ErrorCode.INVALID_KEY, "not a JSON array", () -> Key.fromJson("{\"a\":1}"));
    }

    @Test
    void unknownType_isTypeNotFound() {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            fails(ErrorCode.TYPE_NOT_FOUND, "no actor type 'nope'", () -> troupe.host().type("nope"));
            fails(ErrorCode.TYPE_NOT_FOUND, "Runnable", () -> troupe.ref(Runnable.class, Key.of("a")));
        }
    }

    @Test
    void unknownAction_isActionNotFound() {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            fails(ErrorCode.ACTION_NOT_FOUND, "has no action 'explode'",
                    () -> troupe.host().type("test-counter").action("explode"));
        }
    }

    @Test
    void jsonArguments_ofWrongArityOrType_areInvalidArgs() throws Exception {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            HostedAction increment = troupe.host().type("test-counter").action("increment");
            assertThat(increment.decodeArgs(json("[5]"))).containsExactly(5L);
            fails(ErrorCode.INVALID_ARGS, "takes 1 argument(s), got 0", () -> increment.decodeArgs(json("[]")));
            fails(ErrorCode.INVALID_ARGS, "takes 1 argument(s), got 2", () -> increment.decodeArgs(json("[1,2]")));
            fails(ErrorCode.INVALID_ARGS, "must be long", () -> increment.decodeArgs(json("[\"5\"]")));
            fails(ErrorCode.INVALID_ARGS, "must be long", () -> increment.decodeArgs(json("[1.5]")));
            fails(ErrorCode.INVALID_ARGS, "must not be null", () -> increment.decodeArgs(json("[null]")));
            fails(ErrorCode.INVALID_ARGS, "must be a JSON array", () -> increment.decodeArgs(json("{\"a\":1}")));
            HostedAction send = troupe.host().type("test-relay").action("forward");
            fails(ErrorCode.INVALID_ARGS, "must be List", () -> send.decodeArgs(json("[[1]]")));
            fails(ErrorCode.INVALID_ARGS, "must be List", () -> send.decodeArgs(json("[\"a\"]")));
        }
    }

    @Test
    void jsonArguments_thatDoNotFit_areExplainedInOurWords_notJacksons() throws Exception {
        try (Troupe troupe = TroupeTestSupport.memory()) {
            HostedAction increment = troupe.host().type("test-counter").action("increment");
            HostedAction forward = troupe.host().type("test-relay").action("forward");
            assertThat(messageOf(() -> increment.decodeArgs(json("[\"5\"]"))))
                    .isEqualTo("argument 0 (amount) of increment must be long: expected an integer, got a string");
            assertThat(messageOf(() -> increment.decodeArgs(json("[1.5]"))))
                    .isEqualTo("argument 0 (amount) of increment must be long: expected an integer, got a number");
            assertThat(messageOf(() -> forward.decodeArgs(json("[[1]]"))))
                    .isEqualTo("argument 0 (path) of forward must be List: at /0: expected a string, got an integer");
            assertThat(messageOf(() -> forward.decodeArgs(json("[\"a\"]"))))
                    .isEqualTo("argument 0 (path) of forward must be List: expected an array, got a string");
        }
    }

    private static String messageOf(ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable e) {
            assertThat(e).isInstanceOf(TroupeException.class);
            return ((TroupeException) e).error().message();
        }
        throw new AssertionError("expected request/invalid_args");
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void registrations_thatBreakTheRules_areRefusedWithTheirReason() {
        assertInvalid("a store is required", b -> Troupe.builder().register(CounterActor.class).build());
        assertInvalid("register at least one actor type", b -> Troupe.builder().store(new MemoryStore()).build());
        assertInvalid("registered twice", b -> b.register(CounterActor.class).register(CounterActor.class).build());
        assertInvalid("must be concrete", b -> b.register(AbstractActor.class).build());
        assertInvalid("exactly one @ActorContract", b -> b.register(NoContract.class).build());
        assertInvalid("overloads 'go'", b -> b.register(Overloading.class).build());
        assertInvalid("must match", b -> b.register(BadName.class).build());
        assertInvalid("public no-argument constructor", b -> b.register(NoDefaultConstructor.class).build());
        assertInvalid("needs an upcaster", b -> b.register(CounterActor.class, t -> t.stateVersion(3)
                .upcaster(1, n -> n)).build());
        assertInvalid("sleepAfter must be positive", b -> b.register(CounterActor.class,
                t -> t.sleepAfter(java.time.Duration.ZERO)).build());
    }

    private static void assertInvalid(String messagePart, Consumer<Troupe.Builder> build) {
        fails(ErrorCode.INVALID_REGISTRATION, messagePart, () -> build.accept(Troupe.builder().store(new MemoryStore())));
    }

    /** Not a concrete class. */
    public abstract static class AbstractActor extends Actor<String> implements Counter {
    }

    /** Implements no contract. */
    public static final class NoContract extends Actor<String> {
        @Override
        protected String initialState(Input input) {
            return "";
        }
    }

    /** A contract with an overloaded action. */
    @ActorContract("overloading")
    public interface Overloaded {
        void go();

        void go(int speed);
    }

    /** Implements the overloaded contract. */
    public static final class Overloading extends Actor<String> implements Overloaded {
        @Override
        protected String initialState(Input input) {
            return "";
        }

        @Override
        public void go() {
        }

        @Override
        public void go(int speed) {
        }
    }

    /** A contract whose type name breaks the naming rule. */
    @ActorContract("Bad_Name")
    public interface BadlyNamed {
        void go();
    }

    /** Implements the badly named contract. */
    public static final class BadName extends Actor<String> implements BadlyNamed {
        @Override
        protected String initialState(Input input) {
            return "";
        }

        @Override
        public void go() {
        }
    }

    /** A contract for the constructor rule. */
    @ActorContract("no-default-constructor")
    public interface Constructed {
        void go();
    }

    /** Has no no-argument constructor. */
    public static final class NoDefaultConstructor extends Actor<String> implements Constructed {
        private final String name;

        public NoDefaultConstructor(String name) {
            this.name = name;
        }

        @Override
        protected String initialState(Input input) {
            return name;
        }

        @Override
        public void go() {
        }
    }
}

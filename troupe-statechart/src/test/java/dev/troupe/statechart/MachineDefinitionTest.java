package dev.troupe.statechart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import org.junit.jupiter.api.Test;

/** Definitions that cannot work are refused when the machine is built, with the state named. */
class MachineDefinitionTest {
    private static final Implementations NONE = Implementations.none();

    @Test
    void unknownTarget_isRefused() {
        assertInvalid("""
                {"id": "m", "initial": "a", "states": {"a": {"on": {"GO": "nowhere"}}}}""",
                "state '#m.a' on 'GO': the target 'nowhere' names no state");
    }

    @Test
    void unknownIdTarget_isRefused() {
        assertInvalid("""
                {"id": "m", "initial": "a", "states": {"a": {"on": {"GO": "#m.b"}}}}""",
                "the target '#m.b' names no state");
    }

    @Test
    void compoundStateWithoutInitial_isRefused() {
        assertInvalid("""
                {"id": "m", "initial": "a", "states": {"a": {"states": {"x": {}, "y": {}}}}}""",
                "state '#m.a': a compound state needs 'initial' (one of [x, y])");
    }

    @Test
    void initialThatIsNotAChild_isRefused() {
        assertInvalid("""
                {"id": "m", "initial": "z", "states": {"a": {}}}""",
                "state '#m': the initial state 'z' is not one of its states [a]");
    }

    @Test
    void guardWithoutImplementation_isRefused() {
        assertInvalid("""
                {"id": "m", "initial": "a", "states": {"a": {"on": {"GO": {"target": "a",
                 "guard": {"type": "and", "guards": ["known", "missing"]}}}}}}""",
                Implementations.builder().guard("known", (c, e) -> true).build(),
                "the guard 'missing' has no implementation");
    }

    @Test
    void actionWithoutImplementation_isRefused() {
        assertInvalid("""
                {"id": "m", "initial": "a", "states": {"a": {"entry": ["log"]}}}""",
                "state 'a': the action 'log' has no implementation");
    }

    @Test
    void rootTargetWithoutDot_isRefused() {
        assertInvalid("""
                {"id": "m", "initial": "a", "on": {"GO": "a"}, "states": {"a": {}}}""",
                "the target 'a' is not valid from the root; did you mean '.a'?");
    }

    @Test
    void invokeAndV4InternalFlag_areRefused() {
        assertInvalid("""
                {"id": "m", "initial": "a", "states": {"a": {"invoke": {"src": "x"}}}}""",
                "state 'a': 'invoke' is not supported by this engine");
        assertInvalid("""
                {"id": "m", "initial": "a", "states": {"a": {"on": {"GO": {"target": "a", "internal": true}}}}}""",
                "'internal' is not supported in a transition (XState v5 uses 'reenter')");
    }

    @Test
    void namedDelay_isRefused() {
        assertInvalid("""
                {"id": "m", "initial": "a", "states": {"a": {"after": {"soon": "a"}}}}""",
                "the delay 'soon' is not a whole number of milliseconds");
    }

    @Test
    void invalidJson_isRefused() {
        assertInvalid("{\"id\": ", "a machine definition is not valid JSON");
    }

    @Test
    void builderAndJson_defineTheSameMachine() {
        MachineBuilder builder = Machine.builder("m")
                .root(root -> root.initial("a")
                        .state("a", s -> s.entry("log").on("GO", e -> e.target("b").guard("ok").actions("log")))
                        .state("b", s -> s.after(100, e -> e.target("a")).always(e -> e.target("a").guard("ok"))));
        assertThat(builder.toJson().toString()).isEqualTo("""
                {"id":"m","initial":"a","states":{"a":{"entry":["log"],"on":{"GO":[{"target":["b"],"guard":"ok",\
                "actions":["log"]}]}},"b":{"after":{"100":[{"target":["a"]}]},"always":[{"target":["a"],"guard":"ok"}]}}}""");
        Implementations impl = Implementations.builder().guard("ok", (c, e) -> true).effect("log").build();
        assertThat(builder.build(impl).id()).isEqualTo(Machine.fromJson(builder.toJson(), impl).id()).isEqualTo("m");
    }

    private static void assertInvalid(String json, String message) {
        assertInvalid(json, NONE, message);
    }

    private static void assertInvalid(String json, Implementations implementations, String message) {
        assertThatThrownBy(() -> Machine.fromJson(json, implementations))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INVALID_REGISTRATION)).isTrue())
                .hasMessageContaining(message);
    }
}

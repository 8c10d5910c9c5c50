package dev.troupe.statechart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import org.junit.jupiter.api.Test;

/** The pure transition function: actions as data, input, loops, done machines, snapshots as JSON. */
class TransitionTest {
    @Test
    void alwaysLoop_failsWithLoopDetected_andTheSnapshotStaysUsable() {
        Machine machine = Machine.fromJson("""
                {"id": "loop", "initial": "a", "states": {"a": {"on": {"GO": "b", "STAY": {}}},
                 "b": {"always": "c"}, "c": {"always": "b"}}}""", Implementations.none());
        Snapshot start = Statecharts.initialTransition(machine, null).snapshot();

        assertThatThrownBy(() -> Statecharts.transition(machine, start, event("GO")))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.MACHINE_LOOP)).isTrue();
                    assertThat(e.status()).isEqualTo(422);
                })
                .hasMessageContaining("machine 'loop' took more than 10000 microsteps for event 'GO'");
        assertThat(start.value()).isEqualTo(TextNode.valueOf("a"));
        assertThat(Statecharts.transition(machine, start, event("STAY")).snapshot().value().asText()).isEqualTo("a");
    }

    @Test
    void delaysSendsAndEmits_areReturnedAsData_inOrder() {
        Implementations impl = Implementations.builder()
                .sendTo("notify", (c, e) -> "mailer/" + c.path("user").asText(), (c, e) -> event("WAITING"))
                .sendParent("report", (c, e) -> event("CHILD_WAITING"))
                .emit("announce", (c, e) -> event("waiting"))
                .build();
        Machine machine = Machine.fromJson("""
                {"id": "m", "initial": "idle", "context": {"user": "ann"}, "states": {
                  "idle": {"on": {"GO": {"target": "waiting", "actions": ["report"]}}},
                  "waiting": {"entry": ["notify", "announce"], "after": {"5000": "idle"}, "on": {"STOP": "idle"}}}}""", impl);
        Transition go = Statecharts.transition(machine, Statecharts.initialTransition(machine, null).snapshot(), event("GO"));

        assertThat(go.actions()).containsExactly(
                new Action.SendParent("report", event("CHILD_WAITING")),
                new Action.SendTo("notify", "mailer/ann", event("WAITING")),
                new Action.Emit("announce", event("waiting")),
                new Action.Schedule(Action.AFTER_SCHEDULE, "xstate.after.5000.m.waiting",
                        event("xstate.after.5000.m.waiting"), 5000));
        assertThat(Statecharts.transition(machine, go.snapshot(), event("STOP")).actions())
                .containsExactly(new Action.Cancel(Action.AFTER_CANCEL, "xstate.after.5000.m.waiting"));
        assertThat(Statecharts.transition(machine, go.snapshot(), event("xstate.after.5000.m.waiting"))
                .snapshot().matches("idle")).isTrue();
    }

    @Test
    void input_makesTheInitialContext() {
        Implementations impl = Implementations.builder()
                .context((defined, input) -> defined.put("owner", input.path("owner").asText()))
                .build();
        Machine machine = Machine.fromJson("""
                {"id": "m", "context": {"items": []}, "initial": "a", "states": {"a": {}}}""", impl);

        Snapshot snapshot = Statecharts.initialTransition(machine, json("{\"owner\": \"ann\"}")).snapshot();

        assertThat(snapshot.context()).isEqualTo(json("{\"items\": [], \"owner\": \"ann\"}"));
    }

    @Test
    void doneMachine_ignoresEvents_andKeepsItsOutput() {
        Machine machine = Machine.fromJson("""
                {"id": "m", "initial": "a", "output": {"ok": true}, "states": {"a": {"on": {"END": "end"}},
                 "end": {"type": "final"}}}""", Implementations.none());
        Snapshot done = Statecharts.transition(machine, Statecharts.initialTransition(machine, null).snapshot(),
                event("END")).snapshot();

        assertThat(done.status()).isEqualTo(Snapshot.Status.DONE);
        assertThat(done.output()).isEqualTo(json("{\"ok\": true}"));
        Transition ignored = Statecharts.transition(machine, done, event("END"));
        assertThat(ignored.snapshot()).isSameAs(done);
        assertThat(ignored.actions()).isEmpty();
    }

    @Test
    void snapshot_roundTripsThroughJson_historyAndRegionOrderIncluded() {
        Machine machine = Machine.fromJson("""
                {"id": "m", "initial": "on", "states": {
                  "on": {"initial": "a", "on": {"OFF": "off"}, "states": {"h": {"type": "history"}, "a": {"on": {"NEXT": "b"}}, "b": {}}},
                  "off": {"on": {"BACK": "on.h"}}}}""", Implementations.none());
        Snapshot snapshot = Statecharts.initialTransition(machine, null).snapshot();
        snapshot = Statecharts.transition(machine, snapshot, event("NEXT")).snapshot();
        snapshot = Statecharts.transition(machine, snapshot, event("OFF")).snapshot();

        ObjectNode json = snapshot.toJson();
        assertThat(json).isEqualTo(json("""
                {"value": "off", "context": {}, "status": "active", "historyValue": {"m.on.h": ["m.on.b"]},
                 "configuration": ["m", "m.off"]}"""));
        Snapshot restored = Snapshot.fromJson(machine, json);
        assertThat(Statecharts.transition(machine, restored, event("BACK")).snapshot().value())
                .isEqualTo(json("{\"on\": \"b\"}"));
    }

    @Test
    void snapshotOfAnotherMachine_isRefused() {
        Machine one = Machine.fromJson("{\"id\": \"one\"}", Implementations.none());
        Machine two = Machine.fromJson("{\"id\": \"two\"}", Implementations.none());
        Snapshot snapshot = Statecharts.initialTransition(one, null).snapshot();

        assertThatThrownBy(() -> Statecharts.transition(two, snapshot, event("X")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("restore it with Snapshot.fromJson");
        assertThatThrownBy(() -> Statecharts.transition(one, snapshot, JsonNodeFactory.instance.objectNode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an event must be an object with a string 'type'");
    }

    @Test
    void matchesState_followsXState() {
        JsonNode value = json("{\"a\": {\"b\": \"c\"}, \"d\": \"e\"}");

        assertThat(Statecharts.matchesState(TextNode.valueOf("a"), value)).isTrue();
        assertThat(Statecharts.matchesState(TextNode.valueOf("a.b"), value)).isTrue();
        assertThat(Statecharts.matchesState(TextNode.valueOf("a.b.c"), value)).isTrue();
        assertThat(Statecharts.matchesState(json("{\"d\": \"e\", \"a\": \"b\"}"), value)).isTrue();
        assertThat(Statecharts.matchesState(TextNode.valueOf("a.x"), value)).isFalse();
        assertThat(Statecharts.matchesState(TextNode.valueOf("d.e.f"), value)).isFalse();
        assertThat(Statecharts.matchesState(TextNode.valueOf("x"), TextNode.valueOf("x"))).isTrue();
        assertThat(Statecharts.matchesState(json("{\"x\": \"y\"}"), TextNode.valueOf("x"))).isFalse();
    }

    private static ObjectNode event(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

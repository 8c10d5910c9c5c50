package dev.troupe.statechart.actor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.json.Json;
import dev.troupe.statechart.Action;
import dev.troupe.statechart.Machine;
import dev.troupe.statechart.Statecharts;
import dev.troupe.statechart.Transition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stored state a machine actor writes from its {@link MachineState} is byte for byte the JSON tree
 * {@code {"snapshot": Snapshot.toJson(), "delays": {...}}} the actors stored before it, and a stored state
 * loads and writes itself again unchanged.
 */
class MachineStateTest {
    private static final Machine MACHINE = ProbeMachine.machine();

    @Test
    void writesTheStoredTreeByteForByteAlongARun() throws Exception {
        MachineState state = MachineState.of(Statecharts.initialTransition(MACHINE, null).snapshot());
        Map<String, String> delays = new LinkedHashMap<>();
        int scheduled = 0;
        for (String type : new String[] {"START", "NOTE", "START", "PING", "STOP", "NOTE", "START", "xstate.after.300.probe.waiting"}) {
            ObjectNode event = Json.mapper().createObjectNode().put("type", type).put("text", "draft " + type);
            event.putObject("caller").put("type", "client").put("id", "caller-" + (scheduled % 2));
            Transition transition = Statecharts.transition(MACHINE, state.snapshot(), event);
            for (Action action : transition.actions()) {
                if (action instanceof Action.Schedule schedule) {
                    delays.put(schedule.id(), "schedule-" + scheduled++);
                } else if (action instanceof Action.Cancel cancel) {
                    delays.remove(cancel.id());
                }
            }
            state = state.with(transition.snapshot(), new LinkedHashMap<>(delays));
            assertThat(Json.mapper().writeValueAsString(state)).as("after %s", type).isEqualTo(tree(state, delays));
        }
        assertThat(scheduled).as("delays were scheduled along the run").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aStoredStateLoadsAndWritesItselfUnchanged() throws Exception {
        String stored = """
                {"snapshot":{"value":"waiting","context":{"public":{"log":[{"type":"PING","n":1.5,"big":12345678901234,\
                "caller":{"type":"client","id":"c\\"1"}}],"arrivals":2},"private":{"c\\"1":{"draft":"é ✓"}}},\
                "status":"active","historyValue":{},"configuration":["probe","probe.waiting"]},\
                "delays":{"xstate.after.300.probe.waiting":"s-7","other":"s-9"}}""";
        MachineState state = MachineState.read(MACHINE, Json.mapper().readTree(stored));
        assertThat(Json.mapper().writeValueAsString(state)).isEqualTo(stored);
        assertThat(state.delays()).containsExactly(Map.entry("xstate.after.300.probe.waiting", "s-7"), Map.entry("other", "s-9"));
    }

    @Test
    void aStateWithoutDelaysWritesAnEmptyObjectAndIsKeptWhenNothingChanges() throws Exception {
        JsonNode stored = Json.mapper().readTree("""
                {"snapshot":{"value":"idle","context":{"public":{"log":[],"arrivals":0},"private":{}},\
                "status":"active","historyValue":{},"configuration":["probe","probe.idle"]}}""");
        MachineState state = MachineState.read(MACHINE, stored);
        assertThat(Json.mapper().writeValueAsString(state)).endsWith(",\"delays\":{}}");
        assertThat(state.with(state.snapshot(), new LinkedHashMap<>())).isSameAs(state);
        assertThat(state.with(state.snapshot(), Map.of("d", "s"))).isNotSameAs(state);
    }

    private static String tree(MachineState state, Map<String, String> delays) throws Exception {
        ObjectNode tree = Json.mapper().createObjectNode();
        tree.set(StoredMachine.SNAPSHOT, state.snapshot().toJson());
        ObjectNode pending = tree.putObject(StoredMachine.DELAYS);
        delays.forEach(pending::put);
        return Json.mapper().writeValueAsString(tree);
    }
}

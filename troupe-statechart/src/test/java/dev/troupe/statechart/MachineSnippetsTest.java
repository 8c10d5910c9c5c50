package dev.troupe.statechart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The Javadoc and guide examples, compiled and run (regions are quoted by {@code @snippet}). */
class MachineSnippetsTest {
    private static final ObjectNode NO_FIELDS = JsonNodeFactory.instance.objectNode();

    @Test
    void json() {
        // @start region=json
        Implementations implementations = Implementations.builder()
                .guard("hasCredit", (context, event) -> context.path("credit").asInt() > 0)
                .assign("spend", (context, event) -> context.put("credit", context.path("credit").asInt() - 1))
                .effect("beep")
                .build();
        Machine machine = Machine.fromJson("""
                {"id": "vending", "initial": "idle", "context": {"credit": 2},
                 "states": {
                   "idle": {"on": {"COIN": {"target": "vending", "guard": "hasCredit", "actions": "spend"}}},
                   "vending": {"entry": "beep", "after": {"1000": "idle"}}}}
                """, implementations);
        Transition start = Statecharts.initialTransition(machine, null);
        Transition coin = Statecharts.transition(machine, start.snapshot(), event("COIN"));
        // coin.actions(): Assign[spend], Effect[beep], Schedule[xstate.after.1000.vending.vending after 1000 ms]
        // @end
        assertThat(coin.snapshot().matches("vending")).isTrue();
        assertThat(coin.actions()).extracting(Action::name).containsExactly("spend", "beep", Action.AFTER_SCHEDULE);
    }

    @Test
    void builder() {
        // @start region=builder
        Machine machine = Machine.builder("door")
                .root(root -> root.initial("closed")
                        .state("closed", s -> s.on("OPEN", "opened"))
                        .state("opened", s -> s.entry("chime").on("CLOSE", "closed")))
                .build(Implementations.builder().effect("chime").build());
        Transition opened = Statecharts.transition(machine,
                Statecharts.initialTransition(machine, null).snapshot(), event("OPEN"));
        // opened.snapshot().value() is "opened"; opened.actions() is [Effect[chime]]
        // @end
        assertThat(opened.snapshot().value().asText()).isEqualTo("opened");
        assertThat(opened.actions()).extracting(Action::name).containsExactly("chime");
    }

    private static ObjectNode event(String type) {
        return NO_FIELDS.deepCopy().put("type", type);
    }
}

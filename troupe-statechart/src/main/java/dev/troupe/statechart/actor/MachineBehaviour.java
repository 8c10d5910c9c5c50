package dev.troupe.statechart.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.Connection;
import dev.troupe.Input;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorContext;
import dev.troupe.json.Json;
import dev.troupe.statechart.Action;
import dev.troupe.statechart.Machine;
import dev.troupe.statechart.Statecharts;
import dev.troupe.statechart.Transition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs one activation of a machine actor: checks each sent event against the caller's rules, runs it
 * through the engine, stores the new snapshot and performs the engine's actions with the turn (delays
 * as durable schedules, emits as broadcasts, the rest through {@link MachineOptions.HostActions}).
 * Sends the system events from the lifecycle hooks.
 *
 * <p>The state it sets is a {@link MachineState}, which the runtime writes as the stored JSON; the state
 * it finds is either that or, after a wake, the stored JSON itself, read into a {@link MachineState} once
 * and kept while that node is the state (a failed turn leaves the previous one in place).
 */
final class MachineBehaviour implements ActorBehaviour {
    private static final String DELAYED = "xstate.after.";

    private final Machine machine;
    private final EventRules rules;
    private final MachineOptions options;
    private boolean created;
    private @Nullable JsonNode loadedNode;
    private @Nullable MachineState loaded;

    MachineBehaviour(Machine machine, EventRules rules, MachineOptions options) {
        this.machine = machine;
        this.rules = rules;
        this.options = options;
    }

    @Override
    public Object initialState(ActorContext context, Input input) {
        JsonNode given = input.isPresent() ? Json.mapper().valueToTree(input.raw()) : null;
        Transition start = Statecharts.initialTransition(machine, given);
        return perform(context, MachineState.of(start.snapshot()), start, null);
    }

    @Override
    public void onCreate(ActorContext context, Input input) {
        created = true;
        ObjectNode event = system(MachineActor.INITIALIZE, context.caller());
        event.set("input", input.isPresent() ? Json.mapper().valueToTree(input.raw()) : null);
        deliver(context, event, null);
    }

    @Override
    public void onWake(ActorContext context) {
        if (created) {
            return;
        }
        Integer from = context.state() instanceof JsonNode stored ? StoredMachine.migratedFrom(stored) : null;
        if (from != null) {
            context.setState(state(context));
            ObjectNode migrate = system(MachineActor.MIGRATE, context.caller());
            migrate.put("fromVersion", from).put("toVersion", options.snapshotVersion());
            deliver(context, migrate, null);
        }
        deliver(context, system(MachineActor.RESUME, context.caller()), null);
    }

    @Override
    public void onConnect(ActorContext context, Connection connection) {
        deliver(context, system(MachineActor.CONNECT, connection.caller()).put("connectionId", connection.id()), null);
    }

    @Override
    public void onDisconnect(ActorContext context, Connection connection) {
        deliver(context, system(MachineActor.DISCONNECT, connection.caller()).put("connectionId", connection.id()), null);
    }

    @Override
    public Object invoke(ActorContext context, String action, Object[] args) {
        ObjectNode sent = (ObjectNode) args[0];
        String type = sent.get(MachineActor.TYPE).asText();
        Caller caller = context.caller();
        if (caller.type() == CallerType.SYSTEM && type.startsWith(DELAYED)) {
            if (state(context).delays().containsKey(type)) {
                deliver(context, withCaller(sent, caller), type);
            }
        } else {
            rules.check(caller.type(), type, sent);
            deliver(context, withCaller(sent, caller), null);
        }
        return MachineView.of(state(context).snapshot(), caller);
    }

    @Override
    public Object view(ActorContext context, Object state, Caller caller) {
        MachineState machineState = state instanceof MachineState kept ? kept : MachineState.read(machine, (JsonNode) state);
        return MachineView.of(machineState.snapshot(), caller);
    }

    /**
     * Runs {@code event} and stores what changed; {@code firedDelay} names the pending delay whose
     * schedule delivers it, which is no longer pending.
     */
    private void deliver(ActorContext context, ObjectNode event, @Nullable String firedDelay) {
        MachineState state = state(context);
        Transition transition = Statecharts.transition(machine, state.snapshot(), event);
        MachineState next = perform(context, state, transition, firedDelay);
        if (next != state) {
            context.setState(next);
        }
        String type = event.get(MachineActor.TYPE).asText();
        for (Connection connection : context.connections()) {
            if (type.equals(connection.params().get(MachineActor.WAIT_FOR_EVENT_PARAM))) {
                connection.send(MachineActor.PROCESSED, type);
            }
        }
    }

    /**
     * The state after {@code transition}: its snapshot, and its delays as durable schedules (cancelled
     * ones removed, new ones added); {@code state} itself if neither changed. Broadcasts its emits and
     * hands effects and sends over.
     */
    private MachineState perform(ActorContext context, MachineState state, Transition transition,
            @Nullable String firedDelay) {
        Map<String, String> delays = firedDelay != null || changesDelays(transition) ? state.delaysCopy() : state.delays();
        if (firedDelay != null) {
            delays.remove(firedDelay);
        }
        List<Action> hosted = new ArrayList<>();
        for (Action action : transition.actions()) {
            switch (action) {
                case Action.Schedule schedule -> {
                    String previous = delays.get(schedule.id());
                    if (previous != null) {
                        context.schedules().cancel(previous);
                    }
                    delays.put(schedule.id(), context.schedules().after(Duration.ofMillis(schedule.delayMillis()),
                            MachineActor.SEND, schedule.event()));
                }
                case Action.Cancel cancel -> {
                    String scheduled = delays.remove(cancel.id());
                    if (scheduled != null) {
                        context.schedules().cancel(scheduled);
                    }
                }
                case Action.Emit emit -> context.broadcast(emit.event().path(MachineActor.TYPE).asText(emit.name()), emit.event());
                case Action.Effect effect -> hosted.add(effect);
                case Action.SendTo send -> hosted.add(send);
                case Action.SendParent send -> hosted.add(send);
                case Action.Assign assign -> { }
                case Action.Raise raise -> { }
                default -> throw new IllegalStateException("unknown machine action " + action);
            }
        }
        MachineState next = state.with(transition.snapshot(), delays);
        for (Action action : hosted) {
            try {
                options.hostActions().perform(context, action);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("machine action " + action.name() + " failed", e);
            }
        }
        return next;
    }

    private static boolean changesDelays(Transition transition) {
        for (Action action : transition.actions()) {
            if (action instanceof Action.Schedule || action instanceof Action.Cancel) {
                return true;
            }
        }
        return false;
    }

    /** The turn's state as a {@link MachineState}: the one a turn set, or the stored JSON read once. */
    private MachineState state(ActorContext context) {
        Object state = context.state();
        if (state instanceof MachineState kept) {
            return kept;
        }
        if (state != loadedNode || loaded == null) {
            loaded = MachineState.read(machine, (JsonNode) state);
            loadedNode = (JsonNode) state;
        }
        return loaded;
    }

    private static ObjectNode system(String type, Caller caller) {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put(MachineActor.TYPE, type);
        event.set(MachineActor.CALLER, callerJson(caller));
        return event;
    }

    /** The event as the machine sees it: a copy of what was sent, its {@code caller} set by the runtime. */
    private static ObjectNode withCaller(ObjectNode sent, Caller caller) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : sent.properties()) {
            JsonNode value = member.getValue();
            event.set(member.getKey(), value.isContainerNode() ? value.deepCopy() : value);
        }
        event.set(MachineActor.CALLER, callerJson(caller));
        return event;
    }

    private static ObjectNode callerJson(Caller caller) {
        return JsonNodeFactory.instance.objectNode().put("type", caller.type().wireName()).put("id", caller.id());
    }
}

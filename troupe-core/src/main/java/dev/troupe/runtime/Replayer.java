package dev.troupe.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.Caller;
import dev.troupe.CallerType;
import dev.troupe.Connection;
import dev.troupe.Input;
import dev.troupe.Children;
import dev.troupe.Contents;
import dev.troupe.Key;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.history.ChainCheck;
import dev.troupe.host.Address;
import dev.troupe.json.Json;
import dev.troupe.store.HistoryEntry;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/*
 * Re-executes an actor's recorded turns, in a sandbox: from a checkpoint's state, each entry's message
 * runs on a fresh behaviour of the actor's type through the same sequence as a live turn
 * (TurnRunner.execute), with the entry's recorded effects handed back in order (ReplayedEffects). The
 * state it reaches and the outcome it gives must hash and encode exactly as recorded; the first entry
 * where they do not is a divergence, and replay stops there.
 *
 * Nothing escapes the sandbox: broadcasts, schedules and timers the turns set are dropped, the time a
 * turn sees is its entry's, and no other actor is called: a recorded turn's calls are effects
 * (RecordedCalls), answered from the entry, so a handle asked of this scope is a divergence (only an
 * unrecorded turn would ask). Connection turns get a stand-in connection
 * with the caller and params the entry recorded (a disconnect's params are not recorded: empty).
 */
final class Replayer {
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    private final ActorType type;
    private final String actorId;
    private final Address address;
    private final ActorBehaviour behaviour;
    private final Supplier<Input> spawnInput;
    private Object state;
    private String stateHash;

    /**
     * Starts from {@code checkpoint}'s state; {@code spawnInput} gives the input the actor was spawned
     * with, for a replayed restart from the initial state.
     *
     * @throws Divergence if the checkpoint's state does not hash to its entry's state hash, or cannot be
     *                    read as the type's state
     */
    Replayer(ActorType type, String actorId, Key key, HistoryEntry checkpoint, Supplier<Input> spawnInput) {
        this.type = type;
        this.spawnInput = spawnInput;
        this.actorId = actorId;
        this.address = new Address(type.name(), key);
        HistoryEntry.Checkpoint snapshot = checkpoint.checkpoint();
        if (snapshot == null) {
            throw new Divergence(checkpoint.seq(), "entry " + checkpoint.seq() + " is not a checkpoint");
        }
        this.stateHash = ChainCheck.stateHash(snapshot.state());
        if (!stateHash.equals(checkpoint.stateHash())) {
            throw new Divergence(checkpoint.seq(), "the checkpoint's state does not match its state hash");
        }
        try {
            this.state = type.decodeState(snapshot.state(), snapshot.stateVersion());
        } catch (Exception e) {
            throw new Divergence(checkpoint.seq(), "the checkpoint's state does not read back: " + e.getMessage());
        }
        this.behaviour = type.newBehaviour();
    }

    /** The state reached so far. */
    Object state() {
        return state;
    }

    /**
     * Re-executes the turn of {@code entry} on the state reached so far.
     *
     * @throws Divergence if its state, outcome or effects differ from the entry's
     */
    void apply(HistoryEntry entry) {
        JsonNode message = EntryCodec.tree(entry.message());
        String kind = message.path("kind").asText();
        String name = message.path("name").asText("#" + kind);
        Caller caller = caller(EntryCodec.tree(entry.caller()));
        Turn turn = new Turn(new Scope(entry.at()), turnKind(entry.seq(), kind), name, null, state, caller,
                CallChain.EMPTY, null);
        ReplayedEffects effects = ReplayedEffects.of(EntryCodec.tree(entry.effects()));
        turn.replayEffects(effects);
        TurnRunner.Outcome outcome = TurnRunner.execute(behaviour, turn, body(kind, message, caller));
        if (outcome.thrown() instanceof ReplayedEffects.Divergence divergence) {
            throw new Divergence(entry.seq(), divergence.getMessage());
        }
        if (outcome.thrown() instanceof Divergence divergence) {
            throw divergence;
        }
        TroupeException error = outcome.thrown() == null ? null : ActivationErrors.of(outcome.thrown(), address);
        String replayed = EntryCodec.outcome(outcome.result(), error);
        if (!replayed.equals(entry.outcome())) {
            throw new Divergence(entry.seq(), "the outcome was " + entry.outcome() + " but replay gave " + replayed);
        }
        String unused = effects.unused();
        if (unused != null) {
            throw new Divergence(entry.seq(), unused);
        }
        if (error == null && turn.stateChanged()) {
            try {
                stateHash = ChainCheck.stateHash(type.encodeState(turn.state()));
            } catch (Exception e) {
                throw new Divergence(entry.seq(), "the replayed state is not serialisable: " + e.getMessage());
            }
            state = turn.state();
        }
        if (!stateHash.equals(entry.stateHash())) {
            throw new Divergence(entry.seq(), "the replayed state does not match the recorded state hash");
        }
    }

    private static TurnKind turnKind(long seq, String kind) {
        return switch (kind) {
            case "action" -> TurnKind.ACTION;
            case "schedule" -> TurnKind.SCHEDULE;
            case "message" -> TurnKind.MESSAGE;
            case "timer" -> TurnKind.TIMER;
            case "connect" -> TurnKind.CONNECT;
            case "disconnect" -> TurnKind.DISCONNECT;
            case "hook" -> TurnKind.HOOK;
            default -> throw new Divergence(seq, "a '" + kind + "' entry cannot be replayed after a checkpoint");
        };
    }

    private TurnRunner.Body body(String kind, JsonNode message, Caller caller) {
        return switch (kind) {
            case "connect" -> (actor, turn) -> {
                Map<String, Object> params = Json.mapper().convertValue(message.path("params"), PARAMS);
                actor.onBeforeConnect(turn, params, caller);
                actor.onConnect(turn, new StandIn(caller, params));
                return null;
            };
            case "disconnect" -> (actor, turn) -> {
                actor.onDisconnect(turn, new StandIn(caller, Map.of()));
                return null;
            };
            case "hook" -> (actor, turn) -> {
                switch (turn.operation()) {
                    case "#onWake" -> actor.onWake(turn);
                    case "#onSleep" -> actor.onSleep(turn);
                    case "#onDestroy" -> actor.onDestroy(turn);
                    case ChildReports.FAILED -> {
                        JsonNode failure = message.get("failure");
                        if (failure == null) {
                            throw new ReplayedEffects.Divergence("the entry does not record the failure it heard of");
                        }
                        actor.onChildFailed(turn, ChildReports.failure(failure));
                    }
                    case ActivationLifecycle.RESET -> turn.setState(actor.initialState(turn, spawnInput.get()));
                    default -> throw new IllegalStateException("unknown hook " + turn.operation());
                }
                return null;
            };
            default -> (actor, turn) -> {
                if (kind.equals("message") && turn.operation().equals(ChildReports.FINISHED)) {
                    JsonNode args = message.path("args");
                    actor.onChildFinished(turn, ChildReports.finishedChild(args), ChildReports.decodedResult(args));
                    return null;
                }
                if (kind.equals("schedule") && turn.operation().equals(WorkflowRun.ACTION)) {
                    WorkflowRun.advance(actor, turn, WorkflowRun.idOf(message.path("args")));
                    return null;
                }
                Action action = type.action(turn.operation());
                return actor.invoke(turn, action.name(), action.decodeArgs(message.path("args")));
            };
        };
    }

    private static Caller caller(JsonNode caller) {
        String wire = caller.path("type").asText();
        for (CallerType type : CallerType.values()) {
            if (type.wireName().equals(wire)) {
                return new Caller(type, caller.path("id").asText(), Map.of());
            }
        }
        return Caller.system(caller.path("id").asText());
    }

    /** A replayed turn did not reproduce its entry. */
    static final class Divergence extends RuntimeException {
        private final long seq;

        Divergence(long seq, String message) {
            super(message);
            this.seq = seq;
        }

        /** The entry that was not reproduced. */
        long seq() {
            return seq;
        }
    }

    /** The actor as a replayed turn sees it: its identity and type, the entry's time, nothing live. */
    private final class Scope implements TurnScope {
        private final Instant at;

        Scope(Instant at) {
            this.at = at;
        }

        @Override
        public Address address() {
            return address;
        }

        @Override
        public String id() {
            return actorId;
        }

        @Override
        public ActorType type() {
            return type;
        }

        @Override
        public ActorBehaviour behaviour() {
            return behaviour;
        }

        @Override
        public Set<ActorConnection> connections() {
            return Set.of();
        }

        @Override
        public TimeSource time() {
            return new FixedTime(at);
        }

        @Override
        public <C> C handle(Class<C> contract, Key key) {
            throw new ReplayedEffects.Divergence("the turn calls actor " + key + " of " + contract.getSimpleName()
                    + ", which replay cannot repeat");
        }

        @Override
        public ActorStorage storage() {
            throw new ReplayedEffects.Divergence("the turn reads storage the recording does not have");
        }

        @Override
        public ActorSql sql() {
            throw new ReplayedEffects.Divergence("the turn runs SQL the recording does not have");
        }

        @Override
        public @Nullable Object call(String type, Key key, String action, JsonNode args) {
            throw new ReplayedEffects.Divergence("the turn calls actor " + key + " of " + type
                    + ", which replay cannot repeat");
        }

        @Override
        public Children children() {
            throw new ReplayedEffects.Divergence("the turn uses its children, which replay cannot repeat");
        }

        @Override
        public Contents contents() {
            throw new ReplayedEffects.Divergence("the turn uses the content store, which replay cannot repeat");
        }

        @Override
        public <C> C oneWay(Class<C> contract, Key key) {
            throw new ReplayedEffects.Divergence("the turn sends to actor " + key + " of " + contract.getSimpleName()
                    + ", which replay cannot repeat");
        }
    }

    /** The time of a replayed turn: its entry's instant, standing still. */
    private record FixedTime(Instant at) implements TimeSource {
        @Override
        public Instant instant() {
            return at;
        }

        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public Wakeup schedule(Instant when, Runnable task) {
            throw new IllegalStateException("a replayed turn schedules no wake-ups");
        }
    }

    /** The connection a replayed connect or disconnect turn sees; what it sends goes nowhere. */
    private record StandIn(Caller caller, Map<String, Object> params) implements Connection {
        @Override
        public String id() {
            return "replay";
        }

        @Override
        public Set<String> subscriptions() {
            return Set.of();
        }

        @Override
        public @Nullable Object state() {
            return null;
        }

        @Override
        public void state(@Nullable Object value) {
            // A replayed connection keeps nothing: per-connection state is not part of the history.
        }

        @Override
        public void send(String event, Object... args) {
            // A replayed turn's events go nowhere.
        }
    }
}

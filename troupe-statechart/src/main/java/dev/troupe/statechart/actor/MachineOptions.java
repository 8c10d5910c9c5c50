package dev.troupe.statechart.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.CallerType;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorContext;
import dev.troupe.json.Json;
import dev.troupe.schema.JavaSchemas;
import dev.troupe.statechart.Action;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What a machine actor accepts besides its machine: the events each caller type may send with the
 * JSON Schemas of their payloads, the version of its stored snapshots with the migrations from older
 * ones, the events it emits to its listeners with the JSON Schemas of the emitted events, and who
 * performs the machine's effects and sends.
 *
 * {@snippet :
 * MachineOptions options = MachineOptions.builder()
 *         .event(CallerType.CLIENT, "ADD_TODO", addTodoSchema)   // JSON Schema of {text}
 *         .event(CallerType.SERVICE, "CLEAR", ClearRequest.class) // schema derived from the record
 *         .emits("TODO_ADDED", TodoAdded.class)                   // what listeners receive
 *         .build();
 * }
 *
 * <p>A payload schema checks the event without its {@code type} and {@code caller} fields. Immutable
 * once built.
 */
public final class MachineOptions {
    private final Map<CallerType, Map<String, JsonNode>> events;
    private final Map<String, JsonNode> emits;
    private final int snapshotVersion;
    private final Map<Integer, UnaryOperator<JsonNode>> migrations;
    private final HostActions hostActions;

    private MachineOptions(Builder builder) {
        EnumMap<CallerType, Map<String, JsonNode>> copy = new EnumMap<>(CallerType.class);
        builder.events.forEach((type, schemas) -> copy.put(type, Map.copyOf(schemas)));
        this.events = copy;
        this.emits = Collections.unmodifiableMap(new LinkedHashMap<>(builder.emits));
        this.snapshotVersion = builder.snapshotVersion;
        this.migrations = Map.copyOf(builder.migrations);
        this.hostActions = builder.hostActions;
    }

    /** Options to fill in. */
    public static Builder builder() {
        return new Builder();
    }

    Map<CallerType, Map<String, JsonNode>> events() {
        return events;
    }

    /** The events the machine emits, each to the JSON Schema of the emitted event, in declaration order. */
    Map<String, JsonNode> emits() {
        return emits;
    }

    int snapshotVersion() {
        return snapshotVersion;
    }

    Map<Integer, UnaryOperator<JsonNode>> migrations() {
        return migrations;
    }

    HostActions hostActions() {
        return hostActions;
    }

    /**
     * Performs the actions the engine leaves to its host that a machine actor cannot perform alone:
     * {@link Action.Effect}, {@link Action.SendTo} and {@link Action.SendParent}. Runs inside the turn
     * that processed the event, after its state is set; what it does through the context commits with
     * that turn. Throwing fails the turn, and the event changes nothing.
     */
    @FunctionalInterface
    public interface HostActions {
        /** Performs {@code action} for the actor of {@code context}. */
        void perform(ActorContext context, Action action) throws Exception;
    }

    /** Fills in {@link MachineOptions}. Not thread-safe. */
    public static final class Builder {
        private static final JavaSchemas SCHEMAS = new JavaSchemas(Json.mapper());

        private final EnumMap<CallerType, Map<String, JsonNode>> events = new EnumMap<>(CallerType.class);
        private final Map<String, JsonNode> emits = new LinkedHashMap<>();
        private int snapshotVersion = 1;
        private final TreeMap<Integer, UnaryOperator<JsonNode>> migrations = new TreeMap<>();
        private HostActions hostActions = (context, action) -> {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "machine action " + action
                    + " needs MachineOptions.hostActions to perform it");
        };

        private Builder() {
        }

        /**
         * Lets callers of {@code callerType} send events of {@code eventType} whose payload (the event
         * without {@code type} and {@code caller}) fits {@code payloadSchema}, a JSON Schema.
         *
         * @throws TroupeException {@code config/invalid_registration} for a type declared twice for one
         *                         caller type, a name the runtime sends itself, or an unusable schema
         */
        public Builder event(CallerType callerType, String eventType, JsonNode payloadSchema) {
            Objects.requireNonNull(callerType, "callerType");
            Objects.requireNonNull(payloadSchema, "payloadSchema");
            if (eventType == null || eventType.isEmpty() || MachineActor.reserved(eventType)) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "event type '" + eventType
                        + "' is empty or one the runtime sends itself (system events, xstate.*)");
            }
            Map<String, JsonNode> ofCaller = events.computeIfAbsent(callerType, t -> new LinkedHashMap<>());
            if (ofCaller.putIfAbsent(eventType, payloadSchema.deepCopy()) != null) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION,
                        "event type " + eventType + " is declared twice for " + callerType.wireName() + " callers");
            }
            return this;
        }

        /** Like {@link #event(CallerType, String, JsonNode)}, the schema derived from a record or class. */
        public Builder event(CallerType callerType, String eventType, Class<?> payloadType) {
            ObjectMapper mapper = Json.mapper();
            ObjectNode schema = SCHEMAS.of(mapper.constructType(payloadType));
            return event(callerType, eventType, schema);
        }

        /**
         * Declares an event the machine emits ({@link Action.Emit}, broadcast under the emitted event's
         * {@code type}) with the JSON Schema of the emitted event, its {@code type} included. A machine
         * that declares emits is a type that declares events ({@code ActorDefinition.events}): it may
         * emit only these (else its turn fails with {@code event/undeclared}), the emitted events are
         * checked against their schemas when event validation is on, the OpenAPI document publishes
         * them, and each reaches only the connections whose callers its access rules allow
         * ({@code AccessRule.event(eventType)}).
         *
         * @throws TroupeException {@code config/invalid_registration} for a type declared twice
         */
        public Builder emits(String eventType, JsonNode eventSchema) {
            Objects.requireNonNull(eventType, "eventType");
            if (emits.putIfAbsent(eventType, Objects.requireNonNull(eventSchema, "eventSchema").deepCopy()) != null) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "emitted event " + eventType + " is declared twice");
            }
            return this;
        }

        /**
         * Like {@link #emits(String, JsonNode)}, the schema derived from a record or class as the schema of
         * a value the machine writes (every property it always writes is required).
         */
        public Builder emits(String eventType, Class<?> eventClass) {
            return emits(eventType, SCHEMAS.ofOutput(Json.mapper().constructType(eventClass)));
        }

        /**
         * The version of the snapshots this machine stores (starts at 1). An actor whose stored snapshot
         * has an older version is migrated when it wakes and then receives {@link MachineActor#MIGRATE}.
         */
        public Builder snapshotVersion(int value) {
            if (value < 1) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "snapshotVersion starts at 1: " + value);
            }
            this.snapshotVersion = value;
            return this;
        }

        /**
         * Migrates a stored snapshot's JSON ({@link dev.troupe.statechart.Snapshot#toJson}) of version
         * {@code fromVersion} to the next version; versions without one keep their snapshot as it is.
         */
        public Builder migration(int fromVersion, UnaryOperator<JsonNode> migration) {
            if (fromVersion < 1 || migrations.putIfAbsent(fromVersion, Objects.requireNonNull(migration)) != null) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION,
                        "one migration per version >= 1, got a second or invalid one for version " + fromVersion);
            }
            return this;
        }

        /** Who performs the machine's effects and sends; without it, such an action fails its turn. */
        public Builder hostActions(HostActions value) {
            this.hostActions = Objects.requireNonNull(value, "hostActions");
            return this;
        }

        /** The options. */
        public MachineOptions build() {
            return new MachineOptions(this);
        }
    }
}

package dev.troupe;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.definition.EventDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.json.Json;
import dev.troupe.schema.JavaSchemas;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Per-type settings given at registration: durability, idle time before sleep, the state schema
 * version and the upcasters that migrate older state.
 *
 * {@snippet :
 * Troupe.builder()
 *     .register(CursorActor.class, type -> type
 *         .durability(Durability.RELAXED)
 *         .sleepAfter(Duration.ofSeconds(10)))
 *     .register(AccountActor.class, type -> type
 *         .stateVersion(2)
 *         .upcaster(1, v1 -> ((ObjectNode) v1).put("currency", "EUR")));
 * }
 *
 * <p>Not thread-safe; used only while building a {@link Troupe}.
 */
public final class TypeOptions {
    /** Operations an allow-all rule leaves out: a rule grants them only by name. */
    private static final Set<String> NAMED_ONLY = Set.of(AccessRule.DESTROY, AccessRule.HISTORY, AccessRule.LIST);
    private Durability durability = Durability.STRICT;
    private Duration sleepAfter;
    private int stateVersion = 1;
    private final TreeMap<Integer, UnaryOperator<JsonNode>> upcasters = new TreeMap<>();
    private final List<AccessRule> rules = new ArrayList<>();
    private int maxConnections = 10_000;
    private boolean connectionsKeepAwake;
    private @Nullable HistoryOptions history;
    private SupervisorStrategy supervision = SupervisorStrategy.restart();
    private final Set<String> queues = new TreeSet<>();
    private final List<EventDefinition> events = new ArrayList<>();
    private boolean validateEvents;

    TypeOptions(Duration defaultSleepAfter, boolean defaultValidateEvents) {
        this.sleepAfter = defaultSleepAfter;
        this.validateEvents = defaultValidateEvents;
    }

    /** Whether results wait for durability; {@link Durability#STRICT} unless set. */
    public TypeOptions durability(Durability value) {
        this.durability = Objects.requireNonNull(value, "durability");
        return this;
    }

    /**
     * How long an actor of this type stays awake without turns (and without connections, if they keep
     * it awake: {@link #connectionsKeepAwake(boolean)}).
     */
    public TypeOptions sleepAfter(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "sleepAfter must be positive: " + value);
        }
        this.sleepAfter = value;
        return this;
    }

    /** The current schema version of the state (starts at 1); stored with every commit. */
    public TypeOptions stateVersion(int value) {
        if (value < 1) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "stateVersion starts at 1: " + value);
        }
        this.stateVersion = value;
        return this;
    }

    /**
     * Migrates state JSON written with {@code fromVersion} to {@code fromVersion + 1}. On load, the
     * upcasters from the stored version up to {@link #stateVersion} run in order; the migrated state is
     * written back with the next commit.
     */
    public TypeOptions upcaster(int fromVersion, UnaryOperator<JsonNode> migration) {
        if (fromVersion < 1 || upcasters.putIfAbsent(fromVersion, Objects.requireNonNull(migration)) != null) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION,
                    "one upcaster per version >= 1, got a second or invalid one for version " + fromVersion);
        }
        return this;
    }

    /**
     * Allows callers of {@code callerType} the given operations (action names, or the constants of
     * {@link AccessRule}); with no operations, every action plus create, connect, view and every
     * event (not destroy, history or list). Rules add up: an operation is allowed if any rule allows it.
     *
     * <p>Events ({@link AccessRule#event}): operations that include {@link AccessRule#CONNECT} and
     * name no event grant every event, as connecting always did; naming events ({@code
     * AccessRule.event("posted")}) grants those only.
     *
     * {@snippet :
     * .register(ChatRoomActor.class, type -> type.allow(CallerType.CLIENT))   // anonymous clients welcome
     * .register(AuditedActor.class, type -> type
     *     .allow(CallerType.CLIENT, AccessRule.CONNECT, "post", AccessRule.event("posted")))  // not "audit"
     * }
     */
    public TypeOptions allow(CallerType callerType, String... operations) {
        Objects.requireNonNull(callerType, "callerType");
        Set<String> allowed = Set.of(operations);
        boolean everyEvent = allowed.isEmpty() || allowed.contains(AccessRule.CONNECT)
                && allowed.stream().noneMatch(operation -> operation.startsWith(AccessRule.EVENT_PREFIX));
        rules.add((caller, operation) -> caller.type() == callerType
                && (allowed.isEmpty() ? !NAMED_ONLY.contains(operation) : allowed.contains(operation)
                        || everyEvent && operation.startsWith(AccessRule.EVENT_PREFIX)));
        return this;
    }

    /** Adds a custom access rule; see {@link AccessRule}. */
    public TypeOptions access(AccessRule rule) {
        rules.add(Objects.requireNonNull(rule, "rule"));
        return this;
    }

    /** The most connections one actor of this type accepts (default 10,000). */
    public TypeOptions maxConnections(int value) {
        if (value < 1) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "maxConnections must be >= 1: " + value);
        }
        this.maxConnections = value;
        return this;
    }

    /**
     * Whether open connections keep an actor of this type awake (false unless set). By default an
     * actor with open WebSocket or SSE connections sleeps when idle like any other, and hibernates:
     * the server keeps the sockets and their subscriptions, the actor's instance, state and storage
     * leave memory, and the next frame, call, schedule or disconnect wakes it with its connections and
     * their per-connection state (persisted) intact. Hibernation is the default because an idle
     * connection costs a few hundred bytes while an awake actor costs its whole instance and state, and
     * nothing an actor can observe differs: timers are the one exception (they stop at sleep, as
     * always), so set this for a type that must tick while clients watch. See {@code docs/semantics.md}.
     */
    public TypeOptions connectionsKeepAwake(boolean value) {
        this.connectionsKeepAwake = value;
        return this;
    }

    /**
     * Declares durable queues of this type by name ({@code [a-z][a-z0-9._-]{0,63}}): messages enqueued
     * to one are kept in the store until the actor's {@code onQueueMessage} processed them, in order
     * per sender. Enqueuing to a name not declared fails with {@code queue/not_found}. See
     * {@code docs/queues.md}.
     */
    public TypeOptions queues(String... names) {
        for (String name : names) {
            if (name == null || !name.matches("[a-z][a-z0-9._-]{0,63}")) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION,
                        "a queue name must match [a-z][a-z0-9._-]{0,63}: " + name);
            }
            queues.add(name);
        }
        return this;
    }

    /**
     * Declares an event of this type with the Java types of its positional arguments: their JSON
     * Schemas derive from the types as those of action results do (the actor writes them, so every
     * property it always writes is required), and the OpenAPI and AsyncAPI documents publish them. A type that declares events (here or in {@code ActorDefinition.events}) may
     * broadcast only those, fails a turn that broadcasts another with {@code event/undeclared}, checks
     * the arguments against the schemas when {@link #validateEvents} is on, and asks its access rules
     * for {@link AccessRule#event} before a client connection receives one. See {@code docs/events.md}.
     *
     * {@snippet :
     * .register(ChatRoomActor.class, type -> type.event("message-posted", MessagePosted.class))
     * }
     *
     * @param name          the event name: a letter, then letters, digits, {@code _}, {@code .} or {@code -}
     *                      (at most 64)
     * @param argumentTypes the types of its arguments, in order (none for an event without arguments)
     */
    public TypeOptions event(String name, Type... argumentTypes) {
        JavaSchemas schemas = new JavaSchemas(Json.mapper());
        List<Parameter> parameters = new ArrayList<>();
        for (Type argumentType : argumentTypes) {
            JavaType type = Json.mapper().getTypeFactory().constructType(Objects.requireNonNull(argumentType, "argumentType"));
            parameters.add(new Parameter("arg" + parameters.size(), type.getRawClass().getSimpleName(),
                    schemas.ofOutput(type), !type.isPrimitive()));
        }
        return event(new EventDefinition(name, parameters));
    }

    /**
     * Declares an event with the JSON Schemas of its arguments, as a definition's {@code events()} would;
     * see {@link #event(String, Type...)}. A name declared twice, or one that breaks the naming rule,
     * fails {@code build()} with {@code config/invalid_registration}.
     */
    public TypeOptions event(EventDefinition event) {
        events.add(Objects.requireNonNull(event, "event"));
        return this;
    }

    /**
     * Whether every broadcast of a declared event is checked against its schemas, failing the turn with
     * {@code event/invalid_payload} if an argument does not fit. Off by default in a runtime (it costs a
     * JSON tree and a schema check per argument and broadcast), on in the test kit
     * ({@code Troupe.Builder.validateEvents} sets the default of every type).
     */
    public TypeOptions validateEvents(boolean enabled) {
        this.validateEvents = enabled;
        return this;
    }

    /** The events declared through these options, in declaration order. */
    public List<EventDefinition> events() {
        return List.copyOf(events);
    }

    /** Whether broadcasts of declared events are checked against their schemas. */
    public boolean validatesEvents() {
        return validateEvents;
    }

    /**
     * Keeps a verifiable history of every turn of this type, with the default {@link HistoryOptions};
     * off unless set. See {@code docs/history.md}.
     */
    public TypeOptions history() {
        return history(options -> { });
    }

    /** Keeps a verifiable history of every turn of this type, configured by {@code configure}. */
    public TypeOptions history(Consumer<HistoryOptions> configure) {
        HistoryOptions options = history == null ? new HistoryOptions() : history;
        configure.accept(options);
        this.history = options;
        return this;
    }

    /**
     * What an actor of this type does when a turn of one of its children fails;
     * {@link SupervisorStrategy#restart()} unless set. See {@code docs/supervision.md}.
     */
    public TypeOptions supervision(SupervisorStrategy strategy) {
        this.supervision = Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /** The supervisor strategy for this type's children. */
    public SupervisorStrategy supervision() {
        return supervision;
    }

    /** The declared queue names, sorted. */
    public Set<String> queues() {
        return Collections.unmodifiableSet(queues);
    }

    /** The history settings, or null if the type keeps no history. */
    public @Nullable HistoryOptions historyOptions() {
        return history;
    }

    /**
     * The effective access rule: system and service callers always; client callers only where a
     * configured rule allows.
     */
    public AccessRule accessRule() {
        List<AccessRule> given = List.copyOf(rules);
        return (caller, operation) -> caller.type() != CallerType.CLIENT
                || given.stream().anyMatch(rule -> rule.allows(caller, operation));
    }

    /** The configured connection limit per actor. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Whether open connections keep an actor of this type awake; see {@link #connectionsKeepAwake(boolean)}. */
    public boolean connectionsKeepAwake() {
        return connectionsKeepAwake;
    }

    /** The configured durability. */
    public Durability durability() {
        return durability;
    }

    /** The configured idle time before sleep. */
    public Duration sleepAfter() {
        return sleepAfter;
    }

    /** The configured state schema version. */
    public int stateVersion() {
        return stateVersion;
    }

    /** The upcasters by the version they migrate from. */
    public Map<Integer, UnaryOperator<JsonNode>> upcasters() {
        return Map.copyOf(upcasters);
    }
}

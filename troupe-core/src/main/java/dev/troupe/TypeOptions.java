package dev.troupe;

import com.fasterxml.jackson.databind.JsonNode;
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

    TypeOptions(Duration defaultSleepAfter) {
        this.sleepAfter = defaultSleepAfter;
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
     * {@link AccessRule}); with no operations, every action plus create, connect and view (not
     * destroy, history or list). Rules add up: an operation is allowed if any rule allows it.
     *
     * {@snippet :
     * .register(ChatRoomActor.class, type -> type.allow(CallerType.CLIENT))   // anonymous clients welcome
     * }
     */
    public TypeOptions allow(CallerType callerType, String... operations) {
        Objects.requireNonNull(callerType, "callerType");
        Set<String> allowed = Set.of(operations);
        rules.add((caller, operation) -> caller.type() == callerType
                && (allowed.isEmpty() ? !NAMED_ONLY.contains(operation) : allowed.contains(operation)));
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

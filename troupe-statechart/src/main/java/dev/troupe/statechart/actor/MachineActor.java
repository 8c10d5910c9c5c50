package dev.troupe.statechart.actor;

import dev.troupe.definition.ActorDefinition;
import dev.troupe.statechart.Machine;
import java.util.Set;

/**
 * Makes a {@link Machine} an actor type: every actor of the type runs its own snapshot of the machine,
 * durable like any actor's state.
 *
 * {@snippet :
 * Troupe troupe = Troupe.builder()
 *         .register(MachineActor.define("todo-list", machine, options), type -> type.allow(CallerType.CLIENT))
 *         .build();
 * }
 *
 * <ul>
 *   <li><b>Events</b> arrive through the action {@value #SEND} (one argument, the event object with a
 *       string {@code type}). The runtime sets the event's {@code caller} to {@code {type, id}} of who
 *       sent it, whatever the sender wrote there; the {@link MachineOptions} decide which caller type
 *       may send which event with which payload. A refused event changes nothing. The action answers
 *       the caller's view after the event.</li>
 *   <li><b>System events</b> the runtime sends itself: {@value #INITIALIZE} in the turn that creates
 *       the actor ({@code caller} is the creator, {@code input} the creation input),
 *       {@value #CONNECT} and {@value #DISCONNECT} when a connection opens and closes ({@code caller}
 *       its caller, {@code connectionId}), {@value #RESUME} when a stored actor wakes, and
 *       {@value #MIGRATE} before it when the stored snapshot had an older
 *       {@link MachineOptions.Builder#snapshotVersion version} ({@code fromVersion}, {@code toVersion}).</li>
 *   <li><b>Delays</b> ({@code after}) are durable schedules of the actor: they fire after sleep and
 *       restarts, once per entry into their state, and are cancelled when it is left.</li>
 *   <li><b>Context</b> of the shape {@code {"public": {...}, "private": {"<caller id>": {...}}}}: a
 *       caller's view is {@code {public, private: <its own entry>, value}}, kept in sync with the
 *       usual view checksums and patches.</li>
 *   <li><b>Emits</b> become broadcasts: the event named by the emitted event's {@code type}, with the
 *       event as its one argument. Effects and sends go to {@link MachineOptions.HostActions}.</li>
 * </ul>
 *
 * <p>Snapshot fetches can wait for a state or an event: see {@link #WAIT_FOR_EVENT_PARAM}.
 */
public final class MachineActor {
    /** The action that delivers an event. */
    public static final String SEND = "send";
    /** Sent in the creating turn. */
    public static final String INITIALIZE = "INITIALIZE";
    /** Sent when a connection opens. */
    public static final String CONNECT = "CONNECT";
    /** Sent when a connection closes. */
    public static final String DISCONNECT = "DISCONNECT";
    /** Sent when a stored actor wakes. */
    public static final String RESUME = "RESUME";
    /** Sent when a stored actor wakes with a snapshot of an older version, before {@link #RESUME}. */
    public static final String MIGRATE = "MIGRATE";
    /**
     * The connection parameter asking to hear of an event type: after processing an event of that type,
     * the actor sends {@link #PROCESSED} (its one argument the event type) to each such connection.
     * Snapshot fetches with {@code waitForEvent} use it.
     */
    public static final String WAIT_FOR_EVENT_PARAM = "troupe.waitForEvent";
    /** The event a connection with {@link #WAIT_FOR_EVENT_PARAM} receives. */
    public static final String PROCESSED = "troupe.machine.processed";

    static final String TYPE = "type";
    static final String CALLER = "caller";
    static final String PUBLIC = "public";
    static final String PRIVATE = "private";

    private static final Set<String> SYSTEM_EVENTS = Set.of(INITIALIZE, CONNECT, DISCONNECT, RESUME, MIGRATE);

    private MachineActor() {
    }

    /**
     * The actor type {@code typeName} running {@code machine}.
     *
     * @throws dev.troupe.TroupeException {@code config/invalid_registration} if an event's payload schema
     *                                    cannot be compiled
     */
    public static ActorDefinition define(String typeName, Machine machine, MachineOptions options) {
        return new MachineDefinition(typeName, machine, options);
    }

    /**
     * Whether {@code definition} was made by {@link #define}: its actors take events through
     * {@value #SEND} and show callers {@code {public, private, value}} snapshots. Protocol adapters that
     * serve machines (Actor Kit's) ask this.
     */
    public static boolean isMachine(ActorDefinition definition) {
        return definition instanceof MachineDefinition;
    }

    /** Whether callers may not declare {@code eventType}: the runtime sends it. */
    static boolean reserved(String eventType) {
        return SYSTEM_EVENTS.contains(eventType) || eventType.startsWith("xstate.");
    }
}

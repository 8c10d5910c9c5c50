package dev.troupe.runtime;

/** What made a turn run; decides how its outcome is delivered (see {@link TurnRunner}). */
enum TurnKind {
    /** An action called through the mailbox. */
    ACTION,
    /** A {@code @ReadOnly} action run on its caller's thread beside the actor's turns. */
    READ_ONLY,
    /** A durable schedule came due. */
    SCHEDULE,
    /** A one-way message from another actor or an in-process sender. */
    MESSAGE,
    /** A volatile timer fired. */
    TIMER,
    /** A connection opens: {@code onBeforeConnect}, then {@code onConnect}. */
    CONNECT,
    /** A connection closed: {@code onDisconnect}. */
    DISCONNECT,
    /** A channel or a raw WebSocket opens ({@code onChannelOpen}), carries a message or closes. */
    CHANNEL,
    /** A raw HTTP request: {@code onRequest}. */
    RAW,
    /** A lifecycle hook: {@code onWake}, {@code onSleep} or {@code onDestroy}. */
    HOOK,
    /** {@code Actor.view} for one caller, asked for or pushed to a connection. */
    VIEW,
    /** The actor is being created: {@code initialState}, then {@code onCreate}. */
    CREATE;

    /** Whether the turn sees the state without changing it, and runs no hooks, timers or schedules. */
    boolean readOnly() {
        return this == READ_ONLY || this == VIEW;
    }

    /**
     * Whether the turn is reported to {@link dev.troupe.RuntimeObserver}s and counted in the turn
     * statistics. Views are pure functions computed per caller, and creation commits through the
     * store's create: neither has been a turn in the metrics, and they stay out of them.
     */
    boolean observed() {
        return this != VIEW && this != CREATE;
    }
}

package dev.troupe.wasm;

import java.util.Locale;

/**
 * What a WebAssembly actor may do beyond computing on its own arguments: each host function it imports
 * is gated by one capability. A module's manifest declares the capabilities it wants; an actor holds
 * those it was granted (all of its manifest's for a top-level actor, at most its parent's for a child),
 * and a call of a host function whose capability it does not hold fails the turn with
 * {@code wasm/capability_denied}. Stored by {@link #wireName()} in the actor's state.
 */
public enum Capability {
    /** Read and replace the actor's JSON state ({@code state_get}, {@code state_set} and the i64 helpers). */
    STATE,
    /** Broadcast events to subscribed connections. */
    BROADCAST,
    /** Schedule one of its own actions later (durable schedules). */
    SCHEDULE,
    /** Write to the actor's log. */
    LOG,
    /** Read the recorded clock. */
    CLOCK,
    /** Draw recorded random numbers. */
    RANDOM,
    /** Spawn WebAssembly children, granting them at most its own capabilities. */
    SPAWN,
    /** Call actions of other actors by type, key and name ({@code call}), as the actor itself. */
    CALL,
    /** Make outbound HTTP requests ({@code http}) with the JDK client, recorded as effects. */
    HTTP;

    /** The name in manifests and state: the lower-case constant name ({@code state}, {@code clock}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The capability of that manifest name.
     *
     * @throws IllegalArgumentException if no capability has that name
     */
    public static Capability of(String wireName) {
        for (Capability capability : values()) {
            if (capability.wireName().equals(wireName)) {
                return capability;
            }
        }
        throw new IllegalArgumentException("unknown capability '" + wireName + "'");
    }
}

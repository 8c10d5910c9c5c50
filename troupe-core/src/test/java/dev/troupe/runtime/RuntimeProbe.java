package dev.troupe.runtime;

import dev.troupe.Troupe;
import dev.troupe.host.Address;

/** What tests outside the runtime package may observe of its internals. */
public final class RuntimeProbe {
    private RuntimeProbe() {
    }

    /** Whether the actor at {@code address} has an activation in memory now. */
    public static boolean isActive(Troupe troupe, Address address) {
        return ((ActorRuntime) troupe.host()).isActive(address);
    }
}

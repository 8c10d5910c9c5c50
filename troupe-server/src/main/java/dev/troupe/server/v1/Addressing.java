package dev.troupe.server.v1;

import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.wire.Targets;

/**
 * How a v1 request names its actor: the type from the route, the key from the repeated {@code key}
 * query parameters, in order, and whether it may create the actor from {@code ?mode=}. Stateless.
 */
final class Addressing {
    private Addressing() {
    }

    /** The actor addressed by the route's type and the {@code key} query parameters. */
    static Address address(Exchange ex, String type) {
        return Targets.address(ex.gateway().host(), type, ex.queryValues("key"));
    }

    /** The creation mode from {@code ?mode=}, or {@code absent} without one. */
    static CreateMode mode(Exchange ex, CreateMode absent) {
        return Targets.mode(ex.queryValue("mode"), absent);
    }
}

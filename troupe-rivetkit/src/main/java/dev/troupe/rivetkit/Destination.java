package dev.troupe.rivetkit;

import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.ActorHost;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.server.wire.Targets;
import java.util.Map;

/**
 * Where a gateway request goes in the runtime: the actor's address, whether it may be created, and its
 * creation input.
 *
 * @param address the actor
 * @param mode    whether a missing actor is created
 * @param input   the creation input, used only if the request creates the actor
 */
record Destination(Address address, CreateMode mode, Input input) {

    /**
     * The destination of {@code target}: an actor id is looked up in the store; a name and key are
     * checked against the registered types and Troupe's key rules.
     *
     * @throws TroupeException {@code actor/not_found} for an unknown id, {@code actor/type_not_found},
     *                         {@code request/invalid_key}
     */
    static Destination of(GatewayTarget target, ActorHost host) {
        return switch (target) {
            case GatewayTarget.ByKey byKey -> new Destination(Targets.address(host, byKey.name(), byKey.key()),
                    byKey.mode(), byKey.input());
            case GatewayTarget.ById byId -> new Destination(host.resolve(byId.actorId()).orElseThrow(() ->
                    notFound(byId.actorId())), CreateMode.GET, Input.none());
        };
    }

    /** Creates the actor of a {@code getOrCreate} target with its input; one created meanwhile by another request is fine. */
    void create(ActorHost host, dev.troupe.Caller caller, java.time.Duration timeout) {
        try {
            host.create(address, input, caller, timeout);
        } catch (TroupeException e) {
            if (!e.is(ErrorCode.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /** {@code actor/not_found} for an actor id. */
    static TroupeException notFound(String actorId) {
        return new TroupeException(ErrorCode.NOT_FOUND, "no actor has the id '" + actorId + "'",
                Map.of("actorId", actorId));
    }
}

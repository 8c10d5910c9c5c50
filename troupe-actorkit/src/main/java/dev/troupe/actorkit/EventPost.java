package dev.troupe.actorkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Caller;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.CreateMode;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.wire.Targets;
import dev.troupe.server.wire.WireErrors;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/{type}/{id}}: one event, the body {@code {"type": …, …}}, answered {@code 200
 * {"success": true}} once the turn it ran is durable. The caller's {@code caller} is set on the server
 * (a machine overwrites what the body says); the event is checked against what the caller's type may
 * send: {@code 400 machine/unknown_event}, {@code 403 machine/event_forbidden}, {@code 400
 * machine/invalid_event}, each with Actor Kit's {@code error} field beside Troupe's error body, and
 * nothing changes. Stateless.
 */
final class EventPost {
    /** The answer to an event that ran. */
    private static final byte[] SUCCESS = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);

    private EventPost() {
    }

    static void serve(Exchange ex, ActorKit settings, ActorKitTokens tokens, String type, String id)
            throws InterruptedException {
        ex.checkDeclaredLength();
        Gateway gateway = ex.gateway();
        Served served = Served.of(settings, gateway.host(), type, id);
        Caller caller = tokens.caller(Bearer.of(ex.authorization()), type, id, false);
        try {
            Served.Call call = served.call(Targets.parse(ex.body()));
            gateway.await(gateway.host().call(served.address(), call.action(), call.args(), caller,
                    CreateMode.GET_OR_CREATE, Input.none(), null),
                    () -> "event " + call.action().name() + " of " + served.address());
        } catch (TroupeException e) {
            gateway.metrics().error(e.error().qualifiedCode());
            ObjectNode body = WireErrors.body(e.error());
            body.put("error", e.error().message());
            ex.json(e.status(), body);
            return;
        }
        ex.send(200, "application/json", SUCCESS);
    }
}

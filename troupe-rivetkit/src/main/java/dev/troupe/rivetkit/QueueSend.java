package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.ActorHost;
import dev.troupe.host.CreateMode;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.wire.Targets;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /gateway/{target}/queue/{name}}: RivetKit's {@code handle.send(name, body)}, a message to
 * the actor's durable queue (docs/queues.md). The request is {@code {body, name?, wait?, timeout?}} in
 * the json or cbor encoding; the answer {@code {"status":"completed"}} comes once the message is
 * durable. {@code wait: true} (waiting for the handler's answer) and the bare encoding answer
 * {@code 501 actor/not_supported}. A {@code getOrCreate} target creates the actor first. Stateless.
 */
final class QueueSend {
    private static final Set<String> FIELDS = Set.of("body", "name", "wait", "timeout");

    private QueueSend() {
    }

    static void serve(Exchange ex, RivetKit settings, String segment, String queue) {
        ex.checkDeclaredLength();
        Gateway gateway = ex.gateway();
        ActorHost host = gateway.host();
        WireEncoding encoding = WireEncoding.named(ex.request().getHeaders().get("x-rivet-encoding"));
        JsonNode request = switch (encoding) {
            case JsonEncoding json -> JsonCompat.revive(Targets.parse(ex.body()));
            case CborEncoding cbor -> Cbor.read(ex.body(), "the queue message");
            case BareEncoding bare -> throw new TroupeException(ErrorCode.NOT_SUPPORTED,
                    "queue messages in RivetKit's bare encoding are not supported; use the json or cbor encoding",
                    Map.of("feature", "queue", "encoding", bare.name()));
        };
        checkFields(request);
        if (request.path("wait").asBoolean(false)) {
            throw new TroupeException(ErrorCode.NOT_SUPPORTED, "waiting for a queue message's completion "
                    + "(wait: true) is not supported; send without wait", Map.of("feature", "queue.wait"));
        }
        GatewayTarget target = GatewayTarget.parse(segment, Query.of(ex.request()), settings.namespace());
        Caller caller = Credentials.caller(gateway.authenticator(), target.token(),
                Credentials.headerToken(ex.request().getHeaders().get("x-rivet-token"), ex.authorization()));
        Destination destination = Destination.of(target, host);
        if (destination.mode() != CreateMode.GET && host.info(destination.address(), caller).isEmpty()) {
            destination.create(host, caller, gateway.config().callTimeout());
        }
        host.enqueue(destination.address(), queue, request.get("body"), caller);
        ObjectNode answer = Json.mapper().createObjectNode().put("status", "completed");
        ex.send(200, encoding.contentType(), encoding instanceof CborEncoding ? Cbor.write(answer)
                : answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void checkFields(JsonNode request) {
        if (!request.isObject()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "the queue request must be an object {\"body\":…}");
        }
        for (String field : (Iterable<String>) request::fieldNames) {
            if (!FIELDS.contains(field)) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "the queue request has an unknown field '"
                        + field + "'; expected " + FIELDS, Map.of("field", field));
            }
        }
    }
}

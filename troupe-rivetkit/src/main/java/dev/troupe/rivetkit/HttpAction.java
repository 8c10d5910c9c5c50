package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.host.ActorHost;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.HostConnection;
import dev.troupe.host.HostedAction;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.wire.Targets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /gateway/{target}/action/{name}}: one stateless action in the request's encoding
 * ({@code x-rivet-encoding}, json when absent), answered once the turn is durable. With {@link
 * RivetKit#preflightConnect} on, the call runs inside a connection opened with the {@code
 * x-rivet-conn-params} and closed after it. Errors answer as JSON ({@code {group, code, message,
 * metadata}}), which RivetKit's client reads whatever encoding it chose. Stateless.
 */
final class HttpAction {
    private static final ConnectionSink NO_EVENTS = new ConnectionSink() {
        @Override
        public void event(String name, List<Object> args) {
            // a preflight connection lives for one call and subscribes to nothing
        }

        @Override
        public void closed(ActorError reason) {
            // the call's own answer reports what went wrong
        }
    };

    private HttpAction() {
    }

    static void serve(Exchange ex, RivetKit settings, String segment, String actionName) throws InterruptedException {
        ex.checkDeclaredLength();
        Gateway gateway = ex.gateway();
        ActorHost host = gateway.host();
        WireEncoding encoding = WireEncoding.named(ex.request().getHeaders().get("x-rivet-encoding"));
        GatewayTarget target = GatewayTarget.parse(segment, Query.of(ex.request()), settings.namespace());
        Caller caller = Credentials.caller(gateway.authenticator(), target.token(),
                Credentials.headerToken(ex.request().getHeaders().get("x-rivet-token"), ex.authorization()));
        Destination destination = Destination.of(target, host);
        HostedAction action = host.type(destination.address().type()).action(actionName);
        Object[] args = action.decodeArgs(encoding.readActionArgs(ex.body()));
        Supplier<String> where = () -> "action " + actionName + " of " + destination.address();
        Object output;
        if (settings.preflightConnect()) {
            Map<String, Object> params = params(ex.request().getHeaders().get("x-rivet-conn-params"));
            HostConnection connection = gateway.await(host.connect(destination.address(), caller, params,
                    NO_EVENTS, destination.mode(), destination.input()), () -> "connect to " + destination.address());
            try {
                output = gateway.await(host.call(destination.address(), action, args, caller,
                        destination.mode(), destination.input(), connection), where);
            } finally {
                connection.close();
            }
        } else {
            output = gateway.await(host.call(destination.address(), action, args, caller, destination.mode(),
                    destination.input(), null), where);
        }
        JsonNode tree = Json.mapper().valueToTree(output);
        ex.send(200, encoding.contentType(), encoding.writeActionOutput(tree));
    }

    /** {@code x-rivet-conn-params}: the JSON of the conn params, absent for none. */
    static Map<String, Object> params(@Nullable String header) {
        return header == null ? Map.of() : Targets.params(Targets.parse(header));
    }
}

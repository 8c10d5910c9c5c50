package dev.troupe.actorkit;

import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Protocol;
import dev.troupe.server.protocol.Route;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * Actor Kit's routes, mounted at {@code /api}: only {@code /api/{type}/{id}} exists, where {@code GET}
 * is a snapshot fetch ({@link SnapshotFetch}) or, with {@code Upgrade: websocket}, the WebSocket
 * ({@link ActorKitUpgrade}), and {@code POST} sends an event ({@link EventPost}). The route's template
 * is the metrics label, so neither the id nor the token in the URL reaches the metrics. Thread-safe.
 */
final class ApiProtocol implements Protocol {
    static final String PREFIX = "/api";
    private static final String TEMPLATE = PREFIX + "/{type}/{id}";

    private final ActorKit settings;
    private final ActorKitTokens tokens;

    ApiProtocol(ActorKit settings) {
        this.settings = settings;
        this.tokens = new ActorKitTokens(settings, Clock.systemUTC());
    }

    @Override
    public String pathPrefix() {
        return PREFIX;
    }

    @Override
    public @Nullable Route route(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length != 4 || !parts[1].equals("api") || parts[2].isEmpty() || parts[3].isEmpty()) {
            return null;
        }
        String type = parts[2];
        String id = parts[3];
        return Route.call(TEMPLATE, List.of("GET", "POST"), ex -> serve(ex, type, id));
    }

    private void serve(Exchange ex, String type, String id) throws InterruptedException {
        if (ex.method().equals("POST")) {
            EventPost.serve(ex, settings, tokens, type, id);
        } else if ("websocket".equalsIgnoreCase(ex.request().getHeaders().get(HttpHeader.UPGRADE))) {
            ActorKitUpgrade.upgrade(ex, settings, tokens, type, id);
        } else {
            SnapshotFetch.serve(ex, settings, tokens, type, id);
        }
    }
}

package dev.troupe.rivetkit;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Protocol;
import dev.troupe.server.protocol.Route;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * RivetKit's gateway, mounted at {@code /gateway}: {@code /gateway/{target}/action/{name}} (a stateless
 * action) and {@code /gateway/{target}/connect} (a WebSocket connection), where the target is an actor
 * name with {@code rvt-*} parameters or an actor id with an optional {@code @token} ({@link
 * GatewayTarget}), and {@code /gateway/{target}/queue/{name}} (a message to the actor's queue, {@link
 * QueueSend}), {@code /gateway/{target}/request/{path}} and {@code /gateway/{target}/websocket/{path}}
 * (the actor's raw handlers, {@link RawGateway}). The inspector, which Troupe lacks, answers
 * {@code 501 actor/not_supported}. Stateless and thread-safe.
 */
final class GatewayProtocol implements Protocol {
    static final String PREFIX = "/gateway";
    private static final Set<String> UNSUPPORTED = Set.of("inspector");
    /** The methods of {@code …/request/…} ({@code HEAD} as {@code GET}; {@code OPTIONS} is the server's). */
    private static final List<String> RAW_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final RivetKit settings;

    GatewayProtocol(RivetKit settings) {
        this.settings = settings;
    }

    @Override
    public String pathPrefix() {
        return PREFIX;
    }

    @Override
    public @Nullable Route route(String path) {
        if (!path.startsWith(PREFIX + "/")) {
            return null;
        }
        String[] parts = path.substring(PREFIX.length() + 1).split("/", -1);
        if (parts.length < 2 || parts[0].isEmpty()) {
            return null;
        }
        String target = parts[0];
        if (parts.length == 3 && parts[1].equals("action") && !parts[2].isEmpty()) {
            String action = parts[2];
            return Route.call("/gateway/{target}/action/{action}", List.of("POST"), ex -> HttpAction.serve(ex, settings, target, action));
        }
        if (parts.length == 2 && parts[1].equals("connect")) {
            return Route.of("/gateway/{target}/connect", List.of("GET"), ex -> RivetUpgrade.upgrade(ex, settings, target));
        }
        if (parts.length == 3 && parts[1].equals("queue") && !parts[2].isEmpty()) {
            String queue = parts[2];
            return Route.call("/gateway/{target}/queue/{name}", List.of("POST"), ex -> QueueSend.serve(ex, settings, target, queue));
        }
        if (parts[1].equals("request") || parts[1].equals("websocket")) {
            String below = "/" + String.join("/", java.util.Arrays.asList(parts).subList(2, parts.length));
            return parts[1].equals("request")
                    ? Route.call("/gateway/{target}/request/{path}", RAW_METHODS, ex -> RawGateway.request(ex, settings, target, below))
                    : Route.call("/gateway/{target}/websocket/{path}", List.of("GET"), ex -> RawGateway.websocket(ex, settings, target, below));
        }
        if (UNSUPPORTED.contains(parts[1])) {
            String feature = parts[1];
            return Route.of("/gateway/{target}/" + feature, List.of("GET", "POST", "PUT", "DELETE"), ex -> notSupported(ex, feature));
        }
        return null;
    }

    private static void notSupported(Exchange ex, String feature) {
        throw new TroupeException(ErrorCode.NOT_SUPPORTED, "Troupe does not support the RivetKit inspector yet; see docs/compat.md",
                Map.of("feature", feature));
    }
}

package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.host.HostedType;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Protocol;
import dev.troupe.server.protocol.Route;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /metadata}: what RivetKit's client asks first, and retries until it answers 2xx: the
 * runtime ({@code rivetkit}), its version and the actor names (the registered Troupe types). Omits
 * {@code clientEndpoint}, so the client keeps the endpoint it was given. Stateless.
 */
final class MetadataProtocol implements Protocol {
    private static final String PATH = "/metadata";
    private final RivetKit settings;

    MetadataProtocol(RivetKit settings) {
        this.settings = settings;
    }

    @Override
    public String pathPrefix() {
        return PATH;
    }

    @Override
    public @Nullable Route route(String path) {
        return path.equals(PATH) ? Route.of(PATH, List.of("GET"), this::metadata) : null;
    }

    private void metadata(Exchange ex) {
        Query.checkNamespace(Query.of(ex.request()), settings.namespace());
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("runtime", "rivetkit");
        answer.put("version", RivetKit.CLIENT_VERSION);
        ObjectNode names = answer.putObject("actorNames");
        for (HostedType type : ex.gateway().host().types()) {
            names.putObject(type.name()).putObject("metadata");
        }
        ex.json(200, answer);
    }
}

package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.Key;
import dev.troupe.host.ActorHost;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /v1/actors/{type}/list?prefix=…&limit=…&cursor=…}: one page of the actors of a type, in
 * id order, read from the store without waking them. {@code prefix} parameters, repeated in order as
 * {@code key} is, are a key prefix matched part by part ({@code ?prefix=acme} lists {@code
 * ["acme","general"]} and {@code ["acme"]}, not {@code ["acmes"]}). The answer is {@code
 * {"actors":[{"id","type","key","createdAt"}…],"next":cursor|null}}; {@code next} is null on the last
 * page. Needs {@code #list}, which the runtime grants system and service callers and clients only by
 * name. Stateless; runs on the request's virtual thread.
 */
final class ActorListing {
    private ActorListing() {
    }

    /** Serves the route for {@code typeName}. */
    static void list(Exchange ex, String typeName) {
        Caller caller = ex.caller();
        ActorHost host = ex.gateway().host();
        host.type(typeName);
        Key prefix = Key.of(ex.queryValues("prefix"));
        int limit = Paging.limit(ex);
        @Nullable String cursor = ex.queryValue("cursor");
        @Nullable String afterId = cursor == null ? null : ListCursor.lastId(cursor);
        List<ActorInfo> page = host.list(typeName, prefix, afterId, limit + 1, caller);
        ObjectNode answer = Json.mapper().createObjectNode();
        ArrayNode actors = answer.putArray("actors");
        page.stream().limit(limit).forEach(info -> actors.add(ActorEndpoints.info(info)));
        if (page.size() > limit) {
            answer.put("next", ListCursor.after(page.get(limit - 1).id()));
        } else {
            answer.putNull("next");
        }
        ex.json(200, answer);
    }
}

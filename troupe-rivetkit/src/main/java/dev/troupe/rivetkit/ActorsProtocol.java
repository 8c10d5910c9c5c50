package dev.troupe.rivetkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorInfo;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.host.ActorHost;
import dev.troupe.host.Address;
import dev.troupe.json.Json;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Protocol;
import dev.troupe.server.protocol.Route;
import dev.troupe.server.wire.Targets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * RivetKit's {@code /actors} REST API, JSON only: {@code POST /actors} creates ({@code 409
 * actor/duplicate_key} if the key is taken), {@code PUT /actors} gets or creates ({@code {actor,
 * created}}), {@code GET /actors?actor_ids=…} and {@code ?name=&key=} find actors ({@code {actors:[…]}},
 * empty when none), {@code ?name=} alone lists a type's actors page by page (see {@link #page}), {@code
 * DELETE /actors/{id}} destroys. Keys use RivetKit's {@code /} spelling
 * ({@link ActorKeys}); {@code input} is base64 of the CBOR of its compat form. Every operation is
 * authorised by the runtime with the caller of {@code Authorization: Bearer}. Stateless.
 */
final class ActorsProtocol implements Protocol {
    private static final String PREFIX = "/actors";
    private static final Set<String> CREATE_FIELDS = Set.of("name", "key", "input", "runner_name_selector",
            "crash_policy", "datacenter");
    private static final Set<String> LIST_PARAMETERS = Set.of("namespace", "actor_ids", "name", "key", "cursor",
            "limit");
    /** Actors a page of {@code ?name=} holds unless {@code limit} says otherwise, as in protocol v1. */
    private static final int DEFAULT_PAGE = 100;
    /** The most actors one page holds, as in protocol v1. */
    private static final int MAX_PAGE = 1_000;

    private final RivetKit settings;

    ActorsProtocol(RivetKit settings) {
        this.settings = settings;
    }

    @Override
    public String pathPrefix() {
        return PREFIX;
    }

    @Override
    public @Nullable Route route(String path) {
        if (path.equals(PREFIX)) {
            return Route.call(PREFIX, List.of("GET", "POST", "PUT"), this::collection);
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        if (parts.length == 2 && !parts[1].isEmpty()) {
            String id = parts[1];
            return Route.call("/actors/{id}", List.of("DELETE"), ex -> destroy(ex, id));
        }
        if (parts.length > 2 && !parts[1].isEmpty() && parts[2].equals("kv")) {
            return Route.of("/actors/{id}/kv", List.of("GET", "PUT", "POST", "DELETE"), ActorsProtocol::kvNotSupported);
        }
        return null;
    }

    private void collection(Exchange ex) {
        ex.checkDeclaredLength();
        Map<String, List<String>> query = Query.of(ex.request());
        Query.checkNamespace(query, settings.namespace());
        Caller caller = ex.caller();
        switch (ex.method()) {
            case "GET" -> ex.json(200, list(ex.gateway().host(), query, caller));
            case "POST" -> {
                ObjectNode body = ex.jsonObjectBody(CREATE_FIELDS);
                ActorInfo info = ex.gateway().host().create(address(ex, body), input(body), caller, timeout(ex));
                ObjectNode answer = Json.mapper().createObjectNode();
                answer.set("actor", actor(info));
                ex.json(200, answer);
            }
            default -> ex.json(200, getOrCreate(ex, ex.jsonObjectBody(CREATE_FIELDS), caller));
        }
    }

    private ObjectNode getOrCreate(Exchange ex, ObjectNode body, Caller caller) {
        ActorHost host = ex.gateway().host();
        Address address = address(ex, body);
        Optional<ActorInfo> existing = host.info(address, caller);
        boolean created = false;
        ActorInfo info;
        if (existing.isPresent()) {
            info = existing.get();
        } else {
            try {
                info = host.create(address, input(body), caller, timeout(ex));
                created = true;
            } catch (TroupeException e) {
                if (!e.is(ErrorCode.DUPLICATE_KEY)) {
                    throw e;
                }
                info = host.info(address, caller).orElseThrow(() -> e);
            }
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.set("actor", actor(info));
        answer.put("created", created);
        return answer;
    }

    private ObjectNode list(ActorHost host, Map<String, List<String>> query, Caller caller) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!LIST_PARAMETERS.contains(parameter.getKey())) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "unknown parameter '" + parameter.getKey()
                        + "'; expected " + LIST_PARAMETERS, Map.of("parameter", parameter.getKey()));
            }
            if (parameter.getValue().size() > 1) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "parameter '" + parameter.getKey()
                        + "' may appear once", Map.of("parameter", parameter.getKey()));
            }
        }
        String name = single(query, "name");
        if (name != null && single(query, "key") == null && single(query, "actor_ids") == null) {
            return page(host, name, query, caller);
        }
        if (single(query, "cursor") != null || single(query, "limit") != null) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "cursor and limit page a listing by name alone");
        }
        List<ActorInfo> found = new ArrayList<>();
        String ids = single(query, "actor_ids");
        String key = single(query, "key");
        if (ids != null) {
            if (name != null || key != null) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "give actor_ids, or name with key, not both");
            }
            for (String id : ids.split(",", -1)) {
                host.resolve(id).flatMap(address -> host.info(address, caller)).ifPresent(found::add);
            }
        } else if (name != null && key != null) {
            host.info(Targets.address(host, name, ActorKeys.deserialize(key)), caller).ifPresent(found::add);
        } else {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "give actor_ids, or name with key");
        }
        return answer(found, null);
    }

    /**
     * {@code ?name=} alone: one page of the actors of that type, through the runtime's listing (so it
     * needs {@code #list}, which clients have only where a rule grants it by name), in id order. The
     * page's {@code pagination.cursor} is the last actor id when more follow (null on the last page),
     * and {@code ?cursor=} starts after it; {@code ?limit=} is 1 to 1000, 100 without one. RivetKit's
     * own client reads the first page only.
     */
    private ObjectNode page(ActorHost host, String name, Map<String, List<String>> query, Caller caller) {
        int limit = limit(single(query, "limit"));
        List<ActorInfo> page = host.list(name, Key.empty(), single(query, "cursor"), limit + 1, caller);
        List<ActorInfo> actors = page.subList(0, Math.min(limit, page.size()));
        return answer(actors, page.size() > limit ? actors.getLast().id() : null);
    }

    private static int limit(@Nullable String value) {
        if (value == null) {
            return DEFAULT_PAGE;
        }
        int parsed = value.matches("\\d{1,4}") ? Integer.parseInt(value) : -1;
        if (parsed < 1 || parsed > MAX_PAGE) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "limit must be an integer from 1 to " + MAX_PAGE
                    + ", got '" + value + "'", Map.of("parameter", "limit", "value", value));
        }
        return parsed;
    }

    private ObjectNode answer(List<ActorInfo> found, @Nullable String cursor) {
        ArrayNode actors = Json.mapper().createArrayNode();
        found.forEach(info -> actors.add(actor(info)));
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.set("actors", actors);
        answer.putObject("pagination").put("cursor", cursor);
        return answer;
    }

    private void destroy(Exchange ex, String id) {
        Query.checkNamespace(Query.of(ex.request()), settings.namespace());
        Caller caller = ex.caller();
        ActorHost host = ex.gateway().host();
        Address address = host.resolve(id).orElseThrow(() -> Destination.notFound(id));
        host.destroy(address, caller, timeout(ex));
        ex.json(200, Json.mapper().createObjectNode());
    }

    private static void kvNotSupported(Exchange ex) {
        throw new TroupeException(ErrorCode.NOT_SUPPORTED, "Troupe does not expose an actor's KV storage; see"
                + " docs/compat.md", Map.of("feature", "kv"));
    }

    private static Address address(Exchange ex, ObjectNode body) {
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "the body needs a string 'name', the actor type");
        }
        JsonNode key = body.get("key");
        if (key != null && !key.isNull() && !key.isTextual()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "'key' must be a string (RivetKit's serialised key)");
        }
        List<String> parts = key == null || key.isNull() ? List.of() : ActorKeys.deserialize(key.asText());
        return Targets.address(ex.gateway().host(), name.asText(), parts);
    }

    private static Input input(ObjectNode body) {
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            return Input.none();
        }
        if (!input.isTextual()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "'input' must be base64 of CBOR");
        }
        byte[] cbor;
        try {
            cbor = Base64.getDecoder().decode(input.asText());
        } catch (IllegalArgumentException e) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "'input' must be base64 of CBOR: " + e.getMessage());
        }
        return Input.of(JsonCompat.revive(Cbor.read(cbor, "input")));
    }

    private ObjectNode actor(ActorInfo info) {
        ObjectNode actor = Json.mapper().createObjectNode();
        long created = info.createdAt().toEpochMilli();
        actor.put("actor_id", info.id());
        actor.put("name", info.type());
        actor.put("key", ActorKeys.serialize(info.key().parts()));
        actor.put("namespace_id", settings.namespace());
        actor.put("runner_name_selector", "default");
        actor.put("crash_policy", "sleep");
        actor.put("create_ts", created);
        actor.put("start_ts", created);
        actor.put("connectable_ts", created);
        actor.putNull("sleep_ts");
        actor.putNull("destroy_ts");
        return actor;
    }

    private static @Nullable String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null ? null : values.getFirst();
    }

    private static Duration timeout(Exchange ex) {
        return ex.gateway().config().callTimeout();
    }
}

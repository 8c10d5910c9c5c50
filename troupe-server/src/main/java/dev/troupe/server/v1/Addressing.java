package dev.troupe.server.v1;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.host.Address;
import dev.troupe.host.CreateMode;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.wire.Targets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a v1 request names its actor ({@link Target}): the type from the route and the key from the
 * repeated {@code key} query parameters, in order, with {@code ?mode=} saying whether it may create the
 * actor; or an id from the route, which names an existing actor and never creates one (so such a
 * request takes neither {@code key} nor {@code mode}). Stateless.
 */
final class Addressing {
    /** An actor id: a UUID in its lower-case canonical form, as the runtime draws them. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The parameters that name or create an actor by key, which a request by id must not carry. */
    private static final List<String> KEY_PARAMETERS = List.of("key", "mode");

    private Addressing() {
    }

    /**
     * The actor the request names. By id, the id must be well-formed and name an existing actor; the
     * store is asked once, and the actor may still be destroyed before the operation runs (which then
     * finds it absent, as {@code mode=get} does).
     *
     * @throws TroupeException {@code actor/type_not_found} or {@code request/invalid_key} by key;
     *                         {@code request/invalid_id}, {@code request/invalid_request} (a {@code key}
     *                         or {@code mode} parameter) or {@code actor/not_found} by id
     */
    static Address address(Exchange ex, Target target) {
        return switch (target) {
            case Target.ByKey byKey -> Targets.address(ex.gateway().host(), byKey.type(), ex.queryValues("key"));
            case Target.ById byId -> resolve(ex, byId.id());
        };
    }

    /** The creation mode: from {@code ?mode=} by key ({@code absent} without one); by id always {@code get}. */
    static CreateMode mode(Exchange ex, Target target, CreateMode absent) {
        return target instanceof Target.ById ? CreateMode.GET : Targets.mode(ex.queryValue("mode"), absent);
    }

    /**
     * Checks that {@code id} is an actor id.
     *
     * @throws TroupeException {@code request/invalid_id}
     */
    static String checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new TroupeException(ErrorCode.INVALID_ID, "an actor id is a lower-case UUID such as "
                    + "'0190a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b'; got '" + id + "'", Map.of("id", id));
        }
        return id;
    }

    private static Address resolve(Exchange ex, String id) {
        checkId(id);
        for (String parameter : KEY_PARAMETERS) {
            if (!ex.queryValues(parameter).isEmpty()) {
                throw new TroupeException(ErrorCode.INVALID_REQUEST, "an actor addressed by id takes no '" + parameter
                        + "' parameter: the id names one existing actor", Map.of("parameter", parameter));
            }
        }
        return ex.gateway().host().resolve(id).orElseThrow(() -> new TroupeException(ErrorCode.NOT_FOUND,
                "no actor has the id " + id, Map.of("id", id)));
    }
}
